package fr.segurbio.mss.returns;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.icegreen.greenmail.store.MailFolder;
import com.icegreen.greenmail.store.StoredMessage;

import fr.segurbio.mss.MailAddress;
import fr.segurbio.mss.MssMessage;
import fr.segurbio.mss.TestReports;
import fr.segurbio.mss.mail.MssClient;
import fr.segurbio.mss.mail.OperatorFixture;
import fr.segurbio.mss.mail.SubmissionResult;
import fr.segurbio.mss.xdm.XdmReader;
import fr.segurbio.testkit.TestPki;
import jakarta.mail.Flags;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;

class ReturnsReaderIT {

    static TestPki pki;
    static OperatorFixture op;
    static final Session SESSION = Session.getInstance(new Properties());

    @BeforeAll
    static void start() {
        pki = TestPki.create();
        op = new OperatorFixture(pki, b -> b.rejectRecipient("parti@medecin.mssante.fr", "550 5.1.1 User unknown"));
    }

    @AfterAll
    static void stop() {
        op.close();
        pki.close();
    }

    static MimeMessage copy(MimeMessage m) throws Exception {
        ByteArrayOutputStream raw = new ByteArrayOutputStream();
        m.writeTo(raw);
        return new MimeMessage(SESSION, new ByteArrayInputStream(raw.toByteArray()));
    }

    @Test
    void sentReportIsProcessedByTheDoctorAndFailsForThePatientThenTheReturnsAreMatched() throws Exception {
        MssClient lab = op.labClient().build();
        DeliveryTracker tracker = DeliveryTracker.create();
        tracker.checkpoint(ReturnsReader.of(lab).fetch(Checkpoint.START, r -> { }).checkpoint());
        TestReports.Documents d = TestReports.qualified();
        MssMessage m = MssMessage.builder().from(OperatorFixture.LAB).to(OperatorFixture.DOCTOR)
                .to("parti@medecin.mssante.fr").toPatient(d.report().patient(), false)
                .report(d.report(), d.n3(), d.n1(), d.pdf()).sourceId("1.2.250.1.213.1.1.9").build();
        SubmissionResult sent = lab.send(m);
        tracker.record(m.subject(), sent);
        String patient = TestReports.INS + "@patient.mssante.fr";

        // the operator's MTA reports the delivery to the doctor (RFC 3464), before any MDN
        op.greenMail.getUserManager().getUserByEmail(OperatorFixture.LAB).deliver(Returns.parse(Returns.dsn(
                m.messageId(), "Final-Recipient: rfc822; " + OperatorFixture.DOCTOR + "\nAction: delivered\nStatus: 2.0.0")));
        // the doctor's system reads its mailbox, checks the XDM, integrates, answers an MDN (delivered to the lab)
        for (String box : List.of(OperatorFixture.DOCTOR, patient)) {
            StoredMessage received = op.inbox(box).stream().filter(s -> {
                try {
                    return m.messageId().equals(s.getMimeMessage().getMessageID());
                } catch (jakarta.mail.MessagingException e) {
                    return false;
                }
            }).findFirst().orElseThrow();
            MimeMessage in = copy(received.getMimeMessage());
            Reception r = Reception.of(in);
            assertThat(r.accepted()).isTrue();
            assertThat(XdmReader.create().read(r.xdm().orElseThrow().n3().orElseThrow().content().length > 0
                    ? m.xdm() : new byte[0]).documents()).hasSize(2);
            MimeMessage mdn = box.equals(patient)
                    ? MdnBuilder.from(box).build(in, r.notificationTo().orElseThrow(), Optional.of(902), Optional.empty())
                    : MdnBuilder.from(box).build(in, r);
            op.greenMail.getUserManager().getUserByEmail(OperatorFixture.LAB).deliver(copy(mdn));
        }
        // the operator's DSN for the refused recipient is not needed: the submission already said 550

        FetchSummary s = ReturnsReader.of(lab).fetch(tracker.checkpoint(), tracker::apply);
        tracker.checkpoint(s.checkpoint());
        assertThat(s.returns()).isEqualTo(3);   // the DSN and the two MDNs
        assertThat(s.problems()).isEmpty();
        Map<MailAddress, DeliveryTracker.Entry> status = tracker.status(m.messageId()).orElseThrow().recipients();
        assertThat(status.get(MailAddress.of(OperatorFixture.DOCTOR)).status()).isEqualTo(RecipientStatus.PROCESSED);
        assertThat(status.get(MailAddress.of(patient)).status()).isEqualTo(RecipientStatus.FAILED);
        assertThat(status.get(MailAddress.of(patient)).code()).contains("902");
        assertThat(status.get(MailAddress.of(patient)).detail()).contains("Identifiant patient inconnu");
        assertThat(status.get(MailAddress.of("parti@medecin.mssante.fr")).status()).isEqualTo(RecipientStatus.REFUSED);

        // a second reading reads nothing again
        FetchSummary again = ReturnsReader.of(lab).fetch(tracker.checkpoint(), tracker::apply);
        assertThat(again.scanned()).isZero();
        assertThat(again.checkpoint()).isEqualTo(s.checkpoint());
    }

