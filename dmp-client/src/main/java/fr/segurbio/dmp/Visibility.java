package fr.segurbio.dmp;

/**
 * The DMP's restrictions of a document's visibility: each is an extra confidentialityCode (TRE_A07,
 * {@value #CODE_SYSTEM}) on the DocumentEntry, set at submission or by an ITI-57 metadata update.
 *
 * <pre>{@code
 * DmpSubmission.builder()...annonce(true)   // INVISIBLE_PATIENT until the consultation d'annonce
 * }</pre>
 */
public enum Visibility {
    /** Masked to professionals ({@code MASQUE_PS}). */
    HIDDEN_FROM_PROFESSIONALS("MASQUE_PS", "Masqué aux professionnels de santé"),
    /** Invisible to the patient ({@code INVISIBLE_PATIENT}), as for an "annonce" consultation. */
    HIDDEN_FROM_PATIENT("INVISIBLE_PATIENT", "Non visible par le patient"),
    /** Invisible to the legal representatives ({@code INVISIBLE_REPRESENTANTS_LEGAUX}). */
    HIDDEN_FROM_GUARDIANS("INVISIBLE_REPRESENTANTS_LEGAUX", "Non visible par les représentants légaux du patient");

    /** TRE_A07-StatutVisibiliteDocument. */
    public static final String CODE_SYSTEM = "1.2.250.1.213.1.1.4.13";

    private final String code;
    private final String label;

    Visibility(String code, String label) {
        this.code = code;
        this.label = label;
    }

    /**
     * The confidentialityCode.
     *
     * @return the code
     */
    public String code() {
        return code;
    }

    /**
     * The display name.
     *
     * @return the label
     */
    public String label() {
        return label;
    }

    /**
     * The restriction of a confidentialityCode.
     *
     * @param code the code
     * @return the restriction, or {@code null} for another code
     */
    public static Visibility fromCode(String code) {
        for (Visibility v : values()) {
            if (v.code.equals(code)) {
                return v;
            }
        }
        return null;
    }
}
