package fr.segurbio.ins;

/**
 * The RNIV identity attributes. {@link #DOUTEUSE} and {@link #FICTIVE} keep the identity
 * {@link IdentityStatus#PROVISOIRE} and forbid calling INSi; only {@link #DOUTEUSE} and {@link #HOMONYME} may be
 * combined.
 *
 * <pre>{@code
 * IdentityAttribute.FICTIVE.forbidsInsi();   // true
 * }</pre>
 */
public enum IdentityAttribute {
    /** Identité douteuse: doubtful, possibly usurped. */
    DOUTEUSE("DOUT"),
    /** Identité fictive: a made-up identity (anonymous care, tests…). */
    FICTIVE("FICT"),
    /** Identité homonyme: another patient has close traits. Compatible with every status. */
    HOMONYME("HOMA");

    private final String code;

    IdentityAttribute(String code) {
        this.code = code;
    }

    /**
     * The FHIR FR Core code.
     *
     * @return {@code DOUT}, {@code FICT} or {@code HOMA}
     */
    public String code() {
        return code;
    }

    /**
     * Whether this attribute forbids calling INSi.
     *
     * @return {@code true} for DOUTEUSE and FICTIVE
     */
    public boolean forbidsInsi() {
        return this != HOMONYME;
    }
}
