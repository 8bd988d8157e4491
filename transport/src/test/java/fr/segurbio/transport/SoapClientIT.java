package fr.segurbio.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import javax.xml.namespace.QName;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

import fr.segurbio.testkit.MutualTlsServer;
import fr.segurbio.testkit.ServerRequest;
import fr.segurbio.testkit.ServerResponse;
import fr.segurbio.testkit.TestPki;

/** Real mutual-TLS SOAP 1.2 and MTOM exchanges with the testkit server, and every bad answer the issue names. */
class SoapClientIT {

    private static final String NS = "urn:test:echo";
    private static final String ACTION = "urn:test:echo:1.0:echo";

    static TestPki pki;
    static MutualTlsServer server;
    static HitRecorder recorder;
    static HttpTransport http;
    static final AtomicInteger flaky = new AtomicInteger();

    @BeforeAll
    static void start() throws Exception {
        pki = Pki.get();
        recorder = new HitRecorder();
        server = MutualTlsServer.builder(pki.serverIdentity(), pki.trustAnchors())
                .handle("/echo", SoapClientIT::echo)
                .handle("/mtom", SoapClientIT::mtomEcho)
                .handle("/fault", r -> ServerResponse.soapFault("soap:Sender",
                        List.of(new QName("urn:siram", "siram_100", "siram")),
                        "L'accès par ce progiciel au service n'est pas autorisé",
                        "<siram:Erreur xmlns:siram=\"urn:siram\" severite=\"erreur\" code=\"desir_550\">"
                                + "Numéro d'autorisation du logiciel inconnu.</siram:Erreur>"))
                .handle("/nested-fault", r -> ServerResponse.soapFault("soap:Receiver",
                        List.of(new QName("urn:siram", "siram_40", "siram"), new QName("urn:insi", "insi_102", "i")),
                        "Le service est temporairement inaccessible", null))
                .handle("/html503", r -> ServerResponse.html(503,
                        "<html><head><title>503 Service Unavailable</title></head><body>Maintenance</body></html>"))
                .handle("/text200", r -> ServerResponse.of(200, "text/plain", "OK".getBytes(StandardCharsets.UTF_8)))
                .handle("/soap11", r -> ServerResponse.of(200, "text/xml",
                        ("<s:Envelope xmlns:s=\"http://schemas.xmlsoap.org/soap/envelope/\"><s:Body/></s:Envelope>")
                                .getBytes(StandardCharsets.UTF_8)))
                .handle("/big", r -> ServerResponse.soapBody("<t:big xmlns:t=\"urn:t\">" + "x".repeat(200_000)
                        + "</t:big>"))
                .handle("/xxe", r -> ServerResponse.soap("<?xml version=\"1.0\"?>\n<!DOCTYPE e [<!ENTITY x SYSTEM \""
                        + recorder.uri("/xxe-entity") + "\">]>\n" + ServerResponse.envelope(
                        "<t:r xmlns:t=\"urn:t\">&x;</t:r>")))
                .handle("/xxe-param", r -> ServerResponse.soap("<?xml version=\"1.0\"?>\n<!DOCTYPE e [<!ENTITY % p SYSTEM \""
                        + recorder.uri("/xxe-param") + "\"> %p;]>\n" + ServerResponse.envelope("<t:r xmlns:t=\"urn:t\"/>")))
                .handle("/laughs", r -> ServerResponse.soap(billionLaughs()))
                .handle("/slow", r -> ServerResponse.soapBody("<t:late xmlns:t=\"urn:t\"/>")
                        .afterDelay(Duration.ofSeconds(10)))
                .handle("/flaky", r -> flaky.incrementAndGet() < 3
                        ? ServerResponse.html(503, "<html><body>busy</body></html>")
                        : ServerResponse.soapBody("<t:ok xmlns:t=\"urn:t\"/>"))
                .start();
        http = HttpTransport.builder()
                .clientCertificate(Pki.load(pki.insiAuto()))
                .trustStore(Pki.trust())
                .connectTimeout(Duration.ofSeconds(2))
                .responseTimeout(Duration.ofSeconds(5))
                .totalTimeout(Duration.ofSeconds(8))
                .build();
    }

