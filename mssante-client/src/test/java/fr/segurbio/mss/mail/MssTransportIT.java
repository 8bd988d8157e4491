package fr.segurbio.mss.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.security.KeyStore;
import java.util.List;
import java.util.Set;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.icegreen.greenmail.store.StoredMessage;

import fr.segurbio.mss.MssError;
import fr.segurbio.mss.MssException;
import fr.segurbio.mss.MssMessage;
import fr.segurbio.mss.TestReports;
import fr.segurbio.mss.xdm.XdmPackage;
import fr.segurbio.mss.xdm.XdmReader;
import fr.segurbio.testkit.TestIdentity;
import fr.segurbio.testkit.TestPki;
import fr.segurbio.testkit.mss.MssOperatorFront;
import fr.segurbio.transport.AuditEvent;
import fr.segurbio.transport.ServiceConnection;
import fr.segurbio.transport.SoftwareCertificate;
import fr.segurbio.transport.TransportException;
import fr.segurbio.transport.TrustStore;
import jakarta.mail.Folder;
import jakarta.mail.Part;
import jakarta.mail.Store;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;

class MssTransportIT {

    static TestPki pki;
    static OperatorFixture op;
    static OperatorFixture startTls;
    static OperatorFixture refusing;

    @BeforeAll
    static void start() {
        pki = TestPki.create();
        op = new OperatorFixture(pki, b -> b.rejectRecipient("plein@medecin.mssante.fr", "452 4.2.2 Mailbox full")
                .rejectRecipient("parti@medecin.mssante.fr", "550 5.1.1 User unknown"));
        startTls = new OperatorFixture(pki, b -> b.smtpMode(MssOperatorFront.TlsMode.STARTTLS)
                .imapMode(MssOperatorFront.TlsMode.STARTTLS));
        refusing = new OperatorFixture(pki, b -> b.smtpMode(MssOperatorFront.TlsMode.STARTTLS_REFUSED)
                .imapMode(MssOperatorFront.TlsMode.STARTTLS_REFUSED));
    }

    @AfterAll
    static void stop() {
        op.close();
        startTls.close();
        refusing.close();
        pki.close();
    }

    static MssMessage message(String from, String... to) {
        TestReports.Documents d = TestReports.qualified();
        MssMessage.Builder b = MssMessage.builder().from(from).report(d.report(), d.n3(), d.n1(), d.pdf())
                .sourceId("1.2.250.1.213.1.1.9");
        for (String t : to) {
            b.to(t);
        }
        return b.build();
    }

    static MssException failure(Runnable r) {
        try {
            r.run();
        } catch (MssException e) {
            return e;
        }
        throw new AssertionError("no MssException");
    }

