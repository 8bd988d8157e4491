package fr.segurbio.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import javax.net.ssl.SSLSocket;
import javax.xml.namespace.QName;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import fr.segurbio.testkit.MutualTlsServer;
import fr.segurbio.testkit.ServerRequest;
import fr.segurbio.testkit.ServerResponse;
import fr.segurbio.testkit.TestPki;

/**
 * One {@link ServiceConnection} serving a SOAP client and a plain HTTP client over real mutual TLS with the
 * testkit server: the lab's certificate reaches both, audit and wire trace see both, each has its own breaker.
 */
class ServiceConnectionIT {

    private static final String NS = "urn:test:echo";

    static TestPki pki;
    static MutualTlsServer server;
    static ServiceConnection connection;
    static final List<AuditEvent> audit = Collections.synchronizedList(new ArrayList<>());
    static final List<WireExchange> wire = Collections.synchronizedList(new ArrayList<>());
    static final AtomicInteger flaky = new AtomicInteger();

    @BeforeAll
    static void start() {
        pki = Pki.get();
        server = MutualTlsServer.builder(pki.serverIdentity(), pki.trustAnchors())
                .handle("/soap", ServiceConnectionIT::soapEcho)
                .handle("/fault", r -> ServerResponse.soapFault("soap:Sender",
                        List.of(new QName("urn:siram", "siram_100", "siram")), "Accès refusé", null))
                .handle("/fhir", ServiceConnectionIT::jsonEcho)
                .handle("/token", ServiceConnectionIT::token)
                .handle("/flaky", r -> flaky.incrementAndGet() % 2 == 1
                        ? ServerResponse.html(503, "<html><body>busy</body></html>")
                        : ServerResponse.of(200, "application/json", "{\"ok\":true}".getBytes(StandardCharsets.UTF_8)))
                .handle("/down", r -> ServerResponse.html(503, "<html><body>maintenance</body></html>"))
                .handle("/big", r -> ServerResponse.of(200, "application/json",
                        ("{\"x\":\"" + "y".repeat(50_000) + "\"}").getBytes(StandardCharsets.UTF_8)))
                .start();
        connection = ServiceConnection.builder()
                .certificate(pki.insiAuto().pkcs12(), pki.insiAuto().password())
                .trustStore(TrustStore.fromPem(pki.trustAnchorsPem()))
                .connectTimeout(Duration.ofSeconds(2))
                .responseTimeout(Duration.ofSeconds(5))
                .retryPolicy(RetryPolicy.builder().maxAttempts(3).initialBackoff(Duration.ofMillis(5)).build())
                .circuitBreaker(2, Duration.ofMinutes(5))
                .auditListener(audit::add)
                .wireTrace(wire::add)
                .build();
    }

    @AfterAll
    static void stop() {
        if (connection != null) {
            connection.close();
        }
        if (server != null) {
            server.close();
        }
    }

    private static ServerResponse soapEcho(ServerRequest request) {
        String text = request.soapEnvelope().getElementsByTagNameNS(NS, "echo").item(0).getTextContent();
        return ServerResponse.soapBody("<e:echoResponse xmlns:e=\"" + NS + "\"><e:text>" + text + "</e:text>"
                + "<e:client>" + request.clientCommonName() + "</e:client></e:echoResponse>");
    }

    private static ServerResponse jsonEcho(ServerRequest request) {
        String json = "{\"method\":\"" + request.method() + "\",\"client\":\"" + request.clientCommonName()
                + "\",\"accept\":\"" + request.header("Accept") + "\",\"query\":\"" + request.query() + "\"}";
        int status = "missing".equals(request.query()) ? 404 : 200;
        return ServerResponse.of(status, "application/fhir+json", json.getBytes(StandardCharsets.UTF_8));
    }

