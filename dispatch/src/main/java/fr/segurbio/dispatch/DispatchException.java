package fr.segurbio.dispatch;

import fr.segurbio.core.ErrorCode;
import fr.segurbio.core.Problem;
import fr.segurbio.core.SegurException;

/**
 * An error of the dispatch module, with a stable {@link DispatchError} code.
 *
 * <pre>{@code
 * catch (DispatchException e) {
 *     log.error(e.getMessage());   // "DISPATCH-004: Writing to the sending journal failed (...)"
 * }
 * }</pre>
 */
public class DispatchException extends SegurException {

    private static final long serialVersionUID = 1L;

    /**
     * An exception for a code and its message arguments.
     *
     * @param code the code
     * @param args the message arguments
     */
    public DispatchException(ErrorCode code, Object... args) {
        super(code, args);
    }

    /**
     * An exception for a code, its message arguments and the cause.
     *
     * @param cause the cause
     * @param code the code
     * @param args the message arguments
     */
    public DispatchException(Throwable cause, ErrorCode code, Object... args) {
        super(Problem.of(code, "", args), cause);
    }
}