    @AfterAll
    static void stop() throws Exception {
        http.close();
        server.close();
        recorder.close();
    }

    static String billionLaughs() {
        StringBuilder b = new StringBuilder("<?xml version=\"1.0\"?>\n<!DOCTYPE lolz [\n<!ENTITY lol \"lol\">\n");
        b.append("<!ENTITY lol1 \"&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;\">\n");
        for (int i = 2; i <= 9; i++) {
            b.append("<!ENTITY lol").append(i).append(" \"");
            b.append(("&lol" + (i - 1) + ";").repeat(10)).append("\">\n");
        }
        b.append("]>\n").append(ServerResponse.envelope("<t:r xmlns:t=\"urn:t\">&lol9;</t:r>"));
        return b.toString();
    }

    private static ServerResponse echo(ServerRequest request) {
        Document env = request.soapEnvelope();
        Element body = (Element) env.getElementsByTagNameNS(SoapClient.SOAP12_NS, "Body").item(0);
        Element payload = (Element) body.getElementsByTagNameNS(NS, "echo").item(0);
        String action = env.getElementsByTagNameNS(SoapClient.WSA_NS, "Action").item(0).getTextContent();
        String messageId = env.getElementsByTagNameNS(SoapClient.WSA_NS, "MessageID").item(0).getTextContent();
        String to = env.getElementsByTagNameNS(SoapClient.WSA_NS, "To").item(0).getTextContent();
        String custom = env.getElementsByTagNameNS("urn:test:ctx", "Contexte").item(0).getTextContent();
        return ServerResponse.soap("<soap:Envelope xmlns:soap=\"" + SoapClient.SOAP12_NS + "\" xmlns:wsa=\""
                + SoapClient.WSA_NS + "\"><soap:Header><wsa:RelatesTo>" + messageId + "</wsa:RelatesTo></soap:Header>"
                + "<soap:Body><e:echoResponse xmlns:e=\"" + NS + "\"><e:text>" + payload.getTextContent()
                + "</e:text><e:client>" + request.clientCommonName() + "</e:client><e:action>" + action
                + "</e:action><e:to>" + to + "</e:to><e:ctx>" + custom + "</e:ctx><e:contentType>"
                + request.contentType() + "</e:contentType></e:echoResponse></soap:Body></soap:Envelope>");
    }

    /** Answers with every binary part received, reversed, as MTOM parts referenced by xop:Include. */
    private static ServerResponse mtomEcho(ServerRequest request) {
        Document env = request.soapEnvelope();
        var includes = env.getElementsByTagNameNS("http://www.w3.org/2004/08/xop/include", "Include");
        StringBuilder body = new StringBuilder("<e:mtomResponse xmlns:e=\"" + NS + "\" xmlns:xop=\""
                + "http://www.w3.org/2004/08/xop/include\">");
        Map<String, byte[]> parts = new LinkedHashMap<>();
        for (int i = 0; i < includes.getLength(); i++) {
            String href = ((Element) includes.item(i)).getAttribute("href");
            byte[] content = request.part(href).orElseThrow().content();
            byte[] reversed = new byte[content.length];
            for (int j = 0; j < content.length; j++) {
                reversed[j] = content[content.length - 1 - j];
            }
            String id = "back" + i + "@server.test";
            parts.put(id, reversed);
            body.append("<e:doc><xop:Include href=\"cid:").append(id).append("\"/></e:doc>");
        }
        body.append("<e:inline>").append(java.util.Base64.getEncoder().encodeToString(
                "inline".getBytes(StandardCharsets.UTF_8))).append("</e:inline>");
        body.append("<e:parts>").append(request.parts().size()).append("</e:parts></e:mtomResponse>");
        return ServerResponse.mtom(ServerResponse.envelope(body.toString()), parts);
    }

    private static SoapClient client(String path) {
        return SoapClient.builder().transport(http).endpoint(server.uri(path)).service("TEST").build();
    }