    @Test
    void sendsOverImplicitTlsWithTheClientCertificateToProfessionalAndPatient() throws Exception {
        List<AuditEvent> audit = new java.util.concurrent.CopyOnWriteArrayList<>();
        ServiceConnection audited = ServiceConnection.builder()
                .certificate(SoftwareCertificate.pkcs12(pki.orgAuthCli().pkcs12(), pki.orgAuthCli().password()).load())
                .trustStore(TrustStore.of(pki.trustAnchors())).auditListener(audit::add).build();
        MssClient client = op.labClient().connection(audited).build();
        TestReports.Documents d = TestReports.qualified();
        MssMessage m = MssMessage.builder().from(OperatorFixture.LAB).to(OperatorFixture.DOCTOR)
                .toPatient(d.report().patient(), false).report(d.report(), d.n3(), d.n1(), d.pdf())
                .sourceId("1.2.250.1.213.1.1.9").build();
        SubmissionResult r = client.send(m);
        assertThat(r.allAccepted()).isTrue();
        assertThat(r.recipients()).hasSize(2);
        assertThat(audit).extracting(AuditEvent::operation).contains("connectSmtp", "submit");
        assertThat(audit).allMatch(e -> e.outcome() == AuditEvent.Outcome.SUCCESS && "LABO BIO TEST".equals(e.principal()));

        // read back from the store: the doctor's and the patient's mailboxes
        for (String box : List.of(OperatorFixture.DOCTOR, TestReports.INS + "@patient.mssante.fr")) {
            StoredMessage stored = op.inbox(box).stream()
                    .filter(s -> m.messageId().equals(header(s.getMimeMessage(), "Message-ID"))).findFirst()
                    .orElseThrow();
            MimeMessage sm = stored.getMimeMessage();
            assertThat(sm.getSubject()).isEqualTo(m.subject());
            assertThat(sm.getHeader("X-MSS-INS", null)).isEqualTo("O");
            MimeMultipart mp = (MimeMultipart) sm.getContent();
            Part zip = mp.getBodyPart(1);
            byte[] xdm;
            try (InputStream in = zip.getInputStream()) {
                xdm = in.readAllBytes();
            }
            XdmPackage p = XdmReader.create().read(xdm);
            assertThat(p.n3().orElseThrow().content()).isEqualTo(d.n3().document());
            assertThat(p.n1().orElseThrow().content()).isEqualTo(d.n1().document());
        }
        assertThat(op.front.events()).anyMatch(e -> e.contains("certificate CN=LABO BIO TEST sends as " + OperatorFixture.LAB));
    }

