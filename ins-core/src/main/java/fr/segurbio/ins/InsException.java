package fr.segurbio.ins;

import java.util.List;

import fr.segurbio.core.ErrorCode;
import fr.segurbio.core.Problem;
import fr.segurbio.core.SegurException;
import fr.segurbio.core.ValidationResult;

/**
 * The unchecked exception of the INS module; its message starts with the stable code ({@code INS-003: …}) and
 * {@link #problems()} lists every problem found.
 *
 * <pre>{@code
 * try {
 *     Matricule.parse("109076322083488");
 * } catch (InsException e) {
 *     e.code();   // InsError.WRONG_KEY
 * }
 * }</pre>
 */
public class InsException extends SegurException {

    private static final long serialVersionUID = 1L;

    /**
     * An exception for one problem.
     *
     * @param problem the problem
     */
    public InsException(Problem problem) {
        super(problem);
    }

    /**
     * An exception for one problem and its cause.
     *
     * @param problem the problem
     * @param cause the cause
     */
    public InsException(Problem problem, Throwable cause) {
        super(problem, cause);
    }

    /**
     * An exception for a code and its message arguments.
     *
     * @param code the code
     * @param args the message arguments
     */
    public InsException(ErrorCode code, Object... args) {
        super(code, args);
    }

    /**
     * An exception for every error of an invalid result.
     *
     * @param result an invalid result
     */
    public InsException(ValidationResult result) {
        super(result);
    }

    /**
     * An exception for several problems.
     *
     * @param problems at least one problem
     * @param cause the cause, or {@code null}
     */
    protected InsException(List<Problem> problems, Throwable cause) {
        super(problems, cause);
    }
}