    private static SoapRequest echoRequest(String text) {
        Document d = SecureXml.newDocument();
        Element echo = d.createElementNS(NS, "e:echo");
        echo.setTextContent(text);
        Element ctx = d.createElementNS("urn:test:ctx", "c:Contexte");
        ctx.setTextContent("LPS-ctx");
        return SoapRequest.builder().operation("echo").action(ACTION).header(ctx).body(echo).idempotent(true).build();
    }

    private static String text(Element parent, String local) {
        return parent.getElementsByTagNameNS(NS, local).item(0).getTextContent();
    }

    @Test
    void mutualTlsSoapRoundTrip() {
        List<AuditEvent> events = Collections.synchronizedList(new ArrayList<>());
        List<WireExchange> wire = Collections.synchronizedList(new ArrayList<>());
        SoapClient client = SoapClient.builder().transport(http).endpoint(server.uri("/echo")).service("ECHO")
                .auditListener(events::add).wireTrace(wire::add).build();
        SoapRequest request = echoRequest("Bonjour é€");
        SoapResponse r = client.call(request);

        Element payload = r.payload();
        assertThat(payload.getLocalName()).isEqualTo("echoResponse");
        assertThat(text(payload, "text")).isEqualTo("Bonjour é€");
        assertThat(text(payload, "client")).isEqualTo("INSI-AUTO");
        assertThat(text(payload, "action")).isEqualTo(ACTION);
        assertThat(text(payload, "to")).isEqualTo(server.uri("/echo").toString());
        assertThat(text(payload, "ctx")).isEqualTo("LPS-ctx");
        assertThat(text(payload, "contentType")).startsWith("application/soap+xml").contains("action=\"" + ACTION + "\"");
        assertThat(r.headerBlock(SoapClient.WSA_NS, "RelatesTo")).get()
                .extracting(Element::getTextContent).isEqualTo(request.messageId());
        assertThat(r.correlationId()).isEqualTo(request.messageId()).startsWith("urn:uuid:");
        assertThat(r.attempts()).isEqualTo(1);

        assertThat(events).singleElement().satisfies(e -> {
            assertThat(e.service()).isEqualTo("ECHO");
            assertThat(e.operation()).isEqualTo("echo");
            assertThat(e.outcome()).isEqualTo(AuditEvent.Outcome.SUCCESS);
            assertThat(e.principal()).isEqualTo("INSI-AUTO");
            assertThat(e.correlationId()).isEqualTo(request.messageId());
            assertThat(e.errorCode()).isNull();
            assertThat(e.duration()).isPositive();
        });
        assertThat(wire).singleElement().satisfies(w -> {
            assertThat(w.requestText()).contains("Bonjour é€").contains("<wsa:Action");
            assertThat(w.responseText()).contains("echoResponse");
            assertThat(w.status()).isEqualTo(200);
        });
        assertThat(server.requests()).last().extracting(ServerRequest::clientSubject).asString()
                .contains("CN=INSI-AUTO").contains("OU=ORG AUTH_CLI");
    }

    @Test
    void wireTraceWritesFilesWhenAskedOnly(@TempDir Path dir) throws Exception {
        SoapClient client = SoapClient.builder().transport(http).endpoint(server.uri("/echo")).service("ECHO")
                .wireTrace(WireTraceSink.toDirectory(dir)).build();
        client.call(echoRequest("trace me"));
        try (var files = Files.list(dir)) {
            List<Path> list = files.sorted().toList();
            assertThat(list).hasSize(2);
            assertThat(Files.readString(list.get(0))).contains("trace me");
            assertThat(Files.readString(list.get(1))).contains("HTTP 200").contains("echoResponse");
        }
    }

