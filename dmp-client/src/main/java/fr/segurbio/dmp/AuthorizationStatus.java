package fr.segurbio.dmp;

/**
 * The structure's (or professional's) authorisation on the patient's DMP, as TD0.2 tells it.
 *
 * <pre>{@code
 * boolean mayRead = status.authorization() == AuthorizationStatus.VALID;
 * }</pre>
 */
public enum AuthorizationStatus {
    /** Authorised ({@code VALIDE}). */
    VALID,
    /** The authorisation expired ({@code EXPIRE}). */
    EXPIRED,
    /** The patient forbade access ({@code INTERDIT}). */
    FORBIDDEN,
    /** No authorisation ({@code NON_EXISTE}). */
    NONE;

    /**
     * The value from the DMP's code.
     *
     * @param code {@code VALIDE}, {@code EXPIRE}, {@code INTERDIT}, {@code NON_EXISTE}
     * @return the status ({@link #NONE} for an unknown code)
     */
    public static AuthorizationStatus fromCode(String code) {
        if (code == null) {
            return NONE;
        }
        return switch (code.trim().toUpperCase(java.util.Locale.ROOT)) {
            case "VALIDE" -> VALID;
            case "EXPIRE" -> EXPIRED;
            case "INTERDIT" -> FORBIDDEN;
            default -> NONE;
        };
    }
}