    @Test
    void tenThousandMessagesAreReadPageByPageWithoutReadingThemTwice() throws Exception {
        String box = "bal.organisationnelle@labo.mssante.fr";
        op.greenMail.setUser(box, box, "store-org");
        MssClient client = MssClient.builder().operator(op.settings(fr.segurbio.mss.mail.TlsMode.IMPLICIT,
                fr.segurbio.mss.mail.TlsMode.IMPLICIT)).mailbox(box)
                .authentication(fr.segurbio.mss.mail.Authentication.token(
                        fr.segurbio.mss.mail.SaslMechanism.OAUTHBEARER, () -> "org-token"))
                .connection(op.connection).build();
        // the front of this fixture knows only the fixture's mailboxes: a second front for this one
        try (fr.segurbio.testkit.mss.MssOperatorFront front = fr.segurbio.testkit.mss.MssOperatorFront
                .builder(pki.serverIdentity(), pki.trustAnchors())
                .store(op.greenMail)
                .personalMailbox(box, "org-token", "store-org").start()) {
            MssClient viaFront = MssClient.builder().operator(fr.segurbio.mss.mail.OperatorSettings.builder()
                    .domains(java.util.Set.of("localhost"))
                    .smtp(new fr.segurbio.mss.mail.Endpoint("localhost", front.smtpPort(),
                            fr.segurbio.mss.mail.TlsMode.IMPLICIT))
                    .imap(new fr.segurbio.mss.mail.Endpoint("localhost", front.imapPort(),
                            fr.segurbio.mss.mail.TlsMode.IMPLICIT)).build())
                    .mailbox(box).authentication(fr.segurbio.mss.mail.Authentication.token(
                            fr.segurbio.mss.mail.SaslMechanism.OAUTHBEARER, () -> "org-token"))
                    .connection(op.connection).build();
            assertThat(client.mailbox()).isEqualTo(viaFront.mailbox());
            MailFolder inbox = op.folder(box);
            MimeMessage plain = Returns.parse("""
                    From: dr.martin@medecin.mssante.fr
                    To: bal.organisationnelle@labo.mssante.fr
                    Subject: Question
                    MIME-Version: 1.0
                    Content-Type: text/plain

                    Bonjour.
                    """);
            List<String> ids = new ArrayList<>();
            for (int i = 0; i < 10_000; i++) {
                if (i % 1000 == 999) {
                    String id = "<cr-" + i + "@labo.mssante.fr>";
                    ids.add(id);
                    inbox.appendMessage(Returns.parse(Returns.mdn(id, OperatorFixture.DOCTOR,
                            "automatic-action/MDN-sent-automatically; processed", "XDM/1.0/DDM+CR")), new Flags(),
                            new Date());
                } else {
                    inbox.appendMessage(plain, new Flags(), new Date());
                }
            }
            List<ReturnMessage> found = new ArrayList<>();
            FetchSummary s = ReturnsReader.of(viaFront, 500, ReturnsReader.DEFAULT_MAX_MESSAGE_BYTES)
                    .fetch(Checkpoint.START, found::add);
            assertThat(s.scanned()).isEqualTo(10_000);
            assertThat(found).extracting(ReturnMessage::originalMessageId).containsExactlyElementsOf(ids);
            assertThat(s.checkpoint().lastUid()).isGreaterThanOrEqualTo(10_000);
            // one more arrives: only it is read
            inbox.appendMessage(Returns.parse(Returns.mdn("<late@labo.mssante.fr>", OperatorFixture.DOCTOR,
                    "manual-action/MDN-sent-manually; displayed", "Lu")), new Flags(), new Date());
            List<ReturnMessage> late = new ArrayList<>();
            FetchSummary next = ReturnsReader.of(viaFront, 500, ReturnsReader.DEFAULT_MAX_MESSAGE_BYTES)
                    .fetch(s.checkpoint(), late::add);
            assertThat(next.scanned()).isEqualTo(1);
            assertThat(late).singleElement().satisfies(r -> assertThat(r.status()).isEqualTo(RecipientStatus.READ));
        }
    }

    @Test
    void malformedReturnsAreReportedAndTheReadingGoesOn() throws Exception {
        MailFolder inbox = op.folder(OperatorFixture.LAB);
        MssClient lab = op.labClient().build();
        FetchSummary before = ReturnsReader.of(lab).fetch(Checkpoint.START, r -> { });
        inbox.appendMessage(Returns.parse(Returns.mdn("<a@labo.mssante.fr>", OperatorFixture.DOCTOR, "n'importe quoi",
                "x")), new Flags(), new Date());
        inbox.appendMessage(Returns.parse(Returns.mdn("<b@labo.mssante.fr>", OperatorFixture.DOCTOR,
                "automatic-action/MDN-sent-automatically; processed", "x")), new Flags(), new Date());
        List<ReturnMessage> found = new ArrayList<>();
        FetchSummary s = ReturnsReader.of(lab).fetch(before.checkpoint(), found::add);
        assertThat(s.problems()).singleElement().satisfies(p -> assertThat(p.code().id()).isEqualTo("MSS-301"));
        assertThat(found).extracting(ReturnMessage::originalMessageId).containsExactly("<b@labo.mssante.fr>");
        // a return over the size limit is reported and never downloaded
        inbox.appendMessage(Returns.parse(Returns.mdn("<big@labo.mssante.fr>", OperatorFixture.DOCTOR,
                "automatic-action/MDN-sent-automatically; processed", "x").replace("body\n", "x".repeat(5000) + "\n")),
                new Flags(), new Date());
        List<ReturnMessage> big = new ArrayList<>();
        FetchSummary limited = ReturnsReader.of(lab, 100, 3000).fetch(s.checkpoint(), big::add);
        assertThat(big).isEmpty();
        assertThat(limited.problems()).singleElement().satisfies(p -> assertThat(p.messageEn()).contains("size limit"));
    }
}