    @Test
    void mtomRoundTrip() {
        byte[] pdf = new byte[70_000];
        for (int i = 0; i < pdf.length; i++) {
            pdf[i] = (byte) (i * 31);
        }
        byte[] cda = "<ClinicalDocument/>\r\n--not-a-boundary\r\n".getBytes(StandardCharsets.UTF_8);
        Attachment a1 = Attachment.of("application/pdf", pdf);
        Attachment a2 = new Attachment("cda+1@lab.example", "text/xml", cda);
        Document d = SecureXml.newDocument();
        Element req = d.createElementNS(NS, "e:mtom");
        Element doc1 = d.createElementNS(NS, "e:doc");
        doc1.appendChild(a1.xopInclude(d));
        Element doc2 = d.createElementNS(NS, "e:doc");
        doc2.appendChild(a2.xopInclude(d));
        req.appendChild(doc1);
        req.appendChild(doc2);

        SoapResponse r = client("/mtom").call(SoapRequest.builder().action("urn:test:mtom").body(req)
                .attachment(a1).attachment(a2).build());

        ServerRequest received = server.requests().get(server.requests().size() - 1);
        assertThat(received.contentType()).startsWith("multipart/related").contains("application/xop+xml")
                .contains("start-info=\"application/soap+xml\"");
        assertThat(received.parts()).hasSize(3);
        assertThat(received.part(a1.contentId()).orElseThrow().content()).isEqualTo(pdf);
        assertThat(received.part(a2.contentId()).orElseThrow().content()).isEqualTo(cda);

        Element payload = r.payload();
        assertThat(text(payload, "parts")).isEqualTo("3");
        var docs = payload.getElementsByTagNameNS(NS, "doc");
        assertThat(docs.getLength()).isEqualTo(2);
        assertThat(r.attachments()).hasSize(2);
        byte[] back1 = r.binaryContent((Element) docs.item(0));
        byte[] back2 = r.binaryContent((Element) docs.item(1));
        assertThat(reverse(back1)).isEqualTo(pdf);
        assertThat(reverse(back2)).isEqualTo(cda);
        Element inline = (Element) payload.getElementsByTagNameNS(NS, "inline").item(0);
        assertThat(new String(r.binaryContent(inline), StandardCharsets.UTF_8)).isEqualTo("inline");
    }

    private static byte[] reverse(byte[] b) {
        byte[] r = new byte[b.length];
        for (int i = 0; i < b.length; i++) {
            r[i] = b[b.length - 1 - i];
        }
        return r;
    }

    @Test
    void soapFaultWithSubcodeAndDetail() {
        List<AuditEvent> events = new ArrayList<>();
        SoapClient client = SoapClient.builder().transport(http).endpoint(server.uri("/fault")).service("INSi")
                .auditListener(events::add).build();
        SoapFaultException fault = catchThrowableOfType(() -> client.call(echoRequest("x")), SoapFaultException.class);
        assertThat(fault).isNotNull();
        assertThat(fault.code()).isEqualTo(TransportError.SOAP_FAULT);
        assertThat(fault.status()).isEqualTo(500);
        assertThat(fault.faultCode()).isEqualTo(new QName(SoapClient.SOAP12_NS, "Sender"));
        assertThat(fault.subcodes()).containsExactly(new QName("urn:siram", "siram_100"));
        assertThat(fault.serviceCodes()).containsExactly("siram_100");
        assertThat(fault.reason()).isEqualTo("L'accès par ce progiciel au service n'est pas autorisé");
        assertThat(fault.reasons()).containsEntry("fr", fault.reason());
        Element erreur = (Element) fault.detail().orElseThrow().getElementsByTagNameNS("urn:siram", "Erreur").item(0);
        assertThat(erreur.getAttribute("code")).isEqualTo("desir_550");
        assertThat(erreur.getTextContent()).isEqualTo("Numéro d'autorisation du logiciel inconnu.");
        assertThat(fault.getMessage()).startsWith("TRANSPORT-019").contains("INSi").contains("Sender/siram_100");
        assertThat(fault.messageFr()).contains("erreur SOAP");
        assertThat(events).singleElement().satisfies(e -> {
            assertThat(e.outcome()).isEqualTo(AuditEvent.Outcome.FAULT);
            assertThat(e.errorCode()).isEqualTo("siram_100");
        });
    }

    @Test
    void nestedSubcodesAreReadOutermostFirst() {
        SoapFaultException fault = catchThrowableOfType(() -> client("/nested-fault").call(echoRequest("x")),
                SoapFaultException.class);
        assertThat(fault.faultCode().getLocalPart()).isEqualTo("Receiver");
        assertThat(fault.serviceCodes()).containsExactly("siram_40", "insi_102");
        assertThat(fault.detail()).isEmpty();
    }

