package fr.segurbio.transport;

import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

import javax.net.ssl.SSLContext;

/**
 * How the lab's software reaches a health service, set once for every client: the lab's software certificate
 * (mutual TLS), the trusted CAs, timeouts, proxy, the largest answer, the retry policy, the circuit breaker's
 * settings, the audit listener, the wire trace and the clock. It creates the expensive things once — the TLS
 * context and the pooled HTTP client — and gives each service client what it needs: a {@link SoapClient} for a
 * SOAP service (INSi, DMP), an {@link HttpServiceClient} for an HTTP one (Annuaire Santé FHIR, the Pro Santé
 * Connect token endpoint over mutual TLS), the {@link SSLContext} for another protocol (SMTP, IMAP).
 *
 * <p>Immutable and thread-safe: build one per certificate and share it between clients and threads; close it
 * when the application stops (it closes the connection pool). Each client made from it gets its own
 * {@link CircuitBreaker}, so one service down does not stop calls to another.
 *
 * <p>The connection can be built on a stand-in {@link HttpExchange} instead of the network ({@link
 * Builder#standIn}): tests, or the INSi CNDA test files. Everything above it — SOAP envelope and parsing,
 * faults, retries, circuit breaker, audit, wire trace — then runs the production code.
 *
 * <pre>{@code
 * try (ServiceConnection connection = ServiceConnection.builder()
 *         .certificate(Path.of("/etc/lab/insi-auto.p12"), password)   // IGC-Santé ORG AUTH certificate
 *         .trustStore(TrustStore.fromPem(Path.of("/etc/lab/igc-sante.pem")))
 *         .connectTimeout(Duration.ofSeconds(5))
 *         .responseTimeout(Duration.ofSeconds(10))
 *         .retryPolicy(RetryPolicy.builder().maxAttempts(3).initialBackoff(Duration.ofMillis(200)).build())
 *         .circuitBreaker(5, Duration.ofSeconds(30))
 *         .auditListener(rgpdLog::append)
 *         .wireTrace(WireTraceSink.toDirectory(traceDir))          // opt-in, CNDA proofs
 *         .build()) {
 *     SoapClient soap = connection.soapClient(endpoint, "INSi");
 *     HttpServiceClient annuaire = connection.httpClient("Annuaire Santé");
 * }
 * }</pre>
 */
public final class ServiceConnection implements AutoCloseable {

    private final SoftwareCertificate certificate;
    private final TrustStore trustStore;
    private final Duration connectTimeout;
    private final Duration responseTimeout;
    private final Duration totalTimeout;
    private final URI proxy;
    private final long maxResponseBytes;
    private final RetryPolicy retryPolicy;
    private final int breakerThreshold;
    private final Duration breakerOpenFor;
    private final AuditListener audit;
    private final WireTraceSink wireTrace;
    private final Clock clock;
    private final HttpTransport http;
    private final HttpExchange exchange;
    private final SSLContext sslContext;
    private final boolean ownsPool;

    private ServiceConnection(Builder b) {
        this.certificate = b.certificate;
        this.trustStore = b.trustStore;
        this.connectTimeout = b.connectTimeout;
        this.responseTimeout = b.responseTimeout;
        this.totalTimeout = b.totalTimeout != null ? b.totalTimeout : b.connectTimeout.plus(b.responseTimeout);
        this.proxy = b.proxy;
        this.maxResponseBytes = b.maxResponseBytes;
        this.retryPolicy = b.retryPolicy;
        this.breakerThreshold = b.breakerThreshold;
        this.breakerOpenFor = b.breakerOpenFor;
        this.audit = b.audit;
        this.wireTrace = b.wireTrace;
        this.clock = b.clock;
        if (b.standIn != null) {
            this.http = null;
            this.exchange = b.standIn;
            this.sslContext = certificate != null && trustStore != null ? MutualTls.sslContext(certificate, trustStore)
                    : trustStore != null ? MutualTls.sslContext(trustStore) : null;
        } else {
            HttpTransport.Builder hb = HttpTransport.builder()
                    .connectTimeout(connectTimeout)
                    .responseTimeout(responseTimeout)
                    .totalTimeout(totalTimeout)
                    .maxConnections(b.maxConnections, b.maxConnectionsPerRoute)
                    .userAgent(b.userAgent);
            if (certificate != null) {
                hb.clientCertificate(certificate);
            }
            if (trustStore != null) {
                hb.trustStore(trustStore);
            }
            if (proxy != null) {
                hb.proxy(proxy);
                if (b.proxyUser != null) {
                    hb.proxyCredentials(b.proxyUser, b.proxyPassword);
                }
            }
            this.http = hb.build();
            this.exchange = http;
            this.sslContext = http.sslContext();
        }
        this.ownsPool = true;
    }

