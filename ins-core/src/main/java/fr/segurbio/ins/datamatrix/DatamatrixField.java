package fr.segurbio.ins.datamatrix;

/**
 * The fields of the INS Datamatrix (ANS "Format datamatrix INS" v2.2): identifier, maximum length and whether the
 * length is fixed. A variable-length field shorter than its maximum is followed by a GS ({@code 0x1D}) unless it
 * is the last one.
 *
 * <pre>{@code
 * DatamatrixField.S3.maxLength();   // 100
 * }</pre>
 */
public enum DatamatrixField {
    /** Matricule INS, 15 characters. */
    S1(15, true, "matricule INS", "matricule INS"),
    /** OID of the assigning authority, up to 20 characters. */
    S2(20, false, "OID de l'autorité d'affectation", "assigning authority OID"),
    /** List of birth first names, space-separated, up to 100 characters. */
    S3(100, false, "liste des prénoms de naissance", "birth first names"),
    /** Birth name, up to 100 characters. */
    S4(100, false, "nom de naissance", "birth name"),
    /** Sex, {@code M} or {@code F}. */
    S5(1, true, "sexe", "sex"),
    /** Birth date {@code JJ-MM-AAAA}. */
    S6(10, true, "date de naissance", "birth date"),
    /** Birth place (COG), 5 characters, optional. */
    S7(5, true, "lieu de naissance", "birth place");

    private final int maxLength;
    private final boolean fixed;
    private final String fr;
    private final String en;

    DatamatrixField(int maxLength, boolean fixed, String fr, String en) {
        this.maxLength = maxLength;
        this.fixed = fixed;
        this.fr = fr;
        this.en = en;
    }

    /**
     * The maximum length (the exact length of a fixed-length field).
     *
     * @return the number of characters
     */
    public int maxLength() {
        return maxLength;
    }

    /**
     * Whether the field always has {@link #maxLength()} characters.
     *
     * @return {@code true} for S1, S5, S6, S7
     */
    public boolean isFixedLength() {
        return fixed;
    }

    /**
     * The field's content for a reader.
     *
     * @param french {@code true} for French
     * @return for example {@code "nom de naissance"}
     */
    public String label(boolean french) {
        return french ? fr : en;
    }
}