    @Test
    void htmlErrorPageIsARemoteServiceException() {
        RemoteServiceException e = catchThrowableOfType(() -> client("/html503").call(echoRequest("x")),
                RemoteServiceException.class);
        assertThat(e).isNotInstanceOf(SoapFaultException.class);
        assertThat(e.code()).isEqualTo(TransportError.HTTP_ERROR);
        assertThat(e.status()).isEqualTo(503);
        assertThat(e.contentType()).startsWith("text/html");
        assertThat(e.firstBytes()).contains("503 Service Unavailable");
        assertThat(e.getMessage()).startsWith("TRANSPORT-017").contains("503");
    }

    @Test
    void answersThatAreNotSoapAreRefused() {
        RemoteServiceException text = catchThrowableOfType(() -> client("/text200").call(echoRequest("x")),
                RemoteServiceException.class);
        assertThat(text.code()).isEqualTo(TransportError.NOT_SOAP);
        assertThat(text.status()).isEqualTo(200);
        assertThat(text.firstBytes()).isEqualTo("OK");
        RemoteServiceException soap11 = catchThrowableOfType(() -> client("/soap11").call(echoRequest("x")),
                RemoteServiceException.class);
        assertThat(soap11.code()).isEqualTo(TransportError.NOT_SOAP);
        assertThat(soap11.firstBytes()).contains("schemas.xmlsoap.org");
    }

    @Test
    void responseOverTheSizeLimitIsRefused() {
        SoapClient client = SoapClient.builder().transport(http).endpoint(server.uri("/big")).maxResponseBytes(64_000)
                .build();
        assertThatThrownBy(() -> client.call(echoRequest("x")))
                .isInstanceOfSatisfying(TransportException.class,
                        e -> assertThat(e.code()).isEqualTo(TransportError.RESPONSE_TOO_LARGE))
                .hasMessageContaining("64000");
        SoapClient larger = SoapClient.builder().transport(http).endpoint(server.uri("/big")).maxResponseBytes(300_000)
                .build();
        assertThat(larger.call(echoRequest("x")).payload().getTextContent()).hasSize(200_000);
    }

    @Test
    void xxeInAResponseIsRefusedAndNothingIsFetched() throws Exception {
        recorder.selfCheck();
        int before = recorder.hits();
        assertThat(before).isEqualTo(1);
        for (String path : List.of("/xxe", "/xxe-param")) {
            assertThatThrownBy(() -> client(path).call(echoRequest("x")))
                    .isInstanceOfSatisfying(TransportException.class,
                            e -> assertThat(e.code()).isEqualTo(TransportError.XML_DTD_FORBIDDEN))
                    .hasMessageStartingWith("TRANSPORT-021");
        }
        assertThat(recorder.hits()).as("requests made to the entity's address").isEqualTo(before);
    }

