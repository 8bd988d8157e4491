package fr.segurbio.testkit.insi;

import fr.segurbio.testkit.MutualTlsServer;
import fr.segurbio.testkit.ServerRequest;
import fr.segurbio.testkit.ServerResponse;
import fr.segurbio.testkit.TestIdentity;
import fr.segurbio.testkit.TestPki;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;

/**
 * An INSi simulator on the testkit's {@link MutualTlsServer}: it requires a client certificate issued by the
 * test PKI, answers {@code DESIR_560} when its CN is not {@code INSI-AUTO} or {@code INSI-MANU}, validates each
 * request against the INSi XSDs found in the folder it is given (the official {@code xsd/} folder of the INSi
 * WSDL package; nothing of it is shipped in the jar), checks the software's IDAM ({@code desir_550} when
 * unknown), and answers from its personae: {@code 00}, {@code 01}, {@code 02} or a fault (see
 * {@link InsiPersona#defaults()}).
 *
 * <pre>{@code
 * TestPki pki = TestPki.create(tempDir);
 * try (InsiSimulator insi = InsiSimulator.builder(pki)
 *         .schemas(Path.of("../shared/conformance/insi/xsd"))
 *         .idam(InsiSimulator.DEFAULT_IDAM)
 *         .start()) {
 *     URI endpoint = insi.endpoint();       // https://127.0.0.1:PORT/lps
 *     // call it with pki.insiAuto() as client certificate, trusting pki.trustAnchors()
 *     insi.failNext(2);                      // the next two calls get siram_40 / insi_102
 *     insi.latency(Duration.ofSeconds(3));   // every answer is now late
 *     insi.unavailable(true);                // HTTP 503, as during a maintenance
 * }
 * }</pre>
 *
 * <p>Thread-safe.
 */
public final class InsiSimulator implements AutoCloseable {

    /** The IDAM the simulator accepts unless told otherwise. */
    public static final String DEFAULT_IDAM = "SIMUL-IDAM-01";

    /** The path the simulator serves, as INSi's own endpoints do. */
    public static final String PATH = "/lps";

    private final InsiService service;
    private final MutualTlsServer server;
    private final AtomicReference<Duration> latency = new AtomicReference<>(Duration.ZERO);
    private final AtomicInteger failures = new AtomicInteger();
    private volatile boolean unavailable;

    private InsiSimulator(Builder b) {
        Set<String> idams = b.idams.isEmpty() ? Set.of(DEFAULT_IDAM) : b.idams;
        List<InsiPersona> personae = b.personae.isEmpty() ? InsiPersona.defaults() : b.personae;
        this.service = new InsiService(Objects.requireNonNull(b.schemas, "schemas"), personae, b.commonNames, idams);
        this.server = MutualTlsServer.builder(b.serverIdentity, b.clientTrustAnchors).handle(PATH, this::answer)
                .start();
    }

    /**
     * A builder whose server certificate and trusted client CAs come from the test PKI.
     *
     * @param pki the test PKI
     * @return the builder
     */
    public static Builder builder(TestPki pki) {
        return new Builder(pki.serverIdentity(), pki.trustAnchors());
    }

    /**
     * A builder with an explicit server certificate and the CAs whose client certificates are accepted.
     *
     * @param serverIdentity the server's certificate and key
     * @param clientTrustAnchors the CAs of accepted client certificates
     * @return the builder
     */
    public static Builder builder(TestIdentity serverIdentity, List<X509Certificate> clientTrustAnchors) {
        return new Builder(serverIdentity, clientTrustAnchors);
    }

    /**
     * Starts a simulator with the default personae and IDAM.
     *
     * @param pki the test PKI
     * @param schemas the {@code xsd/} folder of the INSi WSDL package
     * @return the running simulator
     */
    public static InsiSimulator start(TestPki pki, Path schemas) {
        return builder(pki).schemas(schemas).start();
    }

    private ServerResponse answer(ServerRequest request) {
        ServerResponse r;
        if (unavailable) {
            r = ServerResponse.of(503, "text/html; charset=utf-8",
                    "<html><body>Service en maintenance</body></html>".getBytes(StandardCharsets.UTF_8));
        } else if (!"POST".equals(request.method())) {
            r = ServerResponse.of(405, "text/plain; charset=utf-8",
                    "POST only".getBytes(StandardCharsets.UTF_8));
        } else {
            InsiService.Reply reply = service.handle(request.contentType(), request.body(),
                    request.clientCertificate());
            if (reply.status() == 200 && failures.getAndUpdate(n -> n > 0 ? n - 1 : 0) > 0) {
                r = ServerResponse.of(500, "application/soap+xml; charset=utf-8",
                        InsiService.Responses.fault(SimulatedFault.SERVICE_UNAVAILABLE, null)
                                .getBytes(StandardCharsets.UTF_8));
            } else {
                r = ServerResponse.of(reply.status(), reply.contentType(), reply.body());
            }
        }
        Duration d = latency.get();
        return d.isZero() ? r : r.afterDelay(d);
    }

