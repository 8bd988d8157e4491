package fr.segurbio.transport;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import fr.segurbio.core.SegurException;

/**
 * A plain HTTP client for one remote service (a REST or FHIR API such as the Annuaire Santé, an OAuth token
 * endpoint over mutual TLS such as Pro Santé Connect's): the HTTP counterpart of {@link SoapClient}, with the
 * same cross-cutting behaviour. Each call goes through the {@link CircuitBreaker}, is retried by the
 * {@link RetryPolicy} when it is idempotent (a GET, or a call marked so), gives one {@link AuditEvent}, and goes
 * in full to the {@link WireTraceSink} when one is configured.
 *
 * <p>The answer comes back whatever its status, for the client to read (a FHIR {@code OperationOutcome}, an
 * OAuth {@code error}), except an HTTP 502, 503 or 504 — the service is unavailable — which is retried and then
 * thrown as a {@link RemoteServiceException}. No answer at all is a {@link TransportException}. Thread-safe;
 * usually made by a {@link ServiceConnection}.
 *
 * <pre>{@code
 * HttpServiceClient annuaire = connection.httpClient("Annuaire Santé");
 * HttpResult r = annuaire.get(URI.create(base + "/Practitioner?identifier=810000000001"),
 *         Map.of("Accept", "application/fhir+json", "ESANTE-API-KEY", apiKey), "searchPractitioner");
 * if (r.isSuccess()) {
 *     read(r.body());
 * }
 * }</pre>
 */
public final class HttpServiceClient {

    private static final Logger LOG = LoggerFactory.getLogger(HttpServiceClient.class);

    private final HttpExchange exchange;
    private final String principal;
    private final String service;
    private final long maxResponseBytes;
    private final RetryPolicy retryPolicy;
    private final CircuitBreaker breaker;
    private final AuditListener audit;
    private final WireTraceSink wireTrace;
    private final Clock clock;
    private final Map<String, String> httpHeaders;

    private HttpServiceClient(Builder b) {
        this.exchange = Objects.requireNonNull(b.exchange, "exchange");
        this.principal = b.principal;
        this.service = Objects.requireNonNull(b.service, "service");
        this.maxResponseBytes = b.maxResponseBytes;
        this.retryPolicy = b.retryPolicy;
        this.breaker = b.breaker;
        this.audit = b.audit;
        this.wireTrace = b.wireTrace;
        this.clock = b.clock;
        this.httpHeaders = Map.copyOf(b.httpHeaders);
    }

    /**
     * A builder.
     *
     * @param service the service's name in audit events and messages, such as {@code PSC}
     * @return a new builder
     */
    public static Builder builder(String service) {
        return new Builder(service);
    }

    /**
     * The service's name.
     *
     * @return the name
     */
    public String service() {
        return service;
    }

    /**
     * The circuit breaker of this service.
     *
     * @return the breaker
     */
    public CircuitBreaker circuitBreaker() {
        return breaker;
    }

    /**
     * Sends a GET (idempotent: retried).
     *
     * @param uri the address
     * @param headers the request headers
     * @param operation the operation's name in audit events
     * @return the answer (any status but 502, 503, 504)
     * @throws RemoteServiceException HTTP 502, 503 or 504 after the last attempt
     * @throws TransportException no answer: TLS, connection, timeout, size limit, circuit open
     */
    public HttpResult get(URI uri, Map<String, String> headers, String operation) {
        return send(new HttpCall("GET", uri, headers, new byte[0], maxResponseBytes), operation, true);
    }

    /**
     * Sends a POST (not idempotent: never retried).
     *
     * @param uri the address
     * @param contentType the body's Content-Type
     * @param body the body
     * @param headers more request headers
     * @param operation the operation's name in audit events
     * @return the answer (any status but 502, 503, 504)
     * @throws RemoteServiceException HTTP 502, 503 or 504
     * @throws TransportException no answer: TLS, connection, timeout, size limit, circuit open
     */
    public HttpResult post(URI uri, String contentType, byte[] body, Map<String, String> headers,
            String operation) {
        return send(HttpCall.post(uri, contentType, body, headers, maxResponseBytes), operation, false);
    }

