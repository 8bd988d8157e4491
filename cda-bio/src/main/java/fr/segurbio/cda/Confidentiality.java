package fr.segurbio.cda;

/**
 * Confidentiality of the document (JDV XBasicConfidentialityKind, code system {@code 2.16.840.1.113883.5.25}).
 *
 * <pre>{@code
 * builder.confidentiality(Confidentiality.N);
 * }</pre>
 */
public enum Confidentiality {
    /** Normal. */
    N("Normal"),
    /** Restreint. */
    R("Restreint"),
    /** Très restreint. */
    V("Très restreint");

    private final String displayName;

    Confidentiality(String displayName) {
        this.displayName = displayName;
    }

    /**
     * The French display name.
     *
     * @return the display name
     */
    public String displayName() {
        return displayName;
    }

    /**
     * As a code.
     *
     * @return the code in {@link CodeSystems#CONFIDENTIALITY}
     */
    public Code code() {
        return Code.of(name(), CodeSystems.CONFIDENTIALITY, displayName);
    }
}