    private ServiceConnection(ServiceConnection base, HttpExchange standIn) {
        this.certificate = base.certificate;
        this.trustStore = base.trustStore;
        this.connectTimeout = base.connectTimeout;
        this.responseTimeout = base.responseTimeout;
        this.totalTimeout = base.totalTimeout;
        this.proxy = base.proxy;
        this.maxResponseBytes = base.maxResponseBytes;
        this.retryPolicy = base.retryPolicy;
        this.breakerThreshold = base.breakerThreshold;
        this.breakerOpenFor = base.breakerOpenFor;
        this.audit = base.audit;
        this.wireTrace = base.wireTrace;
        this.clock = base.clock;
        this.http = null;
        this.exchange = standIn;
        this.sslContext = base.sslContext;
        this.ownsPool = false;
    }

    /**
     * A builder.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * The same connection — certificate, policies, listeners — over a stand-in exchange instead of the network.
     * It shares nothing that needs closing.
     *
     * <pre>{@code
     * ServiceConnection offline = connection.withStandIn(call -> recordedAnswer);
     * }</pre>
     *
     * @param standIn the exchange that answers instead of the network
     * @return a new connection
     */
    public ServiceConnection withStandIn(HttpExchange standIn) {
        return new ServiceConnection(this, Objects.requireNonNull(standIn, "standIn"));
    }

    /**
     * A SOAP client for one endpoint with everything of this connection, and its own circuit breaker.
     *
     * @param endpoint the endpoint's address
     * @param service the service's name in audit events and messages ({@code INSi}, {@code DMP})
     * @return the client
     */
    public SoapClient soapClient(URI endpoint, String service) {
        return soapClientBuilder(endpoint).service(service).build();
    }

    /**
     * A SOAP client builder already set with everything of this connection (exchange, certificate CN, size limit,
     * retry policy, a new circuit breaker, audit, wire trace, clock), for a client to add its own settings, such
     * as a retry test that knows its service's faults.
     *
     * <pre>{@code
     * SoapClient dmp = connection.soapClientBuilder(endpoint)
     *         .service("DMP")
     *         .retryPolicy(connection.retryPolicy().withRetryOn(DmpClient::retryable))
     *         .build();
     * }</pre>
     *
     * @param endpoint the endpoint's address
     * @return a builder
     */
    public SoapClient.Builder soapClientBuilder(URI endpoint) {
        return SoapClient.builder()
                .exchange(exchange)
                .principal(principal())
                .endpoint(endpoint)
                .maxResponseBytes(maxResponseBytes)
                .retryPolicy(retryPolicy)
                .circuitBreaker(newCircuitBreaker())
                .auditListener(audit)
                .wireTrace(wireTrace)
                .clock(clock);
    }

    /**
     * An HTTP client for one service with everything of this connection, and its own circuit breaker.
     *
     * @param service the service's name in audit events and messages ({@code PSC}, {@code Annuaire Santé})
     * @return the client
     */
    public HttpServiceClient httpClient(String service) {
        return httpClientBuilder(service).build();
    }

