package fr.segurbio.cli;

import com.fasterxml.jackson.databind.JsonNode;
import fr.segurbio.transport.RetryPolicy;
import fr.segurbio.transport.ServiceConnection;
import fr.segurbio.transport.TrustStore;
import fr.segurbio.transport.WireTraceSink;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The {@code "connection"} section of a command's configuration file, shared by every command that calls a
 * remote service (INSi today): the lab's certificate and the network settings, read into one
 * {@link ServiceConnection}.
 *
 * <pre>{@code
 * "connection": {"certificate": "/etc/lab/insi-auto.p12", "certificatePasswordEnv": "INSI_P12_PASSWORD",
 *                "trustStore": "/etc/lab/igc-sante.pem", "connectTimeoutSeconds": 5,
 *                "responseTimeoutSeconds": 10, "totalTimeoutSeconds": 20, "attempts": 3,
 *                "proxy": "http://proxy.lab.local:3128", "wireTrace": "/var/lab/cnda-traces"}
 * }</pre>
 *
 * <p>{@code certificate}, {@code trustStore} and a password ({@code certificatePassword}, or
 * {@code certificatePasswordEnv}: the name of an environment variable) are required; the rest is optional.
 */
final class ConnectionConfig {

    private ConnectionConfig() {
    }

    /**
     * Reads the section and builds the connection (loads and checks the certificate).
     *
     * @param c the {@code "connection"} object
     * @param defaultConnect the connect timeout when the file sets none
     * @param defaultResponse the response timeout when the file sets none
     * @return the connection, to close after use
     * @throws IllegalArgumentException when a required field is missing
     */
    static ServiceConnection read(JsonNode c, Duration defaultConnect, Duration defaultResponse) {
        if (c == null || !c.isObject()) {
            throw new IllegalArgumentException("config: \"connection\" is required (certificate, trustStore...)");
        }
        String password = text(c, "certificatePassword");
        if (password == null && text(c, "certificatePasswordEnv") != null) {
            password = System.getenv(text(c, "certificatePasswordEnv"));
        }
        if (password == null) {
            throw new IllegalArgumentException(
                    "config: connection.certificatePassword or connection.certificatePasswordEnv is required");
        }
        ServiceConnection.Builder b = ServiceConnection.builder()
                .certificate(Path.of(required(c, "certificate")), password.toCharArray())
                .trustStore(TrustStore.fromPem(Path.of(required(c, "trustStore"))))
                .connectTimeout(seconds(c, "connectTimeoutSeconds", defaultConnect))
                .responseTimeout(seconds(c, "responseTimeoutSeconds", defaultResponse))
                .retryPolicy(RetryPolicy.builder().maxAttempts(c.path("attempts").asInt(3))
                        .initialBackoff(Duration.ofMillis(200)).build());
        if (c.has("totalTimeoutSeconds")) {
            b.totalTimeout(seconds(c, "totalTimeoutSeconds", null));
        }
        if (text(c, "proxy") != null) {
            b.proxy(URI.create(text(c, "proxy")));
        }
        if (text(c, "wireTrace") != null) {
            b.wireTrace(WireTraceSink.toDirectory(Path.of(text(c, "wireTrace"))));
        }
        return b.build();
    }

    private static Duration seconds(JsonNode c, String field, Duration otherwise) {
        JsonNode v = c.get(field);
        if (v == null || v.isNull()) {
            return otherwise;
        }
        if (!v.canConvertToLong() || v.asLong() < 1) {
            throw new IllegalArgumentException("config: connection." + field + " must be a positive number");
        }
        return Duration.ofSeconds(v.asLong());
    }

    static String required(JsonNode n, String field) {
        String v = text(n, field);
        if (v == null || v.isBlank()) {
            throw new IllegalArgumentException("config: \"" + field + "\" is required");
        }
        return v;
    }

    static String text(JsonNode n, String field) {
        JsonNode v = n == null ? null : n.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }
}
