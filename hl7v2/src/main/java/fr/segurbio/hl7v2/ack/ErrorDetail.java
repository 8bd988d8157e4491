package fr.segurbio.hl7v2.ack;

import fr.segurbio.core.Problem;
import fr.segurbio.hl7v2.Delimiters;
import fr.segurbio.hl7v2.Field;
import fr.segurbio.hl7v2.Segment;
import java.util.Objects;
import java.util.Optional;

/**
 * One ERR segment: where (ERR-2), the table 0357 condition (ERR-3), the severity (ERR-4, table 0516: {@code E}
 * error, {@code W} warning, {@code I} information, {@code F} fatal) and the application error (ERR-5: a volet
 * code 900–906, a DMP error, an SMTP code, or the SDK's {@code HL7-NNN}).
 *
 * <pre>{@code
 * ErrorDetail e = ErrorDetail.application("PID^1^3", VoletError.UNKNOWN_PATIENT);
 * e.toSegment(Delimiters.STANDARD).encode();
 * // ERR||PID^1^3|207^Application internal error^messageErrorCondition|E|902^Identifiant de patient inconnu^applicationErrorCode
 * }</pre>
 *
 * @param location ERR-2 as written ({@code PID^1^3}), {@code ""} when absent
 * @param conditionCode ERR-3.1
 * @param conditionText ERR-3.2
 * @param severity ERR-4
 * @param applicationCode ERR-5.1, {@code ""} when absent
 * @param applicationText ERR-5.2
 * @param applicationSystem ERR-5.3 ({@code applicationErrorCode}, {@code DMPERRORCODE}, {@code SMTPERRORCODE}…)
 */
public record ErrorDetail(String location, String conditionCode, String conditionText, String severity,
        String applicationCode, String applicationText, String applicationSystem) {

    /**
     * Normalises absent values to {@code ""}.
     *
     * @param location ERR-2
     * @param conditionCode ERR-3.1
     * @param conditionText ERR-3.2
     * @param severity ERR-4
     * @param applicationCode ERR-5.1
     * @param applicationText ERR-5.2
     * @param applicationSystem ERR-5.3
     */
    public ErrorDetail {
        location = Objects.requireNonNullElse(location, "");
        conditionCode = Objects.requireNonNullElse(conditionCode, "");
        conditionText = Objects.requireNonNullElse(conditionText, "");
        severity = Objects.requireNonNullElse(severity, "E");
        applicationCode = Objects.requireNonNullElse(applicationCode, "");
        applicationText = Objects.requireNonNullElse(applicationText, "");
        applicationSystem = Objects.requireNonNullElse(applicationSystem, "");
    }

    /**
     * An error of table 0357 without application code.
     *
     * @param location ERR-2 ({@code SEG^1^field}), or {@code ""}
     * @param condition the condition
     * @return the error, severity E
     */
    public static ErrorDetail of(String location, ErrorCondition condition) {
        return new ErrorDetail(location, condition.code(), condition.label(), "E", "", "", "");
    }

    /**
     * A volet application error (ERR-3 {@code 207}).
     *
     * @param location ERR-2, or {@code ""}
     * @param error the volet code
     * @return the error, severity E
     */
    public static ErrorDetail application(String location, VoletError error) {
        return new ErrorDetail(location, ErrorCondition.APPLICATION_ERROR.code(),
                ErrorCondition.APPLICATION_ERROR.label(), "E", error.code(), error.label(), VoletError.SYSTEM);
    }

    /**
     * An SDK problem as an ERR: its table 0357 condition, and its {@code HL7-NNN} in ERR-5 (system
     * {@code SEGUR-BIO}).
     *
     * @param problem the problem
     * @return the error, severity from the problem
     */
    public static ErrorDetail of(Problem problem) {
        ErrorCondition c = ErrorCondition.forProblem(problem.code());
        String severity = switch (problem.severity()) {
            case ERROR -> "E";
            case WARNING -> "W";
            case INFO -> "I";
        };
        String location = problem.path().matches("[A-Z][A-Z0-9]{2}(-[0-9]+(\\.[0-9]+)?)?")
                ? problem.path().replace('-', '^').replace('.', '^') : "";
        if (!location.isEmpty() && location.length() > 3) {
            location = location.substring(0, 3) + "^1" + location.substring(3);
        }
        String text = problem.messageFr();
        return new ErrorDetail(location, c.code(), c.label(), severity, problem.code().id(),
                text.length() > 200 ? text.substring(0, 200) : text, "SEGUR-BIO");
    }

    /**
     * Reads an ERR segment.
     *
     * @param err the segment
     * @return the error
     */
    public static ErrorDetail of(Segment err) {
        Field c = err.field(3);
        Field a = err.field(5);
        return new ErrorDetail(err.field(2).raw(), c.trimmed(1), c.trimmed(2), err.value(4).trim(), a.trimmed(1),
                a.trimmed(2), a.trimmed(3));
    }

    /**
     * The table 0357 condition.
     *
     * @return the condition, empty when ERR-3.1 is not in the table
     */
    public Optional<ErrorCondition> condition() {
        return ErrorCondition.of(conditionCode);
    }

    /**
     * The volet application error.
     *
     * @return the error, empty when ERR-5 is not a volet code
     */
    public Optional<VoletError> voletError() {
        return VoletError.SYSTEM.equals(applicationSystem) || applicationSystem.isEmpty()
                ? VoletError.of(applicationCode) : Optional.empty();
    }

    /**
     * The ERR segment.
     *
     * @param d the delimiters
     * @return the segment
     */
    public Segment toSegment(Delimiters d) {
        Segment.Builder b = Segment.builder("ERR", d).raw(2, location)
                .components(3, conditionCode, conditionText, ErrorCondition.SYSTEM).set(4, severity);
        if (!applicationCode.isEmpty()) {
            b.components(5, applicationCode, applicationText, applicationSystem);
        }
        return b.build();
    }
}
