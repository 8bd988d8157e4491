package fr.segurbio.transport;

import java.util.List;

import fr.segurbio.core.ErrorCode;
import fr.segurbio.core.Problem;
import fr.segurbio.core.SegurException;
import fr.segurbio.core.ValidationResult;

/**
 * A transport failure: a certificate that cannot be used, TLS, network, timeout, malformed or dangerous XML,
 * an invalid signature. Its {@link #code()} is a {@link TransportError}; its subclasses
 * {@link RemoteServiceException} and {@link SoapFaultException} are the remote service's own errors.
 *
 * <pre>{@code
 * try {
 *     SoapResponse r = client.call(request);
 * } catch (SoapFaultException fault) {
 *     fault.subcodes();          // [siram_100]
 * } catch (RemoteServiceException remote) {
 *     remote.status();           // 503
 * } catch (TransportException e) {
 *     e.code();                  // TransportError.TIMEOUT ...
 * }
 * }</pre>
 */
public class TransportException extends SegurException {

    private static final long serialVersionUID = 1L;

    /**
     * An exception for a code and its message arguments.
     *
     * @param code the code
     * @param args the message arguments
     */
    public TransportException(ErrorCode code, Object... args) {
        super(Problem.of(code, "", args));
    }

    /**
     * An exception for a code with a cause.
     *
     * @param cause the cause
     * @param code the code
     * @param args the message arguments
     */
    public TransportException(Throwable cause, ErrorCode code, Object... args) {
        super(Problem.of(code, "", args), cause);
    }

    /**
     * An exception for every error of an invalid result (a certificate with several problems, for example).
     *
     * @param result an invalid result
     */
    public TransportException(ValidationResult result) {
        super(result);
    }

    /**
     * An exception for several problems.
     *
     * @param problems at least one problem
     * @param cause the cause, or {@code null}
     */
    protected TransportException(List<Problem> problems, Throwable cause) {
        super(problems, cause);
    }
}
