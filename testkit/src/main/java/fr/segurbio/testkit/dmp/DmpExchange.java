package fr.segurbio.testkit.dmp;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

/**
 * One request the simulator received and what it answered, for the request log
 * ({@link DmpSimulator#exchanges()}).
 *
 * <pre>{@code
 * DmpExchange last = simulator.exchanges().get(simulator.exchanges().size() - 1);
 * assertThat(last.outcome()).isEqualTo("XDSDuplicateUniqueIdInRegistry");
 * }</pre>
 *
 * @param sequence 1 for the first request
 * @param received when the request arrived
 * @param path the HTTP path
 * @param transaction the transaction, or {@code null} when the request could not be identified
 * @param requestContentType the request's Content-Type
 * @param request the request body as received (the whole MIME body for MTOM), cut after the simulator's log
 *        limit ({@link DmpSimulator.Builder#logBodyLimit})
 * @param requestSize the request body's real size in bytes
 * @param status the HTTP status answered, -1 when the connection was dropped
 * @param responseContentType the response's Content-Type, {@code null} when dropped
 * @param response the response body, empty when dropped, cut after the log limit
 * @param responseSize the response body's real size in bytes
 * @param outcome {@code Success}, a registry error code, a fault's detailed code, or the injected fault's kind
 */
public record DmpExchange(long sequence, Instant received, String path, DmpTransaction transaction,
        String requestContentType, byte[] request, int requestSize, int status, String responseContentType,
        byte[] response, int responseSize, String outcome) {

    /**
     * Whether a body was cut in the log.
     *
     * @return {@code true} when the request or the response is longer than what was kept
     */
    public boolean truncated() {
        return request.length < requestSize || response.length < responseSize;
    }

    /**
     * The request body as UTF-8 text.
     *
     * @return the text
     */
    public String requestText() {
        return new String(request, StandardCharsets.UTF_8);
    }

    /**
     * The response body as UTF-8 text.
     *
     * @return the text
     */
    public String responseText() {
        return new String(response, StandardCharsets.UTF_8);
    }
}
