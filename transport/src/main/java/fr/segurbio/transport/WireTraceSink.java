package fr.segurbio.transport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;

/**
 * The opt-in wire trace: receives every exchange in full (CNDA conformity tests ask for the request and response
 * of each call). Separate from SLF4J logging, which never carries message content. Called on the caller's
 * thread; must not throw (an exception is logged and ignored).
 *
 * <pre>{@code
 * ServiceConnection connection = ServiceConnection.builder()   // every client made from it uses it
 *         ...
 *         .wireTrace(WireTraceSink.toDirectory(Path.of("/var/lab/cnda-traces")))
 *         .build();
 * }</pre>
 */
@FunctionalInterface
public interface WireTraceSink {

    /** The default: no trace. */
    WireTraceSink NONE = exchange -> { };

    /**
     * Receives an exchange.
     *
     * @param exchange the exchange
     */
    void exchange(WireExchange exchange);

    /**
     * A sink writing each exchange as two files, {@code <time>_<service>_<operation>_<correlation>_<attempt>-request.txt}
     * and {@code ...-response.txt}, each with its headers.
     *
     * @param directory the folder (created if needed)
     * @return the sink
     */
    static WireTraceSink toDirectory(Path directory) {
        DateTimeFormatter f = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss.SSS").withZone(ZoneOffset.UTC);
        return e -> {
            try {
                Files.createDirectories(directory);
                String base = f.format(e.sent()) + "_" + safe(e.service()) + "_" + safe(e.operation()) + "_"
                        + safe(e.correlationId()) + "_" + e.attempt();
                StringBuilder req = new StringBuilder("POST ").append(e.endpoint()).append("\nContent-Type: ")
                        .append(e.requestContentType()).append("\n\n");
                Files.write(directory.resolve(base + "-request.txt"),
                        concat(req.toString().getBytes(StandardCharsets.UTF_8), e.requestBody()));
                StringBuilder res = new StringBuilder();
                if (e.failure() != null) {
                    res.append("FAILED: ").append(e.failure()).append('\n');
                }
                res.append("HTTP ").append(e.status()).append('\n');
                for (Map.Entry<String, List<String>> h : e.responseHeaders().entrySet()) {
                    for (String v : h.getValue()) {
                        res.append(h.getKey()).append(": ").append(v).append('\n');
                    }
                }
                res.append('\n');
                Files.write(directory.resolve(base + "-response.txt"),
                        concat(res.toString().getBytes(StandardCharsets.UTF_8), e.responseBody()));
            } catch (IOException ex) {
                throw new UncheckedIOException(ex);
            }
        };
    }

    private static String safe(String s) {
        return s == null ? "-" : s.replaceAll("[^A-Za-z0-9._-]", "_");
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] r = new byte[a.length + b.length];
        System.arraycopy(a, 0, r, 0, a.length);
        System.arraycopy(b, 0, r, a.length, b.length);
        return r;
    }
}
