package fr.segurbio.mss.returns;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Properties;

import org.apache.james.mime4j.dom.Multipart;
import org.apache.james.mime4j.message.DefaultMessageBuilder;
import org.junit.jupiter.api.Test;

import fr.segurbio.mss.MailAddress;
import fr.segurbio.mss.MssMessage;
import fr.segurbio.mss.TestReports;
import fr.segurbio.mss.xdm.XdmDocument;
import fr.segurbio.mss.xdm.XdmSubmission;
import fr.segurbio.mss.xdm.XdmWriter;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;

class MdnBuilderTest {

    static final Clock CLOCK = Clock.fixed(Instant.parse("2024-01-05T08:00:00Z"), ZoneOffset.UTC);

    static MimeMessage received(MssMessage m) throws Exception {
        return new MimeMessage(Session.getInstance(new Properties()), new ByteArrayInputStream(m.toBytes()));
    }

    static MssMessage sent() {
        TestReports.Documents d = TestReports.qualified();
        return MssMessage.builder().from("labo.charmes@labo.mssante.fr").to("dr.martin@medecin.mssante.fr")
                .report(d.report(), d.n3(), d.n1(), d.pdf()).sourceId("1.2.250.1.213.1.1.9").build();
    }

    @Test
    void successMdnReadsBackAsProcessed() throws Exception {
        MssMessage sent = sent();
        MimeMessage in = received(sent);
        Reception r = Reception.of(in);
        assertThat(r.accepted()).isTrue();
        assertThat(r.automaticMdnAllowed()).isTrue();
        assertThat(r.xdm().orElseThrow().n3()).isPresent();
        MimeMessage mdn = MdnBuilder.from("dr.martin@medecin.mssante.fr").clock(CLOCK).build(in, r);
        assertThat(mdn.getAllRecipients()[0].toString()).isEqualTo("labo.charmes@labo.mssante.fr");
        assertThat(mdn.getSubject()).isEqualTo(sent.subject());
        ReturnMessage back = ReturnParser.create().parse(reparse(mdn)).get(0);
        assertThat(back.originalMessageId()).isEqualTo(sent.messageId());
        assertThat(back.status()).isEqualTo(RecipientStatus.PROCESSED);
        assertThat(back.recipient()).contains(MailAddress.of("dr.martin@medecin.mssante.fr"));
        // the structure the volet asks for, read by the second parser: text, report, original, then attachments
        ByteArrayOutputStream raw = new ByteArrayOutputStream();
        mdn.writeTo(raw);
        org.apache.james.mime4j.dom.Message m4 = new DefaultMessageBuilder()
                .parseMessage(new ByteArrayInputStream(raw.toByteArray()));
        assertThat(m4.getMimeType()).isEqualTo("multipart/report");
        assertThat(((Multipart) m4.getBody()).getBodyParts()).extracting(e -> e.getMimeType()).containsExactly(
                "text/plain", "message/disposition-notification", "message/rfc822", "application/zip",
                "application/pdf");
    }

    @Test
    void n3WithoutItsN1IsRefusedAndTheMdnSaysSo() throws Exception {
        TestReports.Documents d = TestReports.qualified();
        byte[] alone = XdmWriter.create().write(XdmSubmission.builder().n3(XdmDocument.of(d.n3()))
                .sourceId("1.2.250.1.213.1.1.9").build());
        String raw = new String(sent().toBytes(), java.nio.charset.StandardCharsets.US_ASCII);
        MimeMessage in = received(sent());
        // replace the archive by one holding the N3 alone
        jakarta.mail.internet.MimeMultipart mp = (jakarta.mail.internet.MimeMultipart) in.getContent();
        jakarta.mail.internet.MimeBodyPart zip = (jakarta.mail.internet.MimeBodyPart) mp.getBodyPart(1);
        zip.setDataHandler(new jakarta.activation.DataHandler(
                new jakarta.mail.util.ByteArrayDataSource(alone, "application/zip")));
        zip.setFileName("IHE_XDM.ZIP");
        in.saveChanges();
        assertThat(raw).contains("IHE_XDM.ZIP");
        Reception r = Reception.of(reparse(in));
        assertThat(r.accepted()).isFalse();
        assertThat(r.errorCode()).contains(VoletCode.REQUIRED_FIELD_MISSING);
        MimeMessage mdn = MdnBuilder.from("dr.martin@medecin.mssante.fr").build(reparse(in), r);
        assertThat(mdn.getSubject()).startsWith("[KO Intégration système !][101] XDM/1.0/DDM+");
        ReturnMessage back = ReturnParser.create().parse(reparse(mdn)).get(0);
        assertThat(back.status()).isEqualTo(RecipientStatus.FAILED);
        assertThat(back.errorCode()).contains("101");
    }

    @Test
    void messageWithoutArchiveIsRefused() throws Exception {
        MimeMessage in = Returns.parse("""
                From: labo.charmes@labo.mssante.fr
                To: dr.martin@medecin.mssante.fr
                Subject: XDM/1.0/DDM+CR
                Message-ID: <x@labo.mssante.fr>
                Disposition-Notification-To: labo.charmes@labo.mssante.fr
                Return-Path: <other@labo.mssante.fr>
                MIME-Version: 1.0
                Content-Type: text/plain

                pas de pièce jointe
                """);
        Reception r = Reception.of(in);
        assertThat(r.accepted()).isFalse();
        assertThat(r.errorCode()).contains(101);
        assertThat(r.automaticMdnAllowed()).isFalse();   // Return-Path differs: a person decides
    }

    static MimeMessage reparse(MimeMessage m) throws Exception {
        ByteArrayOutputStream raw = new ByteArrayOutputStream();
        m.writeTo(raw);
        return new MimeMessage(Session.getInstance(new Properties()), new ByteArrayInputStream(raw.toByteArray()));
    }
}
