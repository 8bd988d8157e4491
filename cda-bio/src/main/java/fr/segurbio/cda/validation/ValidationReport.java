package fr.segurbio.cda.validation;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

import fr.segurbio.cda.DocumentKind;
import fr.segurbio.core.Problem;
import fr.segurbio.core.Severity;
import fr.segurbio.core.ValidationResult;

/**
 * What a validation found: the document's kind (N3 or N1, absent when the input is not a readable CDA), the
 * volet whose schematron was applied (absent for N1), and every finding of every check.
 *
 * <pre>{@code
 * ValidationReport report = validator.validate(Path.of("cr-bio.xml"));
 * if (!report.isValid()) {
 *     report.errors().forEach(System.out::println);
 * }
 * String json = report.toJson();
 * }</pre>
 */
public final class ValidationReport {

    private final DocumentKind kind;
    private final String volet;
    private final List<Finding> findings;

    /**
     * The report of a document a caller refused before validating it (a batch out of memory budget, for
     * instance): no kind, no volet, the one finding given.
     *
     * <pre>{@code
     * ValidationReport r = ValidationReport.refused(new Finding(Severity.ERROR, "xml", "CDA-515", "too large", ""));
     * }</pre>
     *
     * @param finding why the document was not validated
     * @return the report
     */
    public static ValidationReport refused(Finding finding) {
        return new ValidationReport(null, null, List.of(java.util.Objects.requireNonNull(finding, "finding")));
    }

    ValidationReport(DocumentKind kind, String volet, List<Finding> findings) {
        this.kind = kind;
        this.volet = volet;
        this.findings = List.copyOf(findings);
    }

    /**
     * N3 or N1; absent when the input could not be read as a CDA.
     *
     * @return the kind
     */
    public Optional<DocumentKind> kind() {
        return Optional.ofNullable(kind);
    }

    /**
     * The volet whose schematron was applied, such as {@code "BIO-CR-BIO_2024.01"}; absent for N1 and for
     * inputs that are not CR-BIO.
     *
     * @return the volet
     */
    public Optional<String> volet() {
        return Optional.ofNullable(volet);
    }

    /**
     * Every finding, in check order (parser, XSD, then each profile).
     *
     * @return the findings (immutable)
     */
    public List<Finding> findings() {
        return findings;
    }

    /**
     * The findings of severity error.
     *
     * @return the errors
     */
    public List<Finding> errors() {
        return findings.stream().filter(Finding::isError).toList();
    }

    /**
     * The findings of one source ({@code "xsd"}, a profile name...).
     *
     * @param source the source
     * @return its findings
     */
    public List<Finding> from(String source) {
        return findings.stream().filter(f -> f.source().equals(source)).toList();
    }

    /**
     * Valid when no finding is an error.
     *
     * @return {@code true} when there is no error
     */
    public boolean isValid() {
        return findings.stream().noneMatch(Finding::isError);
    }

    /**
     * The findings as the SDK's {@link ValidationResult}: schematron and XSD findings carry
     * {@link CdaValidationError#SCHEMATRON_FINDING} / {@link CdaValidationError#XSD_FINDING} with the finding's own
     * text and severity, located at {@code source:location}.
     *
     * @return the result
     */
    public ValidationResult toValidationResult() {
        return ValidationResult.of(findings.stream().map(ValidationReport::toProblem).toList());
    }

    private static Problem toProblem(Finding f) {
        for (CdaValidationError code : CdaValidationError.values()) {
            if (code.id().equals(f.id())) {
                return new Problem(code, f.severity(), f.location(), f.message(), f.message());
            }
        }
        CdaValidationError code = "xsd".equals(f.source())
                ? CdaValidationError.XSD_FINDING : CdaValidationError.SCHEMATRON_FINDING;
        String path = f.location().isEmpty() ? f.source() : f.source() + ":" + f.location();
        return new Problem(code, f.severity(), path, f.message(), f.message());
    }

    /**
     * The report as the JSON the {@code segur cda validate --json} command prints:
     * {@code {"valid":…,"kind":"N3"|"N1"|null,"volet":…|null,"findings":[{"severity","source","id","message",
     * "location"}]}}.
     *
     * @return compact JSON
     */
    public String toJson() {
        return toJson(null);
    }

    /**
     * The report as one line of JSON Lines for a batch ({@code segur cda validate --json DIR}): the object of
     * {@link #toJson()} with the document's {@code "file"} first.
     *
     * <pre>{@code
     * out.println(validator.validate(file).toJson(file.toString()));
     * }</pre>
     *
     * @param file the document's path as given; {@code null} leaves the member out
     * @return compact JSON on one line
     */
    public String toJson(String file) {
        StringBuilder sb = new StringBuilder(256 + findings.size() * 160);
        sb.append('{');
        if (file != null) {
            sb.append("\"file\":");
            appendString(sb, file);
            sb.append(',');
        }
        sb.append("\"valid\":").append(isValid());
        sb.append(",\"kind\":");
        appendNullable(sb, kind == null ? null : kind.name());
        sb.append(",\"volet\":");
        appendNullable(sb, volet);
        sb.append(",\"findings\":[");
        for (int i = 0; i < findings.size(); i++) {
            Finding f = findings.get(i);
            if (i > 0) {
                sb.append(',');
            }
            sb.append("{\"severity\":");
            appendString(sb, f.severity().jsonName());
            sb.append(",\"source\":");
            appendString(sb, f.source());
            if (!f.id().isEmpty()) {
                sb.append(",\"id\":");
                appendString(sb, f.id());
            }
            sb.append(",\"message\":");
            appendString(sb, f.message());
            sb.append(",\"location\":");
            appendString(sb, f.location());
            sb.append('}');
        }
        sb.append("]}");
        return sb.toString();
    }

    private static void appendNullable(StringBuilder sb, String s) {
        if (s == null) {
            sb.append("null");
        } else {
            appendString(sb, s);
        }
    }

    static void appendString(StringBuilder sb, String s) {
        sb.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (c < 0x20) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        sb.append('"');
    }

    /**
     * Counts the findings of a severity.
     *
     * @param severity the severity
     * @return how many findings have it
     */
    public long count(Severity severity) {
        Objects.requireNonNull(severity, "severity");
        return findings.stream().filter(f -> f.severity() == severity).count();
    }

    @Override
    public String toString() {
        return (isValid() ? "valid" : "invalid") + " " + kind + " " + volet + " " + findings.size() + " findings";
    }
}
