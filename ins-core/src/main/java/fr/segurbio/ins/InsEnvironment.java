package fr.segurbio.ins;

/**
 * Where the software runs: in {@link #PRODUCTION} only the production OIDs ({@code .8} NIR, {@code .9} NIA) are
 * accepted; in {@link #TEST} the INS-NIR test ({@code .10}) and démonstration ({@code .11}) OIDs are accepted too.
 *
 * <pre>{@code
 * InsEnvironment.PRODUCTION.accepts(AssigningAuthority.NIR_TEST);   // false
 * Ins.of("275126322074974", "1.2.250.1.213.1.4.10", InsEnvironment.TEST);
 * }</pre>
 */
public enum InsEnvironment {
    /** Real patients: test and demonstration OIDs are refused. */
    PRODUCTION,
    /** Qualification, CNDA tests, demonstrations: every INS OID is accepted. */
    TEST;

    /**
     * Whether an INS of this authority may be used here.
     *
     * @param authority the assigning authority
     * @return {@code true} when accepted
     */
    public boolean accepts(AssigningAuthority authority) {
        return this == TEST || authority.isProduction();
    }
}