    /**
     * Sends any request.
     *
     * @param call the request (its size limit is lowered to this client's when larger)
     * @param operation the operation's name in audit events
     * @param idempotent whether the request may be retried
     * @return the answer (any status but 502, 503, 504)
     * @throws RemoteServiceException HTTP 502, 503 or 504 after the last attempt
     * @throws TransportException no answer: TLS, connection, timeout, size limit, circuit open
     */
    public HttpResult send(HttpCall call, String operation, boolean idempotent) {
        Objects.requireNonNull(call, "call");
        Objects.requireNonNull(operation, "operation");
        Map<String, String> headers = new LinkedHashMap<>(httpHeaders);
        headers.putAll(call.headers());
        HttpCall bounded = new HttpCall(call.method(), call.uri(), headers, call.body(),
                Math.min(call.maxResponseBytes(), maxResponseBytes));
        String correlationId = "uuid:" + UUID.randomUUID();
        RetryPolicy policy = idempotent ? retryPolicy : RetryPolicy.none();
        Instant start = clock.instant();
        long t0 = System.nanoTime();
        AtomicInteger attempts = new AtomicInteger();
        if (!breaker.allow()) {
            TransportException open = new TransportException(TransportError.CIRCUIT_OPEN, service,
                    SoapClient.human(breaker.remainingOpen()));
            emit(operation, bounded.uri(), correlationId, start, t0, AuditEvent.Outcome.TRANSPORT_ERROR,
                    open.code().id(), 0);
            throw open;
        }
        try {
            HttpResult r = policy.execute(() -> attempt(bounded, operation, correlationId,
                    attempts.incrementAndGet()), (n, e) -> LOG.info("{}.{} attempt {} failed ({}), retrying [{}]",
                            service, operation, n,
                            e instanceof SegurException s ? s.code().id() : e.getClass().getSimpleName(),
                            correlationId));
            breaker.recordSuccess();
            emit(operation, bounded.uri(), correlationId, start, t0,
                    r.status() < 400 ? AuditEvent.Outcome.SUCCESS : AuditEvent.Outcome.REMOTE_ERROR,
                    r.status() < 400 ? null : TransportError.HTTP_ERROR.id(), attempts.get());
            return r;
        } catch (RemoteServiceException e) {
            record(e);
            emit(operation, bounded.uri(), correlationId, start, t0, AuditEvent.Outcome.REMOTE_ERROR,
                    e.code().id(), attempts.get());
            throw e;
        } catch (TransportException e) {
            record(e);
            emit(operation, bounded.uri(), correlationId, start, t0, AuditEvent.Outcome.TRANSPORT_ERROR,
                    e.code().id(), attempts.get());
            throw e;
        } catch (RuntimeException e) {
            breaker.release();
            throw e;
        }
    }

    private void record(RuntimeException e) {
        if (retryPolicy.isRetryable(e) || RetryPolicy.isTransient(e)) {
            breaker.recordFailure();
        } else {
            breaker.release();
        }
    }

    private HttpResult attempt(HttpCall call, String operation, String correlationId, int attempt) {
        Instant sent = clock.instant();
        HttpResult result;
        try {
            result = exchange.exchange(call);
        } catch (TransportException e) {
            trace(call, operation, correlationId, attempt, sent, null, e.getMessage());
            throw e;
        }
        trace(call, operation, correlationId, attempt, sent, result, null);
        int status = result.status();
        if (status == 502 || status == 503 || status == 504) {
            byte[] body = result.body();
            String first = new String(body, 0, Math.min(body.length, RemoteServiceException.FIRST_BYTES),
                    StandardCharsets.UTF_8);
            throw new RemoteServiceException(TransportError.HTTP_ERROR, service, status, result.contentType(), first);
        }
        return result;
    }

