package fr.segurbio.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

/**
 * A {@link ServiceConnection} built on a stand-in {@link HttpExchange}: everything above the exchange — SOAP
 * envelope and parsing, faults, retries, circuit breaker, audit, wire trace — runs the production code.
 */
class StandInExchangeTest {

    private static final URI ENDPOINT = URI.create("https://service.test/ws");
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-02T08:00:00Z"), ZoneOffset.UTC);
    private static final Map<String, List<String>> SOAP_TYPE = Map.of("content-type",
            List.of("application/soap+xml; charset=UTF-8"));

    private final List<AuditEvent> audit = Collections.synchronizedList(new ArrayList<>());
    private final List<WireExchange> wire = Collections.synchronizedList(new ArrayList<>());
    private final List<HttpCall> calls = Collections.synchronizedList(new ArrayList<>());

    private static RetryPolicy quickRetries(int attempts) {
        return RetryPolicy.builder().maxAttempts(attempts).sleeper(d -> { }).build();
    }

    private ServiceConnection.Builder standIn(HttpExchange answers) {
        return ServiceConnection.builder()
                .retryPolicy(quickRetries(3))
                .circuitBreaker(2, Duration.ofMinutes(1))
                .auditListener(audit::add)
                .wireTrace(wire::add)
                .clock(CLOCK)
                .maxResponseBytes(4096)
                .standIn(call -> {
                    calls.add(call);
                    return answers.exchange(call);
                });
    }

    private static HttpResult soap(int status, String body) {
        return new HttpResult(status, SOAP_TYPE, envelope(body));
    }

    private static SoapRequest request(boolean idempotent) {
        return SoapRequest.builder().operation("ping").action("urn:test:ping")
                .body("<t:ping xmlns:t=\"urn:t\">bonjour</t:ping>").idempotent(idempotent).build();
    }