    /**
     * An HTTP client builder already set with everything of this connection, for a client to add its own
     * settings (default headers, its retry test).
     *
     * @param service the service's name in audit events and messages
     * @return a builder
     */
    public HttpServiceClient.Builder httpClientBuilder(String service) {
        return HttpServiceClient.builder(service)
                .exchange(exchange)
                .principal(principal())
                .maxResponseBytes(maxResponseBytes)
                .retryPolicy(retryPolicy)
                .circuitBreaker(newCircuitBreaker())
                .auditListener(audit)
                .wireTrace(wireTrace)
                .clock(clock);
    }

    /**
     * A new circuit breaker with this connection's settings and clock, closed.
     *
     * @return a breaker for one service endpoint
     */
    public CircuitBreaker newCircuitBreaker() {
        return CircuitBreaker.builder().failureThreshold(breakerThreshold).openFor(breakerOpenFor).clock(clock)
                .build();
    }

    /**
     * The exchange requests go through: the pooled {@link HttpTransport}, or the stand-in.
     *
     * @return the exchange
     */
    public HttpExchange exchange() {
        return exchange;
    }

    /**
     * The pooled HTTP client, absent when the connection is built on a stand-in.
     *
     * @return the transport
     */
    public Optional<HttpTransport> httpTransport() {
        return Optional.ofNullable(http);
    }

    /**
     * Whether requests go to a stand-in rather than the network.
     *
     * @return {@code true} for a stand-in
     */
    public boolean isStandIn() {
        return http == null;
    }

    /**
     * The TLS context with the lab's certificate and trusted CAs, for protocols other than HTTP (SMTP, IMAP).
     * Absent only for a stand-in connection without a trust store.
     *
     * @return the context
     */
    public Optional<SSLContext> sslContext() {
        return Optional.ofNullable(sslContext);
    }

    /**
     * The lab's software certificate, when there is one.
     *
     * @return the certificate
     */
    public Optional<SoftwareCertificate> certificate() {
        return Optional.ofNullable(certificate);
    }

    /**
     * The CN of the lab's certificate (for audit events).
     *
     * @return the CN, or {@code null} without a certificate
     */
    public String principal() {
        return certificate == null ? null : certificate.commonName();
    }

    /**
     * The trusted CAs, when set.
     *
     * @return the trust store
     */
    public Optional<TrustStore> trustStore() {
        return Optional.ofNullable(trustStore);
    }

    /**
     * How long to wait for a connection.
     *
     * @return the timeout
     */
    public Duration connectTimeout() {
        return connectTimeout;
    }

    /**
     * How long to wait for data from the server.
     *
     * @return the timeout
     */
    public Duration responseTimeout() {
        return responseTimeout;
    }

    /**
     * The bound of one attempt, answer read included.
     *
     * @return the timeout
     */
    public Duration totalTimeout() {
        return totalTimeout;
    }

    /**
     * The HTTP proxy, when set.
     *
     * @return the proxy's address
     */
    public Optional<URI> proxy() {
        return Optional.ofNullable(proxy);
    }

    /**
     * The largest answer accepted.
     *
     * @return the size in bytes
     */
    public long maxResponseBytes() {
        return maxResponseBytes;
    }

    /**
     * The retry policy of idempotent requests.
     *
     * @return the policy
     */
    public RetryPolicy retryPolicy() {
        return retryPolicy;
    }

    /**
     * The audit listener.
     *
     * @return the listener
     */
    public AuditListener auditListener() {
        return audit;
    }

    /**
     * The wire trace sink.
     *
     * @return the sink ({@link WireTraceSink#NONE} when off)
     */
    public WireTraceSink wireTrace() {
        return wireTrace;
    }

    /**
     * The clock of audit events, wire traces and circuit breakers.
     *
     * @return the clock
     */
    public Clock clock() {
        return clock;
    }

    /** Closes the connection pool (nothing for a stand-in). */
    @Override
    public void close() {
        if (http != null && ownsPool) {
            http.close();
        }
    }

    @Override
    public String toString() {
        return "ServiceConnection[" + (certificate == null ? "no certificate" : certificate.commonName()) + ", "
                + (http == null ? "stand-in" : "network") + ", " + retryPolicy + "]";
    }

