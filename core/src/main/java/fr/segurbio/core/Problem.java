package fr.segurbio.core;

import java.util.Locale;
import java.util.Objects;

/**
 * One problem found in an input: its stable code, severity, where it is ({@code path}: a field name, a JSON
 * pointer, an XPath, a line number — whatever locates it for the user) and its message in French and English.
 *
 * <pre>{@code
 * Problem p = Problem.of(InsError.WRONG_KEY, "matricule", "42", "17");
 * p.code().id();        // "INS-003"
 * p.message(Locale.FRENCH);
 * }</pre>
 *
 * @param code the stable code
 * @param severity how serious it is
 * @param path where it is; empty when the whole input is concerned
 * @param messageFr the message in French
 * @param messageEn the message in English
 */
public record Problem(ErrorCode code, Severity severity, String path, String messageFr, String messageEn) {

    /**
     * Checks the fields.
     *
     * @param code the stable code
     * @param severity how serious it is
     * @param path where it is; empty when the whole input is concerned
     * @param messageFr the message in French
     * @param messageEn the message in English
     */
    public Problem {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(severity, "severity");
        path = path == null ? "" : path;
        Objects.requireNonNull(messageFr, "messageFr");
        Objects.requireNonNull(messageEn, "messageEn");
    }

    /**
     * A problem with the code's default severity, its messages formatted with {@code args}.
     *
     * @param code the stable code
     * @param path where the problem is ({@code ""} for the whole input)
     * @param args the arguments of the message templates
     * @return the problem
     */
    public static Problem of(ErrorCode code, String path, Object... args) {
        return of(code, code.severity(), path, args);
    }

    /**
     * A problem with an explicit severity.
     *
     * @param code the stable code
     * @param severity the severity, overriding the code's default
     * @param path where the problem is ({@code ""} for the whole input)
     * @param args the arguments of the message templates
     * @return the problem
     */
    public static Problem of(ErrorCode code, Severity severity, String path, Object... args) {
        return new Problem(code, severity, path,
                String.format(Locale.FRENCH, code.frenchTemplate(), args),
                String.format(Locale.ENGLISH, code.englishTemplate(), args));
    }

    /**
     * The English message.
     *
     * @return the message in English
     */
    public String message() {
        return messageEn;
    }

    /**
     * The message in the given language: French for a French locale, English otherwise.
     *
     * @param locale the reader's locale
     * @return the message
     */
    public String message(Locale locale) {
        return "fr".equals(locale.getLanguage()) ? messageFr : messageEn;
    }

    /**
     * {@code true} for a problem of severity {@link Severity#ERROR}.
     *
     * @return whether this problem makes the input invalid
     */
    public boolean isError() {
        return severity == Severity.ERROR;
    }

    /**
     * The same problem located under a parent path ({@code "patient"} + {@code "birthDate"} gives
     * {@code "patient.birthDate"}).
     *
     * @param parent the parent path
     * @return the relocated problem
     */
    public Problem under(String parent) {
        if (parent == null || parent.isEmpty()) {
            return this;
        }
        String p = path.isEmpty() ? parent : path.startsWith("[") ? parent + path : parent + "." + path;
        return new Problem(code, severity, p, messageFr, messageEn);
    }

    @Override
    public String toString() {
        return code.id() + (path.isEmpty() ? "" : " [" + path + "]") + ": " + messageEn;
    }
}
