package fr.segurbio.transport;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One HTTP exchange in full, as CNDA asks for: the request and the response exactly as sent and received.
 * It holds health data: only an opt-in {@link WireTraceSink} receives it, never the logs.
 *
 * @param correlationId the call's correlation id (WS-Addressing MessageID)
 * @param service the service
 * @param operation the operation
 * @param endpoint the address
 * @param attempt the attempt number, from 1
 * @param sent when the request was sent
 * @param requestContentType the request's Content-Type
 * @param requestBody the request body
 * @param status the response status, or 0 when no response came
 * @param responseHeaders the response headers (empty when no response came)
 * @param responseBody the response body (empty when no response came)
 * @param failure the failure's message when the exchange failed, else {@code null}
 */
public record WireExchange(String correlationId, String service, String operation, URI endpoint, int attempt,
        Instant sent, String requestContentType, byte[] requestBody, int status,
        Map<String, List<String>> responseHeaders, byte[] responseBody, String failure) {

    /**
     * The request body as UTF-8 text.
     *
     * @return the text
     */
    public String requestText() {
        return new String(requestBody, StandardCharsets.UTF_8);
    }

    /**
     * The response body as UTF-8 text.
     *
     * @return the text
     */
    public String responseText() {
        return new String(responseBody, StandardCharsets.UTF_8);
    }
}
