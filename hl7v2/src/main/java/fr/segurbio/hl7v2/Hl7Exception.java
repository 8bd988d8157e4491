package fr.segurbio.hl7v2;

import fr.segurbio.core.ErrorCode;
import fr.segurbio.core.Problem;
import fr.segurbio.core.SegurException;
import fr.segurbio.core.ValidationResult;
import java.util.List;

/**
 * An HL7 v2 message that cannot be read or built, or an exchange that failed; carries every problem with its
 * {@code HL7-NNN} code.
 *
 * <pre>{@code
 * try {
 *     Hl7Message m = Er7Parser.create().parse(bytes);
 * } catch (Hl7Exception e) {
 *     e.problems().forEach(p -> log.warn("{}", p));
 * }
 * }</pre>
 */
public class Hl7Exception extends SegurException {

    private static final long serialVersionUID = 1L;

    /**
     * An exception for one problem.
     *
     * @param problem the problem
     */
    public Hl7Exception(Problem problem) {
        super(problem);
    }

    /**
     * An exception for one problem with its cause.
     *
     * @param problem the problem
     * @param cause the cause
     */
    public Hl7Exception(Problem problem, Throwable cause) {
        super(problem, cause);
    }

    /**
     * An exception for a code and its message arguments.
     *
     * @param code the code
     * @param args the message arguments
     */
    public Hl7Exception(ErrorCode code, Object... args) {
        super(code, args);
    }

    /**
     * An exception for every error of an invalid result.
     *
     * @param result an invalid result
     */
    public Hl7Exception(ValidationResult result) {
        super(result);
    }

    /**
     * An exception for several problems.
     *
     * @param problems at least one problem
     * @param cause the cause, or {@code null}
     */
    public Hl7Exception(List<Problem> problems, Throwable cause) {
        super(problems, cause);
    }
}