    /**
     * The endpoint to configure in the INSi client: {@code https://127.0.0.1:PORT/lps}.
     *
     * @return the endpoint
     */
    public URI endpoint() {
        return server.uri(PATH);
    }

    /**
     * The underlying server (requests received, port).
     *
     * @return the server
     */
    public MutualTlsServer server() {
        return server;
    }

    /**
     * How many requests reached the INSi service (after TLS).
     *
     * @return the number of requests
     */
    public long requestCount() {
        return service.requests();
    }

    /**
     * Delays every answer from now on.
     *
     * @param delay the delay, {@link Duration#ZERO} for none
     */
    public void latency(Duration delay) {
        latency.set(Objects.requireNonNull(delay, "delay"));
    }

    /**
     * Makes the next requests end in the fault {@code siram_40}/{@code insi_102} (service temporarily
     * unavailable), each request still being checked.
     *
     * @param count how many requests fail
     */
    public void failNext(int count) {
        failures.set(count);
    }

    /**
     * Makes every request get an HTTP 503 maintenance page, or stops doing so.
     *
     * @param down {@code true} to answer 503
     */
    public void unavailable(boolean down) {
        unavailable = down;
    }

    /** Stops the server. */
    @Override
    public void close() {
        server.close();
    }

    /**
     * Configures a simulator.
     */
    public static final class Builder {
        private final TestIdentity serverIdentity;
        private final List<X509Certificate> clientTrustAnchors;
        private Path schemas;
        private final List<InsiPersona> personae = new ArrayList<>();
        private final Set<String> commonNames = new LinkedHashSet<>(List.of("INSI-AUTO", "INSI-MANU"));
        private final Set<String> idams = new LinkedHashSet<>();

        private Builder(TestIdentity serverIdentity, List<X509Certificate> clientTrustAnchors) {
            this.serverIdentity = Objects.requireNonNull(serverIdentity, "serverIdentity");
            this.clientTrustAnchors = List.copyOf(clientTrustAnchors);
        }

        /**
         * The folder holding the INSi XSDs ({@code ServiceIdentiteCertifiee/}, {@code CTX/}…), required.
         *
         * @param folder the {@code xsd/} folder of the INSi WSDL package
         * @return this builder
         */
        public Builder schemas(Path folder) {
            this.schemas = Objects.requireNonNull(folder, "folder");
            return this;
        }

        /**
         * Adds a persona; without any, the simulator knows {@link InsiPersona#defaults()}.
         *
         * @param persona the persona
         * @return this builder
         */
        public Builder persona(InsiPersona persona) {
            personae.add(Objects.requireNonNull(persona, "persona"));
            return this;
        }

        /**
         * Adds the personae.
         *
         * @param list the personae
         * @return this builder
         */
        public Builder personae(List<InsiPersona> list) {
            personae.addAll(list);
            return this;
        }

        /**
         * Adds a persona for every CNDA response file with an identity in the folder ({@code TEST_*.xml}); the
         * simulator sends these files back byte for byte.
         *
         * @param folder the folder of CNDA sample responses
         * @return this builder
         * @throws UncheckedIOException when the folder or a file cannot be read
         */
        public Builder cndaSamples(Path folder) {
            try (Stream<Path> files = Files.list(folder)) {
                for (Path f : files.filter(p -> p.getFileName().toString().matches("TEST_.*\\.xml")).sorted()
                        .toList()) {
                    personae.add(InsiPersona.fromResponseFile(f));
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return this;
        }

        /**
         * The client certificate CNs accepted (default {@code INSI-AUTO} and {@code INSI-MANU}).
         *
         * @param names the CNs
         * @return this builder
         */
        public Builder commonNames(String... names) {
            commonNames.clear();
            commonNames.addAll(List.of(names));
            return this;
        }

        /**
         * Adds an accepted IDAM (software authorisation number); default {@link #DEFAULT_IDAM}.
         *
         * @param idam the IDAM
         * @return this builder
         */
        public Builder idam(String idam) {
            idams.add(Objects.requireNonNull(idam, "idam"));
            return this;
        }

        /**
         * Starts the simulator.
         *
         * @return the running simulator
         * @throws IllegalArgumentException when the schemas cannot be found or compiled
         */
        public InsiSimulator start() {
            return new InsiSimulator(this);
        }
    }
}
