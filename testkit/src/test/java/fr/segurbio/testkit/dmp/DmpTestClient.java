package fr.segurbio.testkit.dmp;

import fr.segurbio.testkit.TestIdentity;
import fr.segurbio.testkit.TestPki;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.io.InputStream;
import java.io.OutputStream;
import javax.net.ssl.HttpsURLConnection;
import java.nio.charset.StandardCharsets;
import java.security.KeyStore;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/** Sends hand-written requests to the simulator over mutual TLS with the JDK's HTTP client. */
final class DmpTestClient {

    /** A response: status, Content-Type and body text (the whole MIME body for MTOM). */
    record Response(int status, String contentType, byte[] body) {
        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }

        /** The bytes of the MIME part with this Content-ID. */
        byte[] part(String cid) {
            String text = new String(body, StandardCharsets.ISO_8859_1);
            int at = text.indexOf("Content-ID: <" + cid + ">");
            int start = text.indexOf("\r\n\r\n", at) + 4;
            Matcher m = Pattern.compile("boundary=\"?([^\";]+)\"?").matcher(contentType);
            m.find();
            int end = text.indexOf("\r\n--" + m.group(1), start);
            return text.substring(start, end).getBytes(StandardCharsets.ISO_8859_1);
        }
    }

    private final SSLContext ssl;
    private final DmpSimulator simulator;

    DmpTestClient(TestPki pki, TestIdentity tls, DmpSimulator simulator) {
        this.simulator = simulator;
        try {
            KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(tls.keyStore(), tls.password());
            KeyStore trust = KeyStore.getInstance("PKCS12");
            trust.load(null, null);
            int i = 0;
            for (var c : pki.trustAnchors()) {
                trust.setCertificateEntry("a" + i++, c);
            }
            TrustManagerFactory tmf = TrustManagerFactory.getInstance("PKIX");
            tmf.init(trust);
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(kmf.getKeyManagers(), tmf.getTrustManagers(), null);
            ssl = ctx;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static String envelope(DmpTransaction tx, URI to, String security, String body) {
        return "<soap:Envelope xmlns:soap=\"http://www.w3.org/2003/05/soap-envelope\"><soap:Header>"
                + "<wsa:MessageID xmlns:wsa=\"http://www.w3.org/2005/08/addressing\">urn:uuid:" + UUID.randomUUID()
                + "</wsa:MessageID><wsa:To xmlns:wsa=\"http://www.w3.org/2005/08/addressing\">" + to + "</wsa:To>"
                + "<wsa:Action xmlns:wsa=\"http://www.w3.org/2005/08/addressing\" soap:mustUnderstand=\"true\">"
                + tx.action() + "</wsa:Action>" + security + "</soap:Header><soap:Body>" + body
                + "</soap:Body></soap:Envelope>";
    }

    /** Posts a SOAP envelope in the transaction's usual form (MTOM for ITI-41, plain SOAP otherwise). */
    Response send(DmpTransaction tx, String security, String body, Map<String, byte[]> attachments) {
        return send(tx, security, body, attachments, Duration.ofSeconds(10));
    }

    /** The same with a read timeout. */
    Response send(DmpTransaction tx, String security, String body, Map<String, byte[]> attachments,
            Duration timeout) {
        String env = envelope(tx, simulator.endpoint(tx), security, body);
        return tx == DmpTransaction.ITI_41 ? mtom(simulator.endpoint(tx), env, attachments, timeout)
                : post(simulator.endpoint(tx), "application/soap+xml; charset=utf-8; action=\"" + tx.action() + "\"",
                        env.getBytes(StandardCharsets.UTF_8), timeout);
    }

    Response mtom(URI uri, String envelope, Map<String, byte[]> attachments, Duration timeout) {
        String boundary = "MIMEBoundary_" + UUID.randomUUID();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        String root = "root.message@segurbio.test";
        out.writeBytes(("--" + boundary + "\r\nContent-Type: application/xop+xml; charset=UTF-8; "
                + "type=\"application/soap+xml\"\r\nContent-Transfer-Encoding: binary\r\nContent-ID: <" + root
                + ">\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
        out.writeBytes(envelope.getBytes(StandardCharsets.UTF_8));
        attachments.forEach((cid, bytes) -> {
            out.writeBytes(("\r\n--" + boundary + "\r\nContent-Type: application/octet-stream\r\n"
                    + "Content-Transfer-Encoding: binary\r\nContent-ID: <" + cid + ">\r\n\r\n")
                    .getBytes(StandardCharsets.ISO_8859_1));
            out.writeBytes(bytes);
        });
        out.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.ISO_8859_1));
        String ct = "multipart/related; boundary=\"" + boundary + "\"; type=\"application/xop+xml\"; start=\"<" + root
                + ">\"; start-info=\"application/soap+xml\"; action=\"" + DmpTransaction.ITI_41.action() + "\"";
        return post(uri, ct, out.toByteArray(), timeout);
    }

    Response post(URI uri, String contentType, byte[] body, Duration timeout) {
        try {
            HttpsURLConnection c = (HttpsURLConnection) uri.toURL().openConnection();
            c.setSSLSocketFactory(ssl.getSocketFactory());
            c.setConnectTimeout(5000);
            c.setReadTimeout((int) timeout.toMillis());
            c.setDoOutput(body != null);
            c.setRequestMethod(body == null ? "GET" : "POST");
            c.setRequestProperty("Content-Type", contentType);
            if (body != null) {
                c.setFixedLengthStreamingMode(body.length);
                try (OutputStream out = c.getOutputStream()) {
                    out.write(body);
                }
            }
            int status = c.getResponseCode();
            byte[] answer;
            try (InputStream in = status >= 400 ? c.getErrorStream() : c.getInputStream()) {
                answer = in == null ? new byte[0] : in.readAllBytes();
            }
            return new Response(status, c.getContentType() == null ? "" : c.getContentType(), answer);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
