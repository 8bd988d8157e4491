package fr.segurbio.mss;

import java.util.List;

import fr.segurbio.core.ErrorCode;
import fr.segurbio.core.Problem;
import fr.segurbio.core.SegurException;
import fr.segurbio.core.ValidationResult;

/**
 * The unchecked exception of the mssante-client module, carrying every problem found with its {@link MssError}
 * code.
 *
 * <pre>{@code
 * try {
 *     client.send(message);
 * } catch (MssException e) {
 *     log.warn("{}", e.getMessage());   // "MSS-204: ..."
 * }
 * }</pre>
 */
public class MssException extends SegurException {

    private static final long serialVersionUID = 1L;

    /**
     * An exception for a code and its message arguments.
     *
     * @param code the code
     * @param args the message arguments
     */
    public MssException(ErrorCode code, Object... args) {
        super(code, args);
    }

    /**
     * An exception for a code, its cause and its message arguments.
     *
     * @param cause the cause
     * @param code the code
     * @param args the message arguments
     */
    public MssException(Throwable cause, ErrorCode code, Object... args) {
        super(List.of(Problem.of(code, "", args)), cause);
    }

    /**
     * An exception for every error of an invalid result.
     *
     * @param result an invalid result
     */
    public MssException(ValidationResult result) {
        super(result);
    }
}
