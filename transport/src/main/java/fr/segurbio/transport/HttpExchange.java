package fr.segurbio.transport;

/**
 * Sends one HTTP request and returns the whole answer: the seam between the SDK's clients and the network.
 * {@link HttpTransport} is the network's; a stand-in (a test double, the INSi CNDA test files, a recorded
 * exchange) can take its place in a {@link ServiceConnection}, and everything above it — SOAP envelope and
 * parsing, faults, retries, circuit breaker, audit events, wire trace — runs the production code.
 *
 * <p>An implementation returns the answer whatever its HTTP status, and reports a failure to get one as a
 * {@link TransportException} (for example {@link TransportError#TIMEOUT}, which the retry policy retries). It
 * must be thread-safe.
 *
 * <pre>{@code
 * HttpExchange standIn = call -> new HttpResult(200,
 *         Map.of("content-type", List.of("application/soap+xml; charset=UTF-8")), cannedEnvelope);
 * try (ServiceConnection connection = ServiceConnection.builder().certificate(cert).standIn(standIn).build()) {
 *     SoapResponse r = connection.soapClient(endpoint, "INSi").call(request);
 * }
 * }</pre>
 */
@FunctionalInterface
public interface HttpExchange {

    /**
     * Sends a request and reads the answer.
     *
     * @param call the request
     * @return the answer, whatever its status
     * @throws TransportException when there is no answer (TLS, connection, timeout, size limit, I/O)
     */
    HttpResult exchange(HttpCall call);
}
