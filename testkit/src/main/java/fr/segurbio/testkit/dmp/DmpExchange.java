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
 * @param request the request body as received (the whole MIME body for MTOM)
 * @param status the HTTP status answered, -1 when the connection was dropped
 * @param responseContentType the response's Content-Type, {@code null} when dropped
 * @param response the response body, empty when dropped
 * @param outcome {@code Success}, a registry error code, a fault's detailed code, or the injected fault's kind
 */
public record DmpExchange(long sequence, Instant received, String path, DmpTransaction transaction,
        String requestContentType, byte[] request, int status, String responseContentType, byte[] response,
        String outcome) {

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