    /** Configures a {@link ServiceConnection}. Not thread-safe. */
    public static final class Builder {
        private SoftwareCertificate certificate;
        private TrustStore trustStore;
        private Duration connectTimeout = Duration.ofSeconds(10);
        private Duration responseTimeout = Duration.ofSeconds(30);
        private Duration totalTimeout;
        private URI proxy;
        private String proxyUser;
        private char[] proxyPassword;
        private int maxConnections = 20;
        private int maxConnectionsPerRoute = 10;
        private String userAgent = "segur-bio-sdk";
        private long maxResponseBytes = 16L * 1024 * 1024;
        private RetryPolicy retryPolicy = RetryPolicy.builder().build();
        private int breakerThreshold = 5;
        private Duration breakerOpenFor = Duration.ofSeconds(30);
        private AuditListener audit = AuditListener.NONE;
        private WireTraceSink wireTrace = WireTraceSink.NONE;
        private Clock clock = Clock.systemUTC();
        private HttpExchange standIn;

        private Builder() {
        }

        /**
         * The lab's software certificate from a PKCS#12 file, loaded and checked now (password, private key,
         * validity dates, TLS client usage).
         *
         * @param pkcs12 the file
         * @param password its password
         * @return this builder
         * @throws TransportException when the file cannot be used, with every problem
         */
        public Builder certificate(Path pkcs12, char[] password) {
            return certificate(SoftwareCertificate.pkcs12(pkcs12, password).requireUsage(CertificateUsage.TLS_CLIENT)
                    .load());
        }

        /**
         * The lab's software certificate, presented to the servers (mutual TLS).
         *
         * @param certificate the certificate, loaded and checked
         * @return this builder
         */
        public Builder certificate(SoftwareCertificate certificate) {
            this.certificate = Objects.requireNonNull(certificate, "certificate");
            return this;
        }

        /**
         * The CAs the servers' certificates must come from (the IGC-Santé chain); needed with a certificate.
         * Without both, the JDK's default trust store is used.
         *
         * @param trustStore the trust store
         * @return this builder
         */
        public Builder trustStore(TrustStore trustStore) {
            this.trustStore = Objects.requireNonNull(trustStore, "trustStore");
            return this;
        }

        /**
         * How long to wait for a connection, and for a free connection of the pool (default 10 s).
         *
         * @param timeout a positive duration
         * @return this builder
         */
        public Builder connectTimeout(Duration timeout) {
            this.connectTimeout = positive(timeout, "connectTimeout");
            return this;
        }

        /**
         * How long to wait for data from the server (default 30 s).
         *
         * @param timeout a positive duration
         * @return this builder
         */
        public Builder responseTimeout(Duration timeout) {
            this.responseTimeout = positive(timeout, "responseTimeout");
            return this;
        }

        /**
         * The bound of one attempt, answer read included (default: connect + response timeouts).
         *
         * @param timeout a positive duration
         * @return this builder
         */
        public Builder totalTimeout(Duration timeout) {
            this.totalTimeout = positive(timeout, "totalTimeout");
            return this;
        }

        /**
         * An HTTP proxy ({@code http://host:port}).
         *
         * @param proxy the proxy's address
         * @return this builder
         */
        public Builder proxy(URI proxy) {
            this.proxy = Objects.requireNonNull(proxy, "proxy");
            return this;
        }

        /**
         * Basic credentials for the proxy.
         *
         * @param user the user
         * @param password the password
         * @return this builder
         */
        public Builder proxyCredentials(String user, char[] password) {
            this.proxyUser = Objects.requireNonNull(user, "user");
            this.proxyPassword = Objects.requireNonNull(password, "password").clone();
            return this;
        }

        /**
         * The pool's size (default 20 connections, 10 per host).
         *
         * @param total the total number of connections
         * @param perRoute the number per host
         * @return this builder
         */
        public Builder maxConnections(int total, int perRoute) {
            if (total < 1 || perRoute < 1) {
                throw new TransportException(TransportError.INVALID_CONFIGURATION, "pool size must be positive");
            }
            this.maxConnections = total;
            this.maxConnectionsPerRoute = perRoute;
            return this;
        }

