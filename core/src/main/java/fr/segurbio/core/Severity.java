package fr.segurbio.core;

/**
 * How serious a {@link Problem} is. Only {@link #ERROR} makes a {@link ValidationResult} invalid.
 */
public enum Severity {
    /** The input cannot be used as it is. */
    ERROR,
    /** The input can be used, but someone should look at it. */
    WARNING,
    /** Information only. */
    INFO;

    /**
     * The lower-case name used in JSON output ({@code "error"}, {@code "warning"}, {@code "info"}).
     *
     * @return the JSON name
     */
    public String jsonName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
