package fr.segurbio.core;

/**
 * A stable error code: an identifier that never changes meaning ({@code INS-012}), a default severity and a
 * message template in French and in English ({@link String#format} syntax, {@code %s} for arguments).
 *
 * <p>Each module declares its codes in one enum, for example:
 *
 * <pre>{@code
 * public enum InsError implements ErrorCode {
 *     WRONG_KEY("INS-003", Severity.ERROR,
 *             "La clé %s ne correspond pas au matricule (clé attendue : %s)",
 *             "Key %s does not match the matricule (expected key: %s)");
 *     // constructor storing the four fields, and their accessors
 * }
 * }</pre>
 */
public interface ErrorCode {

    /**
     * The stable identifier, {@code MODULE-NNN}.
     *
     * @return the identifier, for example {@code "INS-012"}
     */
    String id();

    /**
     * The severity a problem with this code has unless stated otherwise.
     *
     * @return the default severity
     */
    Severity severity();

    /**
     * The French message template.
     *
     * @return a {@link String#format} template
     */
    String frenchTemplate();

    /**
     * The English message template.
     *
     * @return a {@link String#format} template
     */
    String englishTemplate();
}
