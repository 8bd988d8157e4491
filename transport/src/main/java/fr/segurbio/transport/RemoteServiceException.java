package fr.segurbio.transport;

import java.util.List;
import java.util.Objects;

import fr.segurbio.core.Problem;

/**
 * The remote service answered, but not with a usable message: an HTTP error page, a non-XML answer, or (the
 * subclass {@link SoapFaultException}) a SOAP fault. Carries the HTTP status, the first bytes of the answer,
 * and the service's own error codes when it gave any.
 *
 * <pre>{@code
 * try {
 *     client.call(request);
 * } catch (RemoteServiceException e) {
 *     if (e.status() == 503) { retryLater(); }
 *     log.warn("{} answered {}: {}", e.service(), e.status(), e.firstBytes());
 * }
 * }</pre>
 */
public class RemoteServiceException extends TransportException {

    private static final long serialVersionUID = 1L;

    /** How many characters of the answer {@link #firstBytes()} keeps. */
    public static final int FIRST_BYTES = 512;

    private final String service;
    private final int status;
    private final String contentType;
    private final String firstBytes;
    private final List<String> serviceCodes;

    /**
     * An answer that is not a SOAP message.
     *
     * @param code {@link TransportError#HTTP_ERROR} or {@link TransportError#NOT_SOAP}
     * @param service the service name
     * @param status the HTTP status
     * @param contentType the answer's Content-Type, or {@code null}
     * @param firstBytes the beginning of the answer as text
     */
    public RemoteServiceException(TransportError code, String service, int status, String contentType,
            String firstBytes) {
        this(List.of(code == TransportError.HTTP_ERROR
                ? Problem.of(code, "", service, status, firstBytes)
                : Problem.of(code, "", service, contentType, firstBytes)), service, status, contentType, firstBytes,
                List.of());
    }

    /**
     * For subclasses.
     *
     * @param problems the problems
     * @param service the service name
     * @param status the HTTP status
     * @param contentType the answer's Content-Type, or {@code null}
     * @param firstBytes the beginning of the answer as text
     * @param serviceCodes the service's own codes
     */
    protected RemoteServiceException(List<Problem> problems, String service, int status, String contentType,
            String firstBytes, List<String> serviceCodes) {
        super(problems, null);
        this.service = Objects.requireNonNull(service, "service");
        this.status = status;
        this.contentType = contentType;
        this.firstBytes = firstBytes == null ? "" : firstBytes;
        this.serviceCodes = List.copyOf(serviceCodes);
    }

    /**
     * The name of the service called (as given to the client's builder).
     *
     * @return the service name
     */
    public String service() {
        return service;
    }

    /**
     * The HTTP status of the answer.
     *
     * @return the status
     */
    public int status() {
        return status;
    }

    /**
     * The answer's Content-Type.
     *
     * @return the content type, or {@code null} when absent
     */
    public String contentType() {
        return contentType;
    }

    /**
     * The beginning of the answer (at most {@value #FIRST_BYTES} characters), to show what came back.
     *
     * @return the text
     */
    public String firstBytes() {
        return firstBytes;
    }

    /**
     * The service's own error codes (SOAP fault subcodes such as {@code siram_100}), outermost first.
     *
     * @return the codes, empty when the service gave none
     */
    public List<String> serviceCodes() {
        return serviceCodes;
    }
}
