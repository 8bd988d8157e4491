package fr.segurbio.ins;

/**
 * The sex trait as INSi knows it: {@code M} or {@code F} (INSi never returns an indeterminate sex).
 *
 * <pre>{@code
 * Sex.fromCode("F");   // Sex.F
 * }</pre>
 */
public enum Sex {
    /** Masculin. */
    M,
    /** Féminin. */
    F;

    /**
     * The one-letter code.
     *
     * @return {@code "M"} or {@code "F"}
     */
    public String code() {
        return name();
    }

    /**
     * The sex of a code.
     *
     * @param code {@code M} or {@code F}
     * @return the sex
     * @throws InsException {@code INS-028} for anything else
     */
    public static Sex fromCode(String code) {
        if ("M".equals(code)) {
            return M;
        }
        if ("F".equals(code)) {
            return F;
        }
        throw new InsException(InsError.SEX, String.valueOf(code));
    }
}
