package fr.segurbio.transport;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * One HTTP request as it leaves the SDK, before the network: method, address, headers, body and the largest
 * answer accepted. It is what an {@link HttpExchange} receives, the network's ({@link HttpTransport}) or a
 * stand-in's.
 *
 * <pre>{@code
 * HttpCall call = HttpCall.post(URI.create("https://auth.esw.esante.gouv.fr/token"),
 *         "application/x-www-form-urlencoded", form.getBytes(StandardCharsets.UTF_8), Map.of(), 1 << 20);
 * HttpResult r = connection.exchange().exchange(call);
 * }</pre>
 *
 * @param method the HTTP method, upper case ({@code GET}, {@code POST})
 * @param uri the address
 * @param headers the request headers, {@code Content-Type} included for a body (order kept)
 * @param body the body, empty for none (not copied: do not modify)
 * @param maxResponseBytes the largest answer accepted
 */
public record HttpCall(String method, URI uri, Map<String, String> headers, byte[] body, long maxResponseBytes) {

    /**
     * Checks and copies the fields.
     *
     * @param method the HTTP method
     * @param uri the address
     * @param headers the request headers
     * @param body the body, or {@code null} for none
     * @param maxResponseBytes the largest answer accepted
     */
    public HttpCall {
        method = Objects.requireNonNull(method, "method").toUpperCase(Locale.ROOT);
        Objects.requireNonNull(uri, "uri");
        headers = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(Objects.requireNonNull(headers,
                "headers")));
        body = body == null ? new byte[0] : body;
        if (maxResponseBytes < 1) {
            throw new TransportException(TransportError.INVALID_CONFIGURATION, "maxResponseBytes must be positive");
        }
    }

    /**
     * A POST.
     *
     * @param uri the address
     * @param contentType the body's Content-Type
     * @param body the body
     * @param headers more headers
     * @param maxResponseBytes the largest answer accepted
     * @return the call
     */
    public static HttpCall post(URI uri, String contentType, byte[] body, Map<String, String> headers,
            long maxResponseBytes) {
        Map<String, String> all = new LinkedHashMap<>();
        all.put("Content-Type", Objects.requireNonNull(contentType, "contentType"));
        all.putAll(headers);
        return new HttpCall("POST", uri, all, body, maxResponseBytes);
    }

    /**
     * A GET.
     *
     * @param uri the address
     * @param headers the headers
     * @param maxResponseBytes the largest answer accepted
     * @return the call
     */
    public static HttpCall get(URI uri, Map<String, String> headers, long maxResponseBytes) {
        return new HttpCall("GET", uri, headers, new byte[0], maxResponseBytes);
    }

    /**
     * A header's value, whatever the case of its name.
     *
     * @param name the header name
     * @return the value, or {@code null}
     */
    public String header(String name) {
        for (Map.Entry<String, String> h : headers.entrySet()) {
            if (h.getKey().equalsIgnoreCase(name)) {
                return h.getValue();
            }
        }
        return null;
    }

    /**
     * The {@code Content-Type} header.
     *
     * @return the content type, or {@code null}
     */
    public String contentType() {
        return header("Content-Type");
    }
}
