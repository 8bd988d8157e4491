package fr.segurbio.psc.internal;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import com.nimbusds.oauth2.sdk.http.HTTPRequest;
import com.nimbusds.oauth2.sdk.http.HTTPResponse;

import fr.segurbio.transport.HttpCall;
import fr.segurbio.transport.HttpResult;
import fr.segurbio.transport.HttpServiceClient;

/**
 * Sends the protocol messages that Nimbus builds ({@link HTTPRequest}) through the SDK's service connection
 * (certificate, trust store, timeouts, retries of GETs, circuit breaker, audit, wire trace), and hands the
 * answer back as a Nimbus {@link HTTPResponse} for parsing.
 */
public final class PscHttp {

    /** The largest answer read from a PSC endpoint. */
    public static final long MAX_RESPONSE_BYTES = 1 << 20;

    private final HttpServiceClient client;

    /**
     * Wraps a service client.
     *
     * @param client the client (from {@code ServiceConnection.httpClient("PSC")})
     */
    public PscHttp(HttpServiceClient client) {
        this.client = Objects.requireNonNull(client, "client");
    }

    /**
     * Sends a request.
     *
     * @param request the request
     * @param operation the operation's name in audit events
     * @return the response, whatever its status
     * @throws fr.segurbio.transport.TransportException TLS, connection or timeout failure
     */
    public HTTPResponse send(HTTPRequest request, String operation) {
        Map<String, String> headers = new LinkedHashMap<>();
        request.getHeaderMap().forEach((k, v) -> {
            if (!k.equalsIgnoreCase("Content-Type") && !v.isEmpty()) {
                headers.put(k, String.join(", ", v));
            }
        });
        URI uri = request.getURI();
        HttpResult r;
        if (request.getMethod() == HTTPRequest.Method.GET) {
            if (request.getBody() != null && !request.getBody().isEmpty()) {
                String q = request.getBody();
                uri = URI.create(uri + (uri.getRawQuery() == null ? "?" : "&") + q);
            }
            r = client.send(HttpCall.get(uri, headers, MAX_RESPONSE_BYTES), operation, true);
        } else {
            String ct = request.getHeaderValue("Content-Type") == null
                    ? "application/x-www-form-urlencoded; charset=UTF-8" : request.getHeaderValue("Content-Type");
            String body = request.getBody() == null ? "" : request.getBody();
            r = client.send(HttpCall.post(uri, ct, body.getBytes(StandardCharsets.UTF_8), headers,
                    MAX_RESPONSE_BYTES), operation, false);
        }
        HTTPResponse response = new HTTPResponse(r.status());
        for (Map.Entry<String, List<String>> h : r.headers().entrySet()) {
            if (h.getKey().equalsIgnoreCase("content-type")) {
                // parsed here: Nimbus would parse it lazily and throw IllegalArgumentException ("The subtype must
                // be specified"); one it cannot parse is left out, and the answer refused as having no Content-Type
                try {
                    response.setContentType(h.getValue().isEmpty() ? null : h.getValue().get(0));
                } catch (com.nimbusds.oauth2.sdk.ParseException | RuntimeException e) {
                    // not set: the endpoint's parser then refuses the answer with its ParseException
                }
                continue;
            }
            response.setHeader(canonical(h.getKey()), h.getValue().toArray(String[]::new));
        }
        response.setBody(new String(r.body(), StandardCharsets.UTF_8));
        return response;
    }

    private static String canonical(String lower) {
        StringBuilder b = new StringBuilder(lower.length());
        boolean up = true;
        for (char c : lower.toCharArray()) {
            b.append(up ? Character.toUpperCase(c) : c);
            up = c == '-';
        }
        return b.toString();
    }
}
