package fr.segurbio.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.List;
import java.util.Map;

import javax.net.ssl.HttpsURLConnection;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import javax.xml.namespace.QName;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The test server with the JDK's own HTTPS client: client certificate required, handlers per path, MTOM. */
class MutualTlsServerIT {

    @TempDir
    static Path dir;
    static TestPki pki;
    static MutualTlsServer server;

    @BeforeAll
    static void start() {
        pki = TestPki.create(dir);
        server = MutualTlsServer.builder(pki.serverIdentity(), pki.trustAnchors())
                .handle("/whoami", r -> ServerResponse.of(200, "text/plain",
                        r.clientCommonName().getBytes(StandardCharsets.UTF_8)))
                .handle("/soap", r -> ServerResponse.soapBody("<t:r xmlns:t=\"urn:t\">"
                        + r.soapEnvelope().getDocumentElement().getLocalName() + "</t:r>"))
                .handle("/fault", r -> ServerResponse.soapFault("soap:Sender",
                        List.of(new QName("urn:siram", "siram_100", "siram")), "refusé", null))
                .handle("/mtom", r -> ServerResponse.mtom(ServerResponse.envelope("<t:r xmlns:t=\"urn:t\"/>"),
                        Map.of("part1@test", r.part("a@test").orElseThrow().content())))
                .handle("/boom", r -> {
                    throw new IllegalStateException("boom");
                })
                .start();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static SSLContext context(TestIdentity client) throws Exception {
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("root", pki.rootCa());
        TrustManagerFactory tmf = TrustManagerFactory.getInstance("PKIX");
        tmf.init(trust);
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        if (client != null) {
            kmf.init(client.keyStore(), client.password());
        } else {
            KeyStore empty = KeyStore.getInstance("PKCS12");
            empty.load(null, null);
            kmf.init(empty, new char[0]);
        }
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(kmf.getKeyManagers(), tmf.getTrustManagers(), null);
        return ctx;
    }

    private static HttpsURLConnection open(String path, TestIdentity client, String contentType, byte[] body)
            throws Exception {
        HttpsURLConnection c = (HttpsURLConnection) server.uri(path).toURL().openConnection();
        c.setSSLSocketFactory(context(client).getSocketFactory());
        c.setConnectTimeout(5000);
        c.setReadTimeout(5000);
        if (body != null) {
            c.setDoOutput(true);
            c.setRequestMethod("POST");
            c.setRequestProperty("Content-Type", contentType);
            try (OutputStream out = c.getOutputStream()) {
                out.write(body);
            }
        }
        return c;
    }

    private static String read(HttpsURLConnection c) throws IOException {
        InputStream in = c.getResponseCode() >= 400 ? c.getErrorStream() : c.getInputStream();
        return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }

    @Test
    void handlersSeeTheClientCertificate() throws Exception {
        HttpsURLConnection c = open("/whoami", pki.insiAuto(), null, null);
        assertThat(c.getResponseCode()).isEqualTo(200);
        assertThat(read(c)).isEqualTo("INSI-AUTO");
        ServerRequest last = server.requests().get(server.requests().size() - 1);
        assertThat(last.clientSubject()).startsWith("CN=INSI-AUTO,OU=ORG AUTH_CLI");
        assertThat(last.clientChain()).hasSize(2);
        assertThat(server.uri().getHost()).isEqualTo("127.0.0.1");
    }

    @Test
    void aClientWithoutCertificateOrFromAnotherCaIsRefused() {
        assertThatThrownBy(() -> read(open("/whoami", null, null, null))).isInstanceOf(IOException.class);
        assertThatThrownBy(() -> read(open("/whoami", pki.wronglyIssued(), null, null)))
                .isInstanceOf(IOException.class);
    }

    @Test
    void soapFaultsMtomErrorsAndUnknownPaths() throws Exception {
        HttpsURLConnection soap = open("/soap", pki.orgAuthCli(), "application/soap+xml",
                ServerResponse.envelope("<x/>").getBytes(StandardCharsets.UTF_8));
        assertThat(read(soap)).contains(">Envelope</t:r>");

        HttpsURLConnection fault = open("/fault", pki.orgAuthCli(), "application/soap+xml",
                ServerResponse.envelope("<x/>").getBytes(StandardCharsets.UTF_8));
        assertThat(fault.getResponseCode()).isEqualTo(500);
        assertThat(read(fault)).contains("<soap:Value>siram:siram_100</soap:Value>")
                .contains("xmlns:siram=\"urn:siram\"");

        String boundary = "b-123";
        String multipart = "--" + boundary + "\r\nContent-Type: application/xop+xml\r\nContent-ID: <root@test>\r\n\r\n"
                + ServerResponse.envelope("<x/>") + "\r\n--" + boundary
                + "\r\nContent-Type: application/octet-stream\r\nContent-ID: <a@test>\r\n\r\nBINARY\r\n--" + boundary
                + "--\r\n";
        HttpsURLConnection mtom = open("/mtom", pki.orgAuthCli(), "multipart/related; boundary=\"" + boundary
                + "\"; type=\"application/xop+xml\"; start=\"<root@test>\"", multipart.getBytes(StandardCharsets.UTF_8));
        assertThat(mtom.getContentType()).startsWith("multipart/related");
        assertThat(read(mtom)).contains("Content-ID: <part1@test>").contains("BINARY");
        ServerRequest received = server.requests().get(server.requests().size() - 1);
        assertThat(received.parts()).hasSize(2);
        assertThat(received.soapEnvelope().getDocumentElement().getLocalName()).isEqualTo("Envelope");

        assertThat(open("/boom", pki.orgAuthCli(), null, null).getResponseCode()).isEqualTo(500);
        assertThat(open("/nothing", pki.orgAuthCli(), null, null).getResponseCode()).isEqualTo(404);
    }
}
