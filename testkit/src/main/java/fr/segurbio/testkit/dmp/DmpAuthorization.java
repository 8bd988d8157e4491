package fr.segurbio.testkit.dmp;

/**
 * The structure's authorisation on a patient's DMP, as TD0.2 reports it. {@link #FORBIDDEN} also makes the
 * simulator refuse every other transaction on that patient ({@code DMPAccessDenied}).
 *
 * <pre>{@code
 * simulator.patient("2900175056031").authorization(DmpAuthorization.FORBIDDEN);
 * }</pre>
 */
public enum DmpAuthorization {
    /** Valid authorisation ({@code VALIDE}). */
    VALID("VALIDE"),
    /** No authorisation yet ({@code NON_EXISTE}); feeding is still allowed. */
    NONE("NON_EXISTE"),
    /** Expired ({@code EXPIRE}); feeding is still allowed. */
    EXPIRED("EXPIRE"),
    /** The patient forbade this structure ({@code INTERDIT}). */
    FORBIDDEN("INTERDIT");

    private final String code;

    DmpAuthorization(String code) {
        this.code = code;
    }

    /**
     * The code in the TD0.2 answer.
     *
     * @return the code
     */
    public String code() {
        return code;
    }
}
