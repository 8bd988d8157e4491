package fr.segurbio.cda;

import java.util.List;

import fr.segurbio.core.ErrorCode;
import fr.segurbio.core.Problem;
import fr.segurbio.core.SegurException;
import fr.segurbio.core.ValidationResult;

/**
 * The unchecked exception of the cda-bio module: an incomplete or invalid report, a document that cannot be
 * written. Carries every problem found, each with its {@link CdaError} code.
 *
 * <pre>{@code
 * try {
 *     report = CrBioReport.builder()...build();
 * } catch (CdaException e) {
 *     e.problems();   // every problem, e.g. CDA-002 and CDA-003 together
 * }
 * }</pre>
 */
public class CdaException extends SegurException {

    private static final long serialVersionUID = 1L;

    /**
     * An exception for a code and its message arguments.
     *
     * @param code the code
     * @param args the message arguments
     */
    public CdaException(ErrorCode code, Object... args) {
        super(code, args);
    }

    /**
     * An exception for every error of an invalid result.
     *
     * @param result an invalid result
     */
    public CdaException(ValidationResult result) {
        super(result);
    }

    /**
     * An exception for one problem and its cause.
     *
     * @param problem the problem
     * @param cause the cause
     */
    public CdaException(Problem problem, Throwable cause) {
        super(List.of(problem), cause);
    }
}
