package fr.segurbio.transport;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * An HTTP answer read in full (within the caller's size limit): status, headers and body.
 *
 * <pre>{@code
 * HttpResult r = transport.post(uri, "application/json", body, Map.of(), 1_000_000);
 * if (r.status() == 200) { parse(r.body()); }
 * }</pre>
 *
 * @param status the HTTP status
 * @param headers the headers, names in lower case
 * @param body the body (not copied: do not modify)
 */
public record HttpResult(int status, Map<String, List<String>> headers, byte[] body) {

    /**
     * Copies the headers.
     *
     * @param status the HTTP status
     * @param headers the headers, names in lower case
     * @param body the body
     */
    public HttpResult {
        headers = Map.copyOf(headers);
    }

    /**
     * The first value of a header.
     *
     * @param name the name, any case
     * @return the value, or {@code null}
     */
    public String header(String name) {
        List<String> v = headers.get(name.toLowerCase(Locale.ROOT));
        return v == null || v.isEmpty() ? null : v.get(0);
    }

    /**
     * The Content-Type header.
     *
     * @return the content type, or {@code null}
     */
    public String contentType() {
        return header("content-type");
    }

    /**
     * Whether the status is 2xx.
     *
     * @return {@code true} for a success status
     */
    public boolean isSuccess() {
        return status >= 200 && status < 300;
    }

    /**
     * The beginning of the body as text (at most {@code max} characters), for messages.
     *
     * @param max the number of characters kept
     * @return the text
     */
    public String firstChars(int max) {
        int n = Math.min(body.length, max * 4);
        String s = new String(body, 0, n, StandardCharsets.UTF_8);
        return s.length() > max ? s.substring(0, max) : s;
    }
}
