package fr.segurbio.dmp;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;

import fr.segurbio.transport.WireExchange;
import fr.segurbio.transport.WireTraceSink;

/**
 * The DMP's wire trace for the CNDA proofs: every exchange kept as sent and received, except the key material of
 * certificates and signatures ({@code X509Certificate} and {@code SignatureValue} contents are replaced by a
 * marker), which a trace never needs. {@link DmpClient} always wraps the connection's sink with
 * {@link #redacting}; {@link #toDirectory} writes each request and each response as one file each, numbered in
 * the order of the exchanges.
 *
 * <pre>{@code
 * ServiceConnection connection = ServiceConnection.builder()...
 *         .wireTrace(DmpWireTrace.toDirectory(Path.of("cnda-traces")))
 *         .build();
 * // cnda-traces/0001-TD0.2-request.txt, 0002-TD0.2-response.txt, 0003-ITI-41-request.txt …
 * }</pre>
 */
public final class DmpWireTrace {

    /** The marker left where key material was. */
    public static final String REDACTED = "[removed from the trace]";

    private static final Pattern KEY_MATERIAL = Pattern.compile(
            "(<(?:[A-Za-z_][\\w.-]*:)?(?:X509Certificate|SignatureValue)(?:\\s[^>]*)?>)[^<]*(</)");

    private DmpWireTrace() {
    }

    /**
     * A sink that removes key material before passing each exchange on.
     *
     * @param next the sink to pass the redacted exchanges to
     * @return the redacting sink ({@link WireTraceSink#NONE} stays NONE)
     */
    public static WireTraceSink redacting(WireTraceSink next) {
        Objects.requireNonNull(next, "next");
        if (next == WireTraceSink.NONE) {
            return next;
        }
        return e -> next.exchange(new WireExchange(e.correlationId(), e.service(), e.operation(), e.endpoint(),
                e.attempt(), e.sent(), e.requestContentType(), redact(e.requestBody()), e.status(),
                e.responseHeaders(), redact(e.responseBody()), e.failure()));
    }

    /**
     * Removes certificate and signature values from a message (any bytes: multipart parts are kept as they are).
     *
     * @param message the message
     * @return the message without key material
     */
    public static byte[] redact(byte[] message) {
        String s = new String(message, StandardCharsets.ISO_8859_1);
        String r = KEY_MATERIAL.matcher(s).replaceAll("$1" + REDACTED + "$2");
        return r.equals(s) ? message : r.getBytes(StandardCharsets.ISO_8859_1);
    }

    /**
     * A sink writing each request and each response to its own file, numbered in order:
     * {@code 0001-ITI-41-request.txt} (method, address, Content-Type, blank line, body as sent),
     * {@code 0002-ITI-41-response.txt} (status, headers, blank line, body as received, or the failure).
     *
     * @param directory the folder (created if needed)
     * @return the sink
     */
    public static WireTraceSink toDirectory(Path directory) {
        Objects.requireNonNull(directory, "directory");
        AtomicInteger counter = new AtomicInteger();
        return e -> {
            try {
                Files.createDirectories(directory);
                String op = e.operation() == null ? "call" : e.operation().replaceAll("[^A-Za-z0-9._-]", "_");
                String head = "POST " + e.endpoint() + "\nContent-Type: " + e.requestContentType() + "\n\n";
                synchronized (counter) {
                    Files.write(directory.resolve(String.format("%04d-%s-request.txt", counter.incrementAndGet(), op)),
                            concat(head.getBytes(StandardCharsets.UTF_8), e.requestBody()));
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
                    Files.write(directory.resolve(String.format("%04d-%s-response.txt", counter.incrementAndGet(),
                            op)), concat(res.toString().getBytes(StandardCharsets.UTF_8), e.responseBody()));
                }
            } catch (IOException ex) {
                throw new UncheckedIOException(ex);
            }
        };
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] r = new byte[a.length + b.length];
        System.arraycopy(a, 0, r, 0, a.length);
        System.arraycopy(b, 0, r, a.length, b.length);
        return r;
    }
}