        /**
         * The User-Agent header (default {@code segur-bio-sdk}).
         *
         * @param userAgent the value
         * @return this builder
         */
        public Builder userAgent(String userAgent) {
            this.userAgent = Objects.requireNonNull(userAgent, "userAgent");
            return this;
        }

        /**
         * The largest answer accepted, attachments included (default 16 MiB); a client may lower it.
         *
         * @param max the size in bytes
         * @return this builder
         */
        public Builder maxResponseBytes(long max) {
            if (max < 1) {
                throw new TransportException(TransportError.INVALID_CONFIGURATION, "maxResponseBytes must be positive");
            }
            this.maxResponseBytes = max;
            return this;
        }

        /**
         * The retry policy of idempotent requests (default: {@code RetryPolicy.builder().build()}, 3 attempts
         * from 200 ms); {@link RetryPolicy#none()} for none.
         *
         * @param policy the policy
         * @return this builder
         */
        public Builder retryPolicy(RetryPolicy policy) {
            this.retryPolicy = Objects.requireNonNull(policy, "policy");
            return this;
        }

        /**
         * The circuit breaker each client gets: opened after {@code failures} unavailable answers in a row
         * (default 5), for {@code openFor} (default 30 s).
         *
         * @param failures the threshold, at least 1
         * @param openFor how long calls are suspended, positive
         * @return this builder
         */
        public Builder circuitBreaker(int failures, Duration openFor) {
            if (failures < 1) {
                throw new TransportException(TransportError.INVALID_CONFIGURATION,
                        "circuit breaker threshold must be at least 1");
            }
            this.breakerThreshold = failures;
            this.breakerOpenFor = positive(openFor, "openFor");
            return this;
        }

        /**
         * No circuit breaker: calls always go out.
         *
         * @return this builder
         */
        public Builder noCircuitBreaker() {
            this.breakerThreshold = Integer.MAX_VALUE;
            return this;
        }

        /**
         * Receives one audit event per call (the RGPD log); never any message content.
         *
         * @param listener the listener
         * @return this builder
         */
        public Builder auditListener(AuditListener listener) {
            this.audit = Objects.requireNonNull(listener, "listener");
            return this;
        }

        /**
         * Receives every exchange in full, for the CNDA proofs (opt-in; it holds health data).
         *
         * @param sink the sink, for example {@code WireTraceSink.toDirectory(dir)}
         * @return this builder
         */
        public Builder wireTrace(WireTraceSink sink) {
            this.wireTrace = Objects.requireNonNull(sink, "sink");
            return this;
        }

        /**
         * The clock of audit events, wire traces and circuit breakers (default: the UTC system clock).
         *
         * @param clock the clock
         * @return this builder
         */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /**
         * Answers every request from a stand-in instead of the network (tests, CNDA proofs); no connection
         * pool is created, the rest of the settings apply as they are.
         *
         * @param exchange the stand-in
         * @return this builder
         */
        public Builder standIn(HttpExchange exchange) {
            this.standIn = Objects.requireNonNull(exchange, "exchange");
            return this;
        }

        /**
         * Builds the connection: the TLS context and the connection pool, once.
         *
         * @return the connection
         * @throws TransportException when the settings do not fit together (a certificate without a trust
         *         store for the network)
         */
        public ServiceConnection build() {
            if (certificate != null && trustStore == null && standIn == null) {
                throw new TransportException(TransportError.INVALID_CONFIGURATION,
                        "a client certificate needs a trust store (the IGC-Santé CAs)");
            }
            return new ServiceConnection(this);
        }

        private static Duration positive(Duration d, String name) {
            if (d == null || d.isNegative() || d.isZero()) {
                throw new TransportException(TransportError.INVALID_CONFIGURATION, name + " must be positive");
            }
            return d;
        }
    }
}