    private static ServerResponse token(ServerRequest request) {
        String form = request.bodyAsString();
        return ServerResponse.of(200, "application/json", ("{\"access_token\":\"tok-" + request.clientCommonName()
                + "\",\"form\":\"" + form + "\",\"type\":\"" + request.contentType() + "\"}")
                .getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void aSoapClientFromTheConnectionPresentsTheLabCertificate() {
        SoapClient soap = connection.soapClient(server.uri("/soap"), "ECHO");
        int auditBefore = audit.size();
        SoapResponse r = soap.call(SoapRequest.builder().operation("echo").action("urn:test:echo")
                .body("<e:echo xmlns:e=\"" + NS + "\">bonjour</e:echo>").idempotent(true).build());
        assertThat(r.body().getElementsByTagNameNS(NS, "text").item(0).getTextContent()).isEqualTo("bonjour");
        assertThat(r.body().getElementsByTagNameNS(NS, "client").item(0).getTextContent()).isEqualTo("INSI-AUTO");
        AuditEvent e = audit.get(auditBefore);
        assertThat(e.service()).isEqualTo("ECHO");
        assertThat(e.principal()).isEqualTo("INSI-AUTO");
        assertThat(e.outcome()).isEqualTo(AuditEvent.Outcome.SUCCESS);
        assertThat(wire).anySatisfy(w -> assertThat(w.correlationId()).isEqualTo(e.correlationId()));
    }

    @Test
    void aSenderFaultIsASoapFaultAndDoesNotCountAgainstTheService() {
        SoapClient soap = connection.soapClient(server.uri("/fault"), "FAULTY");
        for (int i = 0; i < 3; i++) {
            assertThatThrownBy(() -> soap.call(SoapRequest.builder().operation("op").action("urn:op")
                    .body("<e:echo xmlns:e=\"" + NS + "\">x</e:echo>").idempotent(true).build()))
                    .isInstanceOf(SoapFaultException.class)
                    .satisfies(t -> assertThat(((SoapFaultException) t).serviceCodes()).contains("siram_100"));
        }
        assertThat(soap.circuitBreaker().state()).isEqualTo(CircuitBreaker.State.CLOSED);
    }

    @Test
    void anHttpClientFromTheSameConnectionGetsAndPostsOverMutualTls() throws Exception {
        HttpServiceClient fhir = connection.httpClient("Annuaire Santé");
        int auditBefore = audit.size();
        HttpResult r = fhir.get(server.uri("/fhir/Practitioner?identifier=810000000001"),
                Map.of("Accept", "application/fhir+json"), "searchPractitioner");
        assertThat(r.status()).isEqualTo(200);
        String json = new String(r.body(), StandardCharsets.UTF_8);
        assertThat(json).contains("\"method\":\"GET\"", "\"client\":\"INSI-AUTO\"",
                "\"accept\":\"application/fhir+json\"", "identifier=810000000001");
        AuditEvent e = audit.get(auditBefore);
        assertThat(e.service()).isEqualTo("Annuaire Santé");
        assertThat(e.operation()).isEqualTo("searchPractitioner");
        assertThat(e.principal()).isEqualTo("INSI-AUTO");
        assertThat(e.endpoint().toString()).doesNotContain("810000000001");

        HttpServiceClient psc = connection.httpClient("PSC");
        HttpResult token = psc.post(server.uri("/token"), "application/x-www-form-urlencoded",
                "grant_type=client_credentials".getBytes(StandardCharsets.UTF_8), Map.of(), "token");
        assertThat(new String(token.body(), StandardCharsets.UTF_8)).contains("tok-INSI-AUTO",
                "grant_type=client_credentials", "application/x-www-form-urlencoded");
        WireExchange last = wire.get(wire.size() - 1);
        assertThat(last.service()).isEqualTo("PSC");
        assertThat(last.requestText()).isEqualTo("grant_type=client_credentials");
        assertThat(last.status()).isEqualTo(200);
    }

    @Test
    void anHttpErrorTheServiceChoseIsReturnedAndAudited() {
        HttpServiceClient fhir = connection.httpClient("FHIR");
        int auditBefore = audit.size();
        HttpResult r = fhir.get(server.uri("/fhir/Practitioner?missing"), Map.of(), "read");
        assertThat(r.status()).isEqualTo(404);
        AuditEvent e = audit.get(auditBefore);
        assertThat(e.outcome()).isEqualTo(AuditEvent.Outcome.REMOTE_ERROR);
        assertThat(e.errorCode()).isEqualTo(TransportError.HTTP_ERROR.id());
        assertThat(fhir.circuitBreaker().state()).isEqualTo(CircuitBreaker.State.CLOSED);
    }

    @Test
    void aGetIsRetriedOn503AndAPostIsNot() {
        HttpServiceClient c = connection.httpClient("FLAKY");
        flaky.set(0);
        HttpResult r = c.get(server.uri("/flaky"), Map.of(), "get");
        assertThat(r.status()).isEqualTo(200);
        assertThat(flaky.get()).isEqualTo(2);
        AuditEvent e = audit.get(audit.size() - 1);
        assertThat(e.attempts()).isEqualTo(2);
        flaky.set(0);
        assertThatThrownBy(() -> c.post(server.uri("/flaky"), "application/json", "{}".getBytes(StandardCharsets.UTF_8),
                Map.of(), "post"))
                .isInstanceOf(RemoteServiceException.class)
                .satisfies(t -> assertThat(((RemoteServiceException) t).status()).isEqualTo(503));
        assertThat(flaky.get()).isEqualTo(1);
    }

    @Test
    void theBreakerOpensPerClientAndRefusesWithoutCallingTheServer() {
        HttpServiceClient down = connection.httpClient("DOWN");
        SoapClient soap = connection.soapClient(server.uri("/soap"), "ECHO");
        for (int i = 0; i < 2; i++) {
            assertThatThrownBy(() -> down.get(server.uri("/down"), Map.of(), "get"))
                    .isInstanceOf(RemoteServiceException.class);
        }
        assertThat(down.circuitBreaker().state()).isEqualTo(CircuitBreaker.State.OPEN);
        long before = server.requestCount();
        int auditBefore = audit.size();
        assertThatThrownBy(() -> down.get(server.uri("/down"), Map.of(), "get"))
                .isInstanceOf(TransportException.class)
                .hasMessageContaining("TRANSPORT-029")
                .satisfies(t -> assertThat(((TransportException) t).code()).isEqualTo(TransportError.CIRCUIT_OPEN));
        assertThat(server.requestCount()).isEqualTo(before);
        assertThat(audit.get(auditBefore).errorCode()).isEqualTo("TRANSPORT-029");
        // another client of the same connection is not affected
        assertThat(soap.call(SoapRequest.builder().operation("echo").action("urn:test:echo")
                .body("<e:echo xmlns:e=\"" + NS + "\">encore</e:echo>").build())).isNotNull();
        assertThat(soap.circuitBreaker().state()).isEqualTo(CircuitBreaker.State.CLOSED);
    }

    @Test
    void theSizeLimitOfTheConnectionApplies() {
        try (ServiceConnection small = ServiceConnection.builder()
                .certificate(Pki.load(pki.insiAuto()))
                .trustStore(Pki.trust())
                .maxResponseBytes(10_000)
                .build()) {
            assertThatThrownBy(() -> small.httpClient("BIG").get(server.uri("/big"), Map.of(), "get"))
                    .isInstanceOf(TransportException.class)
                    .satisfies(t -> assertThat(((TransportException) t).code())
                            .isEqualTo(TransportError.RESPONSE_TOO_LARGE));
        }
    }

    @Test
    void aCertificateTheServerDoesNotTrustIsRefusedOnBothKindsOfClient() {
        try (ServiceConnection rogue = ServiceConnection.builder()
                .certificate(Pki.load(pki.wronglyIssued()))
                .trustStore(Pki.trust())
                .retryPolicy(RetryPolicy.none())
                .build()) {
            assertThatThrownBy(() -> rogue.httpClient("FHIR").get(server.uri("/fhir"), Map.of(), "get"))
                    .isInstanceOf(TransportException.class)
                    .satisfies(t -> assertThat(((TransportException) t).code())
                            .isEqualTo(TransportError.CLIENT_CERTIFICATE_REFUSED));
            assertThatThrownBy(() -> rogue.soapClient(server.uri("/soap"), "ECHO").call(SoapRequest.builder()
                    .action("urn:test:echo").body("<e:echo xmlns:e=\"" + NS + "\">x</e:echo>").build()))
                    .isInstanceOf(TransportException.class)
                    .satisfies(t -> assertThat(((TransportException) t).code())
                            .isEqualTo(TransportError.CLIENT_CERTIFICATE_REFUSED));
        }
    }

    @Test
    void aServerOutsideTheTrustStoreIsRefused() {
        try (ServiceConnection distrustful = ServiceConnection.builder()
                .certificate(Pki.load(pki.insiAuto()))
                .trustStore(TrustStore.fromPem(pki.rogueTrustAnchorsPem()))
                .retryPolicy(RetryPolicy.none())
                .build()) {
            assertThatThrownBy(() -> distrustful.httpClient("FHIR").get(server.uri("/fhir"), Map.of(), "get"))
                    .isInstanceOf(TransportException.class)
                    .satisfies(t -> assertThat(((TransportException) t).code())
                            .isEqualTo(TransportError.SERVER_NOT_TRUSTED));
        }
    }

    @Test
    void theTlsContextServesOtherProtocolsWithTheSameCertificate() throws Exception {
        assertThat(connection.httpTransport()).isPresent();
        assertThat(connection.isStandIn()).isFalse();
        try (SSLSocket socket = (SSLSocket) connection.sslContext().orElseThrow().getSocketFactory()
                .createSocket(server.uri().getHost(), server.port())) {
            socket.startHandshake();
            assertThat(socket.getSession().getLocalCertificates()[0].toString()).contains("INSI-AUTO");
        }
    }

    @Test
    void throughTheConnectionsProxyBothClientsKeepMutualTls() throws Exception {
        try (ConnectProxy proxy = new ConnectProxy();
                ServiceConnection viaProxy = ServiceConnection.builder()
                        .certificate(Pki.load(pki.insiAuto()))
                        .trustStore(Pki.trust())
                        .proxy(proxy.uri())
                        .build()) {
            assertThat(viaProxy.proxy()).contains(proxy.uri());
            SoapResponse r = viaProxy.soapClient(server.uri("/soap"), "ECHO").call(SoapRequest.builder()
                    .action("urn:test:echo").body("<e:echo xmlns:e=\"" + NS + "\">par le proxy</e:echo>").build());
            assertThat(r.body().getElementsByTagNameNS(NS, "client").item(0).getTextContent()).isEqualTo("INSI-AUTO");
            HttpResult h = viaProxy.httpClient("FHIR").get(server.uri("/fhir/Organization"), Map.of(), "read");
            assertThat(new String(h.body(), StandardCharsets.UTF_8)).contains("\"client\":\"INSI-AUTO\"");
            assertThat(proxy.tunnels()).isNotEmpty().allSatisfy(t -> assertThat(t).endsWith(":" + server.port()));
        }
    }
}