    /** A SOAP 1.2 envelope around a body, as a server writes it. */
    private static byte[] envelope(String body) {
        return ("<soap:Envelope xmlns:soap=\"" + SoapClient.SOAP12_NS + "\"><soap:Body>" + body
                + "</soap:Body></soap:Envelope>").getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void aSoapCallRunsTheProductionPathOverTheStandIn() {
        try (ServiceConnection c = standIn(call -> soap(200, "<t:pong xmlns:t=\"urn:t\">salut</t:pong>")).build()) {
            assertThat(c.isStandIn()).isTrue();
            assertThat(c.httpTransport()).isEmpty();
            SoapResponse r = c.soapClient(ENDPOINT, "TEST").call(request(true));
            assertThat(r.body().getTextContent()).isEqualTo("salut");
            HttpCall sent = calls.get(0);
            assertThat(sent.method()).isEqualTo("POST");
            assertThat(sent.uri()).isEqualTo(ENDPOINT);
            assertThat(sent.maxResponseBytes()).isEqualTo(4096);
            assertThat(sent.contentType()).startsWith("application/soap+xml").contains("action=\"urn:test:ping\"");
            assertThat(new String(sent.body(), StandardCharsets.UTF_8)).contains("<wsa:Action", "urn:test:ping",
                    "bonjour");
            assertThat(audit).singleElement().satisfies(e -> {
                assertThat(e.service()).isEqualTo("TEST");
                assertThat(e.start()).isEqualTo(CLOCK.instant());
                assertThat(e.outcome()).isEqualTo(AuditEvent.Outcome.SUCCESS);
                assertThat(e.principal()).isNull();
            });
            assertThat(wire).singleElement().satisfies(w -> {
                assertThat(w.responseText()).contains("salut");
                assertThat(w.sent()).isEqualTo(CLOCK.instant());
            });
        }
    }

    @Test
    void aFaultFromTheStandInIsParsedAsAFault() {
        String fault = "<soap:Fault><soap:Code><soap:Value>soap:Sender</soap:Value><soap:Subcode>"
                + "<soap:Value xmlns:s=\"urn:siram\">s:siram_100</soap:Value></soap:Subcode></soap:Code>"
                + "<soap:Reason><soap:Text xml:lang=\"fr\">refusé</soap:Text></soap:Reason></soap:Fault>";
        try (ServiceConnection c = standIn(call -> soap(400, fault)).build()) {
            SoapClient client = c.soapClient(ENDPOINT, "TEST");
            assertThatThrownBy(() -> client.call(request(true)))
                    .isInstanceOf(SoapFaultException.class)
                    .satisfies(e -> {
                        SoapFaultException f = (SoapFaultException) e;
                        assertThat(f.faultCode().getLocalPart()).isEqualTo("Sender");
                        assertThat(f.serviceCodes()).containsExactly("siram_100");
                        assertThat(f.reason()).isEqualTo("refusé");
                    });
            assertThat(calls).hasSize(1);
            assertThat(audit.get(0).outcome()).isEqualTo(AuditEvent.Outcome.FAULT);
            assertThat(client.circuitBreaker().state()).isEqualTo(CircuitBreaker.State.CLOSED);
        }
    }

    @Test
    void aTimeoutFromTheStandInIsRetriedByThePolicy() {
        AtomicInteger n = new AtomicInteger();
        try (ServiceConnection c = standIn(call -> {
            if (n.incrementAndGet() < 3) {
                throw new TransportException(TransportError.TIMEOUT, call.uri().toString(), "response 1 s");
            }
            return soap(200, "<t:pong xmlns:t=\"urn:t\"/>");
        }).build()) {
            SoapResponse r = c.soapClient(ENDPOINT, "TEST").call(request(true));
            assertThat(r.attempts()).isEqualTo(3);
            assertThat(audit.get(0).attempts()).isEqualTo(3);
            assertThat(wire).hasSize(3);
            assertThat(wire.get(0).failure()).contains("TRANSPORT-015");
            n.set(0);
            calls.clear();
            assertThatThrownBy(() -> c.soapClient(ENDPOINT, "TEST").call(request(false)))
                    .as("a request not marked idempotent is sent once")
                    .isInstanceOf(TransportException.class);
            assertThat(calls).hasSize(1);
        }
    }

    @Test
    void repeatedUnavailabilityOpensTheBreakerAndTheStandInIsNoLongerCalled() {
        try (ServiceConnection c = standIn(call -> new HttpResult(503, Map.of("content-type",
                List.of("text/html")), "<html>maintenance</html>".getBytes(StandardCharsets.UTF_8)))
                .retryPolicy(RetryPolicy.none()).build()) {
            SoapClient client = c.soapClient(ENDPOINT, "TEST");
            for (int i = 0; i < 2; i++) {
                assertThatThrownBy(() -> client.call(request(true))).isInstanceOf(RemoteServiceException.class)
                        .hasMessageContaining("503");
            }
            assertThat(client.circuitBreaker().state()).isEqualTo(CircuitBreaker.State.OPEN);
            assertThatThrownBy(() -> client.call(request(true)))
                    .isInstanceOf(TransportException.class)
                    .satisfies(e -> assertThat(((TransportException) e).code()).isEqualTo(TransportError.CIRCUIT_OPEN))
                    .hasMessageContaining("60 s");
            assertThat(calls).hasSize(2);
            assertThat(audit.get(2).errorCode()).isEqualTo("TRANSPORT-029");
            assertThat(c.soapClient(ENDPOINT, "TEST").circuitBreaker().state())
                    .as("a new client gets its own breaker").isEqualTo(CircuitBreaker.State.CLOSED);
        }
    }

    @Test
    void anHttpClientOverTheStandInRetriesGetsMergesHeadersAndReturnsChosenErrors() {
        AtomicInteger n = new AtomicInteger();
        try (ServiceConnection c = standIn(call -> {
            if (call.uri().getPath().equals("/busy") && n.incrementAndGet() == 1) {
                return new HttpResult(504, Map.of(), new byte[0]);
            }
            int status = call.uri().getPath().equals("/missing") ? 404 : 200;
            return new HttpResult(status, Map.of("content-type", List.of("application/json")),
                    ("{\"auth\":\"" + call.header("authorization") + "\",\"accept\":\"" + call.header("Accept") + "\"}")
                            .getBytes(StandardCharsets.UTF_8));
        }).build()) {
            HttpServiceClient api = c.httpClientBuilder("API").httpHeader("Authorization", "Bearer t0k")
                    .httpHeader("Accept", "application/json").build();
            HttpResult r = api.get(URI.create("https://api.test/busy"), Map.of("Accept", "application/fhir+json"), "read");
            assertThat(r.status()).isEqualTo(200);
            assertThat(new String(r.body(), StandardCharsets.UTF_8))
                    .isEqualTo("{\"auth\":\"Bearer t0k\",\"accept\":\"application/fhir+json\"}");
            assertThat(calls).hasSize(2);
            assertThat(audit.get(0).attempts()).isEqualTo(2);
            HttpResult missing = api.get(URI.create("https://api.test/missing"), Map.of(), "read");
            assertThat(missing.status()).isEqualTo(404);
            assertThat(audit.get(1).outcome()).isEqualTo(AuditEvent.Outcome.REMOTE_ERROR);
            assertThat(wire).hasSize(3);
        }
    }

    @Test
    void aDerivedStandInConnectionKeepsTheSettingsAndOwnsNothing() {
        try (ServiceConnection network = ServiceConnection.builder()
                .connectTimeout(Duration.ofSeconds(3))
                .responseTimeout(Duration.ofSeconds(4))
                .maxResponseBytes(1234)
                .auditListener(audit::add)
                .clock(CLOCK)
                .build()) {
            assertThat(network.isStandIn()).isFalse();
            assertThat(network.totalTimeout()).isEqualTo(Duration.ofSeconds(7));
            ServiceConnection offline = network.withStandIn(call -> soap(200, "<t:ok xmlns:t=\"urn:t\"/>"));
            assertThat(offline.isStandIn()).isTrue();
            assertThat(offline.maxResponseBytes()).isEqualTo(1234);
            assertThat(offline.connectTimeout()).isEqualTo(Duration.ofSeconds(3));
            assertThat(offline.clock()).isSameAs(CLOCK);
            offline.soapClient(ENDPOINT, "OFF").call(request(true));
            offline.close();
            assertThat(audit).singleElement().satisfies(e -> assertThat(e.service()).isEqualTo("OFF"));
            assertThat(network.httpTransport()).isPresent();
        }
    }

    @Test
    void badSettingsAreRefusedWithTheConfigurationCode() {
        assertThatThrownBy(() -> ServiceConnection.builder().connectTimeout(Duration.ZERO))
                .isInstanceOf(TransportException.class).hasMessageContaining("TRANSPORT-026");
        assertThatThrownBy(() -> ServiceConnection.builder().responseTimeout(Duration.ofSeconds(-1)))
                .hasMessageContaining("TRANSPORT-026");
        assertThatThrownBy(() -> ServiceConnection.builder().totalTimeout(null))
                .hasMessageContaining("TRANSPORT-026");
        assertThatThrownBy(() -> ServiceConnection.builder().maxResponseBytes(0))
                .hasMessageContaining("TRANSPORT-026");
        assertThatThrownBy(() -> ServiceConnection.builder().circuitBreaker(0, Duration.ofSeconds(1)))
                .hasMessageContaining("TRANSPORT-026");
        assertThatThrownBy(() -> ServiceConnection.builder().circuitBreaker(1, Duration.ZERO))
                .hasMessageContaining("TRANSPORT-026");
        assertThatThrownBy(() -> ServiceConnection.builder().maxConnections(0, 1))
                .hasMessageContaining("TRANSPORT-026");
        assertThatThrownBy(() -> new HttpCall("GET", ENDPOINT, Map.of(), null, 0))
                .hasMessageContaining("TRANSPORT-026");
        SoftwareCertificate cert = Pki.load(Pki.get().insiAuto());
        assertThatThrownBy(() -> ServiceConnection.builder().certificate(cert).build())
                .as("a certificate needs the CAs of the servers")
                .isInstanceOf(TransportException.class)
                .satisfies(e -> assertThat(((TransportException) e).code())
                        .isEqualTo(TransportError.INVALID_CONFIGURATION));
        try (ServiceConnection standIn = ServiceConnection.builder().certificate(cert)
                .standIn(call -> soap(200, "<t:ok xmlns:t=\"urn:t\"/>")).build()) {
            assertThat(standIn.principal()).isEqualTo("INSI-AUTO");
            assertThat(standIn.sslContext()).as("no trust store, no TLS context").isEmpty();
        }
    }

    @Test
    void noCircuitBreakerMeansCallsAlwaysGoOut() {
        try (ServiceConnection c = standIn(call -> {
            throw new TransportException(TransportError.CONNECTION_FAILED, call.uri().toString(), "refused");
        }).retryPolicy(RetryPolicy.none()).noCircuitBreaker().build()) {
            SoapClient client = c.soapClient(ENDPOINT, "TEST");
            for (int i = 0; i < 10; i++) {
                assertThatThrownBy(() -> client.call(request(true))).isInstanceOf(TransportException.class)
                        .hasMessageContaining("TRANSPORT-");
            }
            assertThat(calls).hasSize(10);
            assertThat(client.circuitBreaker().state()).isEqualTo(CircuitBreaker.State.CLOSED);
        }
    }

    @Test
    void withRetryOnKeepsTheTimingAndChangesTheTest() {
        RetryPolicy base = RetryPolicy.builder().maxAttempts(4).initialBackoff(Duration.ofMillis(100)).multiplier(3)
                .maxBackoff(Duration.ofSeconds(1)).build();
        RetryPolicy everything = base.withRetryOn(e -> true);
        assertThat(everything.maxAttempts()).isEqualTo(4);
        assertThat(everything.baseBackoff(2)).isEqualTo(Duration.ofMillis(300));
        assertThat(everything.isRetryable(new IllegalStateException("x"))).isTrue();
        assertThat(base.isRetryable(new IllegalStateException("x"))).isFalse();
    }
}