    private void trace(HttpCall call, String operation, String correlationId, int attempt, Instant sent,
            HttpResult result, String failure) {
        if (wireTrace == WireTraceSink.NONE) {
            return;
        }
        try {
            wireTrace.exchange(new WireExchange(correlationId, service, operation, call.uri(), attempt, sent,
                    call.contentType() == null ? "" : call.contentType(), call.body(),
                    result == null ? 0 : result.status(), result == null ? Map.of() : result.headers(),
                    result == null ? new byte[0] : result.body(), failure));
        } catch (RuntimeException e) {
            LOG.warn("the wire trace sink failed: {}", e.toString());
        }
    }

    private void emit(String operation, URI uri, String correlationId, Instant start, long t0,
            AuditEvent.Outcome outcome, String code, int attempts) {
        Duration d = Duration.ofNanos(System.nanoTime() - t0);
        LOG.debug("{}.{} {} in {} ms after {} attempt(s) [{}]", service, operation, outcome, d.toMillis(), attempts,
                correlationId);
        URI where = URI.create(uri.getScheme() + "://" + uri.getRawAuthority() + (uri.getRawPath() == null ? ""
                : uri.getRawPath()));
        try {
            audit.onCall(new AuditEvent(service, operation, where, principal, start, d, outcome, code, correlationId,
                    Math.max(1, attempts)));
        } catch (RuntimeException e) {
            LOG.warn("the audit listener failed: {}", e.toString());
        }
    }

    /** Configures an {@link HttpServiceClient}. Not thread-safe. */
    public static final class Builder {
        private final String service;
        private HttpExchange exchange;
        private String principal;
        private long maxResponseBytes = 16L * 1024 * 1024;
        private RetryPolicy retryPolicy = RetryPolicy.none();
        private CircuitBreaker breaker = CircuitBreaker.disabled();
        private AuditListener audit = AuditListener.NONE;
        private WireTraceSink wireTrace = WireTraceSink.NONE;
        private Clock clock = Clock.systemUTC();
        private final Map<String, String> httpHeaders = new LinkedHashMap<>();

        private Builder(String service) {
            this.service = Objects.requireNonNull(service, "service");
        }

        /**
         * The exchange that carries the requests: the network's {@link HttpTransport}, or a stand-in.
         *
         * @param exchange the exchange
         * @return this builder
         */
        public Builder exchange(HttpExchange exchange) {
            this.exchange = Objects.requireNonNull(exchange, "exchange");
            return this;
        }

        /**
         * The CN of the client certificate, for audit events.
         *
         * @param principal the CN, or {@code null}
         * @return this builder
         */
        public Builder principal(String principal) {
            this.principal = principal;
            return this;
        }

        /**
         * The largest answer accepted (default 16 MiB).
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
         * The retry policy of idempotent requests (default: none).
         *
         * @param policy the policy
         * @return this builder
         */
        public Builder retryPolicy(RetryPolicy policy) {
            this.retryPolicy = Objects.requireNonNull(policy, "policy");
            return this;
        }

        /**
         * The circuit breaker of this service (default: one that never opens).
         *
         * @param breaker the breaker, not shared with another service
         * @return this builder
         */
        public Builder circuitBreaker(CircuitBreaker breaker) {
            this.breaker = Objects.requireNonNull(breaker, "breaker");
            return this;
        }

        /**
         * The audit listener (default: none).
         *
         * @param listener the listener
         * @return this builder
         */
        public Builder auditListener(AuditListener listener) {
            this.audit = Objects.requireNonNull(listener, "listener");
            return this;
        }

        /**
         * The wire trace sink (default: none).
         *
         * @param sink the sink
         * @return this builder
         */
        public Builder wireTrace(WireTraceSink sink) {
            this.wireTrace = Objects.requireNonNull(sink, "sink");
            return this;
        }

        /**
         * The clock of audit events and wire traces (default: the UTC system clock).
         *
         * @param clock the clock
         * @return this builder
         */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /**
         * An HTTP header added to every request (a request's own header of the same name wins).
         *
         * @param name the name
         * @param value the value
         * @return this builder
         */
        public Builder httpHeader(String name, String value) {
            httpHeaders.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, "value"));
            return this;
        }

        /**
         * Builds the client.
         *
         * @return the client
         */
        public HttpServiceClient build() {
            return new HttpServiceClient(this);
        }
    }
}