    static String header(MimeMessage m, String name) {
        try {
            return m.getHeader(name, null);
        } catch (jakarta.mail.MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void sendsAndReadsOverStartTls() throws Exception {
        MssClient client = startTls.labClient().operator(startTls.settings(TlsMode.STARTTLS, TlsMode.STARTTLS)).build();
        MssMessage m = message(OperatorFixture.LAB, OperatorFixture.DOCTOR);
        assertThat(client.send(m).allAccepted()).isTrue();
        assertThat(startTls.inbox(OperatorFixture.DOCTOR)).isNotEmpty();
        // the application mailbox is opened over IMAP STARTTLS by its certificate (SASL EXTERNAL)
        startTls.greenMail.getUserManager().getUserByEmail(OperatorFixture.LAB).deliver(m.toMimeMessage(
                jakarta.mail.Session.getInstance(new java.util.Properties())));
        try (Store store = client.openStore()) {
            Folder inbox = store.getFolder("INBOX");
            inbox.open(Folder.READ_ONLY);
            assertThat(inbox.getMessageCount()).isEqualTo(1);
            inbox.close(false);
        }
        assertThat(startTls.front.events()).anyMatch(e -> e.startsWith("imap: EXTERNAL for " + OperatorFixture.LAB));
    }

    @Test
    void aServerRefusingStartTlsIsLeftNeverUsedInClearText() {
        MssClient client = refusing.labClient().operator(refusing.settings(TlsMode.STARTTLS, TlsMode.STARTTLS))
                .build();
        MssException smtp = failure(() -> client.send(message(OperatorFixture.LAB, OperatorFixture.DOCTOR)));
        assertThat(smtp.code()).isEqualTo(MssError.STARTTLS_REFUSED);
        MssException imap = failure(client::openStore);
        assertThat(imap.code()).isEqualTo(MssError.STARTTLS_REFUSED);
        assertThat(refusing.inbox(OperatorFixture.DOCTOR)).isEmpty();
        assertThat(refusing.front.events()).noneMatch(e -> e.contains("sends as"));
    }

    @Test
    void noClientCertificateIsRefusedByTheServer() {
        MssClient client = op.labClient().connection(ServiceConnection.builder()
                .trustStore(TrustStore.of(pki.trustAnchors())).build()).build();
        assertThat(failure(() -> client.send(message(OperatorFixture.LAB, OperatorFixture.DOCTOR))).code())
                .isEqualTo(MssError.TLS_FAILED);
        assertThat(failure(client::openStore).code()).isEqualTo(MssError.TLS_FAILED);
        assertThat(op.front.events()).anyMatch(e -> e.startsWith("smtp: TLS refused"));
    }

    @Test
    void certificateFromTheRogueCaIsRefusedByTheServer() throws Exception {
        MssClient client = op.labClient().sslContext(context(pki.wronglyIssued()), "rogue").build();
        assertThat(failure(() -> client.send(message(OperatorFixture.LAB, OperatorFixture.DOCTOR))).code())
                .isEqualTo(MssError.TLS_FAILED);
        assertThat(failure(client::openStore).code()).isEqualTo(MssError.TLS_FAILED);
    }

    @Test
    void expiredCertificateIsRefusedByTheClientAndByTheServer() throws Exception {
        TestIdentity expired = pki.expired();
        assertThatThrownBy(() -> SoftwareCertificate.pkcs12(expired.pkcs12(), expired.password()).load())
                .isInstanceOf(TransportException.class).hasMessageContaining("TRANSPORT-004");
        MssClient client = op.labClient().sslContext(context(expired), "expired").build();
        assertThat(failure(() -> client.send(message(OperatorFixture.LAB, OperatorFixture.DOCTOR))).code())
                .isEqualTo(MssError.TLS_FAILED);
    }

    @Test
    void serverOutsideTheTrustedCasIsRefusedByTheClient() {
        MssClient client = op.labClient().connection(ServiceConnection.builder()
                .certificate(SoftwareCertificate.pkcs12(pki.orgAuthCli().pkcs12(), pki.orgAuthCli().password()).load())
                .trustStore(TrustStore.fromPem(pki.rogueTrustAnchorsPem())).build()).build();
        assertThat(failure(() -> client.send(message(OperatorFixture.LAB, OperatorFixture.DOCTOR))).code())
                .isEqualTo(MssError.TLS_FAILED);
    }

    /** A TLS context presenting an identity as is (what a misconfigured client would present). */
    static SSLContext context(TestIdentity id) throws Exception {
        KeyStore ks = id.keyStore();
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(ks, id.password());
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(kmf.getKeyManagers(), TrustStore.of(pki.trustAnchors()).trustManagers(), null);
        return ctx;
    }

    @Test
    void personalMailboxWithAPscTokenOverXoauth2AndOauthbearer() throws Exception {
        for (SaslMechanism mechanism : SaslMechanism.values()) {
            MssClient client = op.labClient().mailbox(OperatorFixture.BIOLOGIST)
                    .authentication(Authentication.token(mechanism, () -> OperatorFixture.TOKEN)).build();
            MssMessage m = message(OperatorFixture.BIOLOGIST, OperatorFixture.DOCTOR);
            assertThat(client.send(m).allAccepted()).as(mechanism.name()).isTrue();
            try (Store store = client.openStore()) {
                Folder inbox = store.getFolder("INBOX");
                inbox.open(Folder.READ_ONLY);
                assertThat(inbox.getMessageCount()).isGreaterThanOrEqualTo(0);
                inbox.close(false);
            }
            assertThat(op.front.events()).anyMatch(e -> e.equals("smtp: " + mechanism + " OK for " + OperatorFixture.BIOLOGIST));
            assertThat(op.front.events()).anyMatch(e -> e.equals("imap: " + mechanism + " OK for " + OperatorFixture.BIOLOGIST));
        }
    }

    @Test
    void tokenRefusedBySasl() {
        for (SaslMechanism mechanism : SaslMechanism.values()) {
            MssClient client = op.labClient().mailbox(OperatorFixture.BIOLOGIST)
                    .authentication(Authentication.token(mechanism, () -> "expired-token")).build();
            assertThat(failure(() -> client.send(message(OperatorFixture.BIOLOGIST, OperatorFixture.DOCTOR))).code())
                    .as(mechanism.name()).isEqualTo(MssError.AUTH_REFUSED);
            assertThat(failure(client::openStore).code()).as(mechanism.name()).isEqualTo(MssError.AUTH_REFUSED);
        }
    }

    @Test
    void partialDeliveryIsReportedPerRecipient() throws Exception {
        MssClient client = op.labClient().build();
        MssMessage m = message(OperatorFixture.LAB, OperatorFixture.DOCTOR, "plein@medecin.mssante.fr",
                "parti@medecin.mssante.fr");
        SubmissionResult r = client.send(m);
        assertThat(r.allAccepted()).isFalse();
        assertThat(r.accepted()).extracting(a -> a.address()).containsExactly(OperatorFixture.DOCTOR);
        SubmissionResult.Outcome full = r.refused().get(fr.segurbio.mss.MailAddress.of("plein@medecin.mssante.fr"));
        assertThat(full.replyCode()).isEqualTo(452);
        assertThat(full.temporary()).isTrue();
        assertThat(full.reply()).contains("Mailbox full");
        SubmissionResult.Outcome gone = r.refused().get(fr.segurbio.mss.MailAddress.of("parti@medecin.mssante.fr"));
        assertThat(gone.replyCode()).isEqualTo(550);
        assertThat(gone.temporary()).isFalse();
        assertThat(op.inbox(OperatorFixture.DOCTOR)).anyMatch(s -> m.messageId().equals(header(s.getMimeMessage(), "Message-ID")));
    }

    @Test
    void everyRecipientRefusedIsAResultToo() {
        MssClient client = op.labClient().build();
        SubmissionResult r = client.send(message(OperatorFixture.LAB, "parti@medecin.mssante.fr"));
        assertThat(r.accepted()).isEmpty();
        assertThat(r.refused()).hasSize(1);
    }

    @Test
    void oneTlsConnectionCarriesManyMessages() {
        MssClient client = op.labClient().build();
        long before = op.front.smtpConnections();
        try (MssClient.Submission smtp = client.openSubmission()) {
            for (int i = 0; i < 20; i++) {
                assertThat(smtp.send(message(OperatorFixture.LAB, OperatorFixture.DOCTOR)).allAccepted()).isTrue();
            }
        }
        assertThat(op.front.smtpConnections() - before).isEqualTo(1);
    }

    @Test
    void senderMustBeTheClientsMailbox() {
        MssClient client = op.labClient().build();
        assertThat(failure(() -> client.send(message(OperatorFixture.BIOLOGIST, OperatorFixture.DOCTOR))).code())
                .isEqualTo(MssError.BAD_ADDRESS);
    }

    @Test
    void storedMessageIsByteForByteTheSubmittedOne() throws Exception {
        MssClient client = op.labClient().build();
        MssMessage m = message(OperatorFixture.LAB, OperatorFixture.DOCTOR);
        client.send(m);
        StoredMessage stored = op.inbox(OperatorFixture.DOCTOR).stream()
                .filter(s -> m.messageId().equals(header(s.getMimeMessage(), "Message-ID"))).findFirst().orElseThrow();
        java.io.ByteArrayOutputStream raw = new java.io.ByteArrayOutputStream();
        stored.getMimeMessage().writeTo(raw);
        MimeMessage back = new MimeMessage(jakarta.mail.Session.getInstance(new java.util.Properties()),
                new ByteArrayInputStream(raw.toByteArray()));
        assertThat(back.getSubject()).isEqualTo(m.subject());
        // the body (everything after the headers) is what the client submitted
        String sent = new String(m.toBytes(), java.nio.charset.StandardCharsets.US_ASCII);
        String got = raw.toString(java.nio.charset.StandardCharsets.US_ASCII);
        // (the store drops the CRLF before the SMTP end-of-data dot: the last line has none)
        assertThat(got.substring(got.indexOf("\r\n\r\n")).stripTrailing())
                .isEqualTo(sent.substring(sent.indexOf("\r\n\r\n")).stripTrailing());
        assertThat(Set.of(OperatorFixture.DOCTOR)).contains(back.getAllRecipients()[0].toString());
    }
}
