package fr.segurbio.cda.validation;

import java.util.Objects;

import fr.segurbio.core.Severity;

/**
 * One finding of a validation: its severity (from the schematron's {@code role}/{@code flag}, or the XSD
 * validator's level), where it comes from ({@code "xsd"}, {@code "xml"}, or a profile name such as
 * {@code "structuration-minimale"} or {@code "BIO-CR-BIO_2024.01"}), the assertion's id when it has one (or the
 * SDK's own code such as {@code CDA-502}), the assertion text, and the location (an XPath for schematrons, a
 * line and column for the XSD and the parser).
 *
 * <pre>{@code
 * for (Finding f : report.findings()) {
 *     System.out.println(f.severity().jsonName() + " " + f.source() + " " + f.location() + ": " + f.message());
 * }
 * }</pre>
 *
 * @param severity error, warning or info
 * @param source {@code "xml"}, {@code "xsd"} or the profile name
 * @param id the assertion id or the SDK code; {@code ""} when the assertion has none
 * @param message the assertion text (whitespace normalised) or the XSD message
 * @param location the XPath or {@code line L, column C}; {@code ""} for the whole document
 */
public record Finding(Severity severity, String source, String id, String message, String location) {

    /**
     * Checks the fields; {@code null} id and location become {@code ""}.
     *
     * @param severity error, warning or info
     * @param source {@code "xml"}, {@code "xsd"} or the profile name
     * @param id the assertion id or the SDK code
     * @param message the assertion text
     * @param location where
     */
    public Finding {
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(message, "message");
        id = id == null ? "" : id;
        location = location == null ? "" : location;
    }

    /**
     * Whether this finding makes the document invalid.
     *
     * @return {@code true} for {@link Severity#ERROR}
     */
    public boolean isError() {
        return severity == Severity.ERROR;
    }

    @Override
    public String toString() {
        return severity.jsonName() + " [" + source + (id.isEmpty() ? "" : " " + id) + "]"
                + (location.isEmpty() ? "" : " at " + location) + ": " + message;
    }
}