    @Test
    void billionLaughsInAResponseIsRefused() {
        long t0 = System.nanoTime();
        assertThatThrownBy(() -> client("/laughs").call(echoRequest("x")))
                .isInstanceOfSatisfying(TransportException.class,
                        e -> assertThat(e.code()).isEqualTo(TransportError.XML_DTD_FORBIDDEN));
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(5));
    }

    @Test
    void aSlowServerTimesOutWithinTheConfiguredBound() {
        try (HttpTransport quick = HttpTransport.builder().clientCertificate(Pki.load(pki.insiAuto()))
                .trustStore(Pki.trust()).responseTimeout(Duration.ofMillis(700)).totalTimeout(Duration.ofSeconds(3))
                .build()) {
            SoapClient client = SoapClient.builder().transport(quick).endpoint(server.uri("/slow")).build();
            long t0 = System.nanoTime();
            assertThatThrownBy(() -> client.call(echoRequest("x")))
                    .isInstanceOfSatisfying(TransportException.class,
                            e -> assertThat(e.code()).isEqualTo(TransportError.TIMEOUT))
                    .hasMessageContaining("(response 700 ms)");
            assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofMillis(2500));
        }
    }

    @Test
    void theTotalTimeoutBoundsTheWholeCall() {
        try (HttpTransport quick = HttpTransport.builder().clientCertificate(Pki.load(pki.insiAuto()))
                .trustStore(Pki.trust()).responseTimeout(Duration.ofSeconds(30)).totalTimeout(Duration.ofMillis(800))
                .build()) {
            SoapClient client = SoapClient.builder().transport(quick).endpoint(server.uri("/slow")).build();
            long t0 = System.nanoTime();
            assertThatThrownBy(() -> client.call(echoRequest("x")))
                    .isInstanceOfSatisfying(TransportException.class,
                            e -> assertThat(e.code()).isEqualTo(TransportError.TIMEOUT))
                    .hasMessageContaining("(total 800 ms)");
            assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofMillis(2500));
        }
    }

    @Test
    void serverCertificateNotTrusted() {
        try (MutualTlsServer rogue = MutualTlsServer.start(pki.rogueServerIdentity(), pki.trustAnchors(),
                r -> ServerResponse.soapBody("<t:x xmlns:t=\"urn:t\"/>"))) {
            SoapClient client = SoapClient.builder().transport(http).endpoint(rogue.uri("/")).build();
            assertThatThrownBy(() -> client.call(echoRequest("x")))
                    .isInstanceOfSatisfying(TransportException.class,
                            e -> assertThat(e.code()).isEqualTo(TransportError.SERVER_NOT_TRUSTED))
                    .hasMessageStartingWith("TRANSPORT-010");
            assertThat(rogue.requests()).isEmpty();
        }
    }

    @Test
    void serverCertificateForAnotherHostIsRefused() {
        var other = pki.newIdentity("other.example").profile(fr.segurbio.testkit.CertificateProfile.SERVER)
                .alias("other-host").dnsNames("other.example").issue();
        try (MutualTlsServer wrongHost = MutualTlsServer.start(other, pki.trustAnchors(),
                r -> ServerResponse.soapBody("<t:x xmlns:t=\"urn:t\"/>"))) {
            SoapClient client = SoapClient.builder().transport(http).endpoint(wrongHost.uri("/")).build();
            assertThatThrownBy(() -> client.call(echoRequest("x")))
                    .isInstanceOfSatisfying(TransportException.class,
                            e -> assertThat(e.code()).isEqualTo(TransportError.HOSTNAME_MISMATCH));
            assertThat(wrongHost.requests()).isEmpty();
        }
    }

    @Test
    void clientCertificateRefusedByTheServer() {
        SoftwareCertificate rogue = Pki.load(pki.wronglyIssued());
        try (HttpTransport t = HttpTransport.builder().clientCertificate(rogue).trustStore(Pki.trust()).build()) {
            SoapClient client = SoapClient.builder().transport(t).endpoint(server.uri("/echo")).build();
            int before = server.requests().size();
            assertThatThrownBy(() -> client.call(echoRequest("x")))
                    .isInstanceOfSatisfying(TransportException.class,
                            e -> assertThat(e.code()).as(e.getMessage()).isEqualTo(TransportError.CLIENT_CERTIFICATE_REFUSED))
                    .hasMessageStartingWith("TRANSPORT-011");
            assertThat(server.requests()).hasSize(before);
        }
    }

    @Test
    void clientCertificateRefusedDuringATls12Handshake() {
        try (MutualTlsServer tls12 = MutualTlsServer.builder(pki.serverIdentity(), pki.trustAnchors())
                .protocols("TLSv1.2").handle("/", r -> ServerResponse.soapBody("<t:x xmlns:t=\"urn:t\"/>")).start();
                HttpTransport t = HttpTransport.builder().clientCertificate(Pki.load(pki.wronglyIssued()))
                        .trustStore(Pki.trust()).build()) {
            SoapClient client = SoapClient.builder().transport(t).endpoint(tls12.uri("/")).build();
            assertThatThrownBy(() -> client.call(echoRequest("x")))
                    .isInstanceOfSatisfying(TransportException.class,
                            e -> assertThat(e.code()).as(e.getMessage())
                                    .isEqualTo(TransportError.CLIENT_CERTIFICATE_REFUSED));
            SoapClient accepted = SoapClient.builder().transport(http).endpoint(tls12.uri("/")).build();
            assertThat(accepted.call(echoRequest("x")).payload().getLocalName()).isEqualTo("x");
        }
    }

    @Test
    void idempotentCallsAreRetriedOthersAreNot() {
        flaky.set(0);
        List<AuditEvent> events = new ArrayList<>();
        List<Duration> waits = new ArrayList<>();
        RetryPolicy retry = RetryPolicy.builder().maxAttempts(4).initialBackoff(Duration.ofMillis(10))
                .sleeper(waits::add).build();
        SoapClient client = SoapClient.builder().transport(http).endpoint(server.uri("/flaky")).retryPolicy(retry)
                .auditListener(events::add).build();
        SoapResponse r = client.call(echoRequest("x"));
        assertThat(r.attempts()).isEqualTo(3);
        assertThat(flaky.get()).isEqualTo(3);
        assertThat(waits).hasSize(2);
        assertThat(events).singleElement().satisfies(e -> {
            assertThat(e.attempts()).isEqualTo(3);
            assertThat(e.outcome()).isEqualTo(AuditEvent.Outcome.SUCCESS);
        });

        flaky.set(0);
        SoapRequest notIdempotent = SoapRequest.builder().action(ACTION).body("<e:echo xmlns:e=\"" + NS + "\"/>")
                .build();
        RemoteServiceException e = catchThrowableOfType(() -> client.call(notIdempotent), RemoteServiceException.class);
        assertThat(e.status()).isEqualTo(503);
        assertThat(flaky.get()).isEqualTo(1);
        assertThat(events).last().satisfies(ev -> {
            assertThat(ev.outcome()).isEqualTo(AuditEvent.Outcome.REMOTE_ERROR);
            assertThat(ev.errorCode()).isEqualTo("TRANSPORT-017");
            assertThat(ev.attempts()).isEqualTo(1);
        });
    }

    @Test
    void faultsAreNeverRetried() {
        RetryPolicy retry = RetryPolicy.builder().maxAttempts(3).sleeper(d -> { }).build();
        SoapClient client = SoapClient.builder().transport(http).endpoint(server.uri("/fault")).retryPolicy(retry)
                .build();
        int before = server.requests().size();
        assertThatThrownBy(() -> client.call(echoRequest("x"))).isInstanceOf(SoapFaultException.class);
        assertThat(server.requests()).hasSize(before + 1);
    }

    @Test
    void callsGoThroughAProxy() throws Exception {
        try (ConnectProxy proxy = new ConnectProxy();
                HttpTransport viaProxy = HttpTransport.builder().clientCertificate(Pki.load(pki.insiAuto()))
                        .trustStore(Pki.trust()).proxy(proxy.uri()).build()) {
            SoapClient client = SoapClient.builder().transport(viaProxy).endpoint(server.uri("/echo")).build();
            SoapResponse r = client.call(echoRequest("par le proxy"));
            assertThat(text(r.payload(), "text")).isEqualTo("par le proxy");
            assertThat(text(r.payload(), "client")).isEqualTo("INSI-AUTO");
            assertThat(proxy.tunnels()).containsExactly("127.0.0.1:" + server.port());
        }
    }

    @Test
    void oneClientServesManyThreads() throws Exception {
        SoapClient client = client("/echo");
        var pool = java.util.concurrent.Executors.newFixedThreadPool(8);
        try {
            List<java.util.concurrent.Future<String>> results = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                String text = "message " + i;
                results.add(pool.submit(() -> text(client.call(echoRequest(text)).payload(), "text")));
            }
            for (int i = 0; i < results.size(); i++) {
                assertThat(results.get(i).get()).isEqualTo("message " + i);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void connectionRefusedIsAConnectionFailure() throws Exception {
        int port;
        try (var s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        SoapClient client = SoapClient.builder().transport(http)
                .endpoint(URI.create("https://127.0.0.1:" + port + "/none")).build();
        assertThatThrownBy(() -> client.call(echoRequest("x")))
                .isInstanceOfSatisfying(TransportException.class,
                        e -> assertThat(e.code()).isEqualTo(TransportError.CONNECTION_FAILED));
    }
}
