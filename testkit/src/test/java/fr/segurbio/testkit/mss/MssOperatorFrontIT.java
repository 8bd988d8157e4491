package fr.segurbio.testkit.mss;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.KeyStore;
import java.util.List;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.icegreen.greenmail.store.StoredMessage;
import com.icegreen.greenmail.user.GreenMailUser;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;

import fr.segurbio.testkit.TestPki;

/**
 * The front's SMTP submission, spoken by hand over TLS with the lab's certificate: the messages are read back
 * from GreenMail's store.
 */
class MssOperatorFrontIT {

    private static final String LAB = "labo@labo.mssante.fr";
    private static final String DOCTOR = "dr.martin@medecin.mssante.fr";
    private static final String PATIENT = "279035121518989@patient.mssante.fr";

    private static TestPki pki;
    private static GreenMail store;
    private static MssOperatorFront front;

    @BeforeAll
    static void start() {
        pki = TestPki.create();
        store = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_IMAP));
        store.start();
        store.setUser(LAB, LAB, "store-lab");
        front = MssOperatorFront.builder(pki.serverIdentity(), pki.trustAnchors()).store(store)
                .applicationMailbox(LAB, TestPki.ORGANIZATION, "store-lab")
                .rejectRecipient("gone@medecin.mssante.fr", "550 5.1.1 User unknown")
                .maxMessageSize(4096).start();
    }

    @AfterAll
    static void stop() {
        front.close();
        store.stop();
        pki.close();
    }

    /** One SMTPS session with the lab's certificate. */
    private static final class Smtp implements AutoCloseable {
        private final SSLSocket socket;
        private final MssOperatorFront.LineInput in;
        private final OutputStream out;

        Smtp() throws Exception {
            KeyStore trust = KeyStore.getInstance("PKCS12");
            trust.load(null, null);
            trust.setCertificateEntry("root", pki.rootCa());
            TrustManagerFactory tmf = TrustManagerFactory.getInstance("PKIX");
            tmf.init(trust);
            KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(pki.orgAuthCli().keyStore(), pki.orgAuthCli().password());
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(kmf.getKeyManagers(), tmf.getTrustManagers(), null);
            socket = (SSLSocket) ctx.getSocketFactory().createSocket("localhost", front.smtpPort());
            socket.setSoTimeout(10_000);
            in = new MssOperatorFront.LineInput(socket.getInputStream());
            out = socket.getOutputStream();
            assertThat(reply()).startsWith("220 ");
            assertThat(command("EHLO lab.local")).contains("250-SIZE 4096").contains("ENHANCEDSTATUSCODES");
        }

        /** The last line of the reply to a command. */
        String command(String line) throws IOException {
            out.write((line + "\r\n").getBytes(StandardCharsets.UTF_8));
            out.flush();
            return reply();
        }

        String reply() throws IOException {
            StringBuilder all = new StringBuilder();
            String l;
            do {
                l = in.readLine();
                all.append(l).append('\n');
            } while (l != null && l.length() > 3 && l.charAt(3) == '-');
            return all.toString().trim();
        }

        String data(String text) throws IOException {
            assertThat(command("DATA")).startsWith("354");
            out.write(text.getBytes(StandardCharsets.UTF_8));
            out.write(".\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            return reply();
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }

    private static List<StoredMessage> inbox(String address) throws Exception {
        GreenMailUser user = store.getUserManager().getUserByEmail(address);
        return user == null ? List.of() : store.getManagers().getImapHostManager().getInbox(user).getMessages();
    }

    private static String raw(StoredMessage m) throws Exception {
        java.io.ByteArrayOutputStream b = new java.io.ByteArrayOutputStream();
        m.getMimeMessage().writeTo(b);
        return b.toString(StandardCharsets.UTF_8);
    }

    @Test
    void acceptedMessageIsFiledOnceInEveryRecipientsInboxUnstuffedWithItsTraceHeaders() throws Exception {
        int before = inbox(DOCTOR).size();
        try (Smtp smtp = new Smtp()) {
            assertThat(smtp.command("MAIL FROM:<" + LAB + "> SIZE=300")).startsWith("250 2.1.0");
            assertThat(smtp.command("RCPT TO:<" + DOCTOR + ">")).startsWith("250 2.1.5");
            assertThat(smtp.command("RCPT TO:<gone@medecin.mssante.fr>")).isEqualTo("550 5.1.1 User unknown");
            assertThat(smtp.command("RCPT TO:<" + PATIENT + ">")).startsWith("250 2.1.5");
            assertThat(smtp.data("Subject: =?UTF-8?Q?R=C3=A9sultats?=\r\nMessage-ID: <m1@labo>\r\n\r\n"
                    + "..a line that began with a dot\r\nend\r\n")).startsWith("250 2.0.0 OK queued as");
            assertThat(smtp.command("QUIT")).startsWith("221");
        }
        assertThat(inbox(DOCTOR)).hasSize(before + 1);
        assertThat(inbox(PATIENT)).hasSize(1);
        assertThat(inbox("gone@medecin.mssante.fr")).isEmpty();
        String doctor = raw(inbox(DOCTOR).get(before));
        assertThat(doctor).startsWith("Return-Path: <" + LAB + ">\r\nReceived: from 127.0.0.1 (HELO lab.local) by ")
                .contains("\r\n\r\n.a line that began with a dot\r\nend\r\n");
        assertThat(inbox(DOCTOR).get(before).getMimeMessage().getSubject()).isEqualTo("Résultats");
        assertThat(raw(inbox(PATIENT).get(0))).isEqualTo(doctor);
    }

    @Test
    void sizeIsLimitedWhenDeclaredAndWhenSent() throws Exception {
        int before = inbox(DOCTOR).size();
        try (Smtp smtp = new Smtp()) {
            assertThat(smtp.command("MAIL FROM:<" + LAB + "> SIZE=5000")).startsWith("552 5.3.4");
            assertThat(smtp.command("MAIL FROM:<" + LAB + "> SIZE=many")).startsWith("501 5.5.4");
            assertThat(smtp.command("MAIL FROM:<" + LAB + ">")).startsWith("250");
            assertThat(smtp.command("RCPT TO:<" + DOCTOR + ">")).startsWith("250");
            assertThat(smtp.data("Subject: big\r\n\r\n" + "0123456789abcdef\r\n".repeat(300)))
                    .startsWith("552 5.3.4");
            assertThat(smtp.command("NOOP")).as("the session goes on after the refusal").startsWith("250");
        }
        assertThat(inbox(DOCTOR)).hasSize(before);
        assertThat(front.events()).anyMatch(e -> e.contains("over 4096 bytes refused"));
    }

    @Test
    void commandsOutOfOrderOrForAnotherSenderAreRefused() throws Exception {
        try (Smtp smtp = new Smtp()) {
            assertThat(smtp.command("RCPT TO:<" + DOCTOR + ">")).startsWith("503");
            assertThat(smtp.command("DATA")).startsWith("503");
            assertThat(smtp.command("MAIL FROM:<someone.else@labo.mssante.fr>")).startsWith("530 5.7.0");
            assertThat(smtp.command("MAIL FROM:<" + LAB + ">")).startsWith("250");
            assertThat(smtp.command("MAIL FROM:<" + LAB + ">")).startsWith("503 5.5.1");
            assertThat(smtp.command("RCPT TO:<not-an-address>")).startsWith("501 5.1.3");
            assertThat(smtp.command("DATA")).as("no recipient accepted").startsWith("554");
            assertThat(smtp.command("RSET")).startsWith("250");
            assertThat(smtp.command("VRFY " + DOCTOR)).startsWith("502");
        }
    }

    @Test
    void theClientCertificateIsRequired() throws Exception {
        SSLContext none = SSLContext.getInstance("TLS");
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("root", pki.rootCa());
        TrustManagerFactory tmf = TrustManagerFactory.getInstance("PKIX");
        tmf.init(trust);
        none.init(null, tmf.getTrustManagers(), null);
        try (SSLSocket s = (SSLSocket) none.getSocketFactory().createSocket("localhost", front.smtpPort())) {
            s.setSoTimeout(10_000);
            InputStream in = s.getInputStream();
            int first;
            try {
                first = in.read();
            } catch (IOException e) {
                first = -1;
            }
            assertThat(first).as("no greeting without a client certificate").isEqualTo(-1);
        }
    }
}
