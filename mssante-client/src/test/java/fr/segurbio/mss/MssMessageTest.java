package fr.segurbio.mss;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

import org.apache.james.mime4j.dom.BinaryBody;
import org.apache.james.mime4j.dom.Entity;
import org.apache.james.mime4j.dom.Multipart;
import org.apache.james.mime4j.dom.TextBody;
import org.apache.james.mime4j.message.DefaultMessageBuilder;
import org.junit.jupiter.api.Test;

import fr.segurbio.mss.xdm.XdmPackage;
import fr.segurbio.mss.xdm.XdmReader;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;

class MssMessageTest {

    static final Clock CLOCK = Clock.fixed(Instant.parse("2024-01-04T14:00:00Z"), ZoneOffset.UTC);

    private final TestReports.Documents docs = TestReports.qualified();

    MssMessage.Builder builder(TestReports.Documents d) {
        return MssMessage.builder().from("labo.charmes@labo.mssante.fr").to("dr.martin@medecin.mssante.fr")
                .report(d.report(), d.n3(), d.n1(), d.pdf()).sourceId("1.2.250.1.213.1.1.9").clock(CLOCK)
                .messageId("<cr-2024-1@labo.mssante.fr>");
    }

    @Test
    void subjectHeadersAndPartsFollowTheVolet() throws Exception {
        MssMessage m = builder(docs).toPatient(docs.report().patient(), false).build();
        assertThat(m.subject()).isEqualTo("XDM/1.0/DDM+CR d'examens biologiques ADRUN ZOE 31/12/1975");
        assertThat(m.recipients()).extracting(MailAddress::address)
                .containsExactly("dr.martin@medecin.mssante.fr", TestReports.INS + "@patient.mssante.fr");
        assertThat(m.headers()).containsEntry("X-MSS-CODECDA", "11502-2").containsEntry("X-MSS-INS", "O")
                .containsEntry("X-MSS-MES", "FIN")
                .containsEntry("Disposition-Notification-To", "labo.charmes@labo.mssante.fr");

        MimeMessage jm = new MimeMessage(Session.getInstance(new Properties()), new ByteArrayInputStream(m.toBytes()));
        assertThat(jm.getSubject()).isEqualTo(m.subject());
        assertThat(jm.getMessageID()).isEqualTo("<cr-2024-1@labo.mssante.fr>");
        assertThat(jm.getHeader("X-MSS-INS", null)).isEqualTo("O");
        assertThat(jm.getHeader("X-MSS-MES", null)).isEqualTo("FIN");
        assertThat(jm.getSentDate().toInstant()).isEqualTo(CLOCK.instant());
        MimeMultipart mp = (MimeMultipart) jm.getContent();
        assertThat(mp.getCount()).isEqualTo(3);
        assertThat(mp.getBodyPart(0).isMimeType("text/plain")).isTrue();
        assertThat((String) mp.getBodyPart(0).getContent()).contains("ADRUN").contains("messagerie sécurisée");
        Part zip = mp.getBodyPart(1);
        assertThat(zip.isMimeType("application/zip")).isTrue();
        assertThat(zip.getFileName()).isEqualTo("IHE_XDM.ZIP");
        assertThat(zip.getDisposition()).isEqualTo(Part.ATTACHMENT);
        byte[] xdm;
        try (InputStream in = zip.getInputStream()) {
            xdm = in.readAllBytes();
        }
        assertThat(xdm).isEqualTo(m.xdm());
        XdmPackage p = XdmReader.create().read(xdm);
        assertThat(p.n3().orElseThrow().content()).isEqualTo(docs.n3().document());
        assertThat(p.intendedRecipients()).hasSize(2);
        Part pdf = mp.getBodyPart(2);
        assertThat(pdf.isMimeType("application/pdf")).isTrue();
        try (InputStream in = pdf.getInputStream()) {
            assertThat(in.readAllBytes()).isEqualTo(docs.pdf());
        }
    }

    @Test
    void secondParserReadsTheSameMessage() throws Exception {
        MssMessage m = builder(docs).label("Résultats d'analyses médicales").build();
        org.apache.james.mime4j.dom.Message read = new DefaultMessageBuilder()
                .parseMessage(new ByteArrayInputStream(m.toBytes()));
        assertThat(read.getSubject()).isEqualTo(m.subject())
                .isEqualTo("XDM/1.0/DDM+Résultats d'analyses médicales ADRUN ZOE 31/12/1975");
        assertThat(read.getMessageId()).isEqualTo(m.messageId());
        assertThat(read.getHeader().getField("X-MSS-CODECDA").getBody()).isEqualTo("11502-2");
        assertThat(read.getHeader().getField("Disposition-Notification-To").getBody())
                .isEqualTo("labo.charmes@labo.mssante.fr");
        assertThat(read.getHeader().getField("X-MSS-MES")).isNull();   // no patient recipient
        assertThat(read.getTo().flatten()).extracting(a -> a.getAddress())
                .containsExactly("dr.martin@medecin.mssante.fr");
        Multipart mp = (Multipart) read.getBody();
        List<Entity> parts = mp.getBodyParts();
        assertThat(parts).extracting(Entity::getMimeType).containsExactly("text/plain", "application/zip",
                "application/pdf");
        try (java.io.Reader r = ((TextBody) parts.get(0).getBody()).getReader()) {
            StringBuilder text = new StringBuilder();
            char[] buf = new char[1024];
            int n;
            while ((n = r.read(buf)) > 0) {
                text.append(buf, 0, n);
            }
            assertThat(text.toString()).isEqualTo(m.body());
        }
        assertThat(parts.get(1).getFilename()).isEqualTo("IHE_XDM.ZIP");
        assertThat(parts.get(1).getContentTransferEncoding()).isEqualTo("base64");
        try (InputStream in = ((BinaryBody) parts.get(1).getBody()).getInputStream()) {
            assertThat(in.readAllBytes()).isEqualTo(m.xdm());
        }
        try (InputStream in = ((BinaryBody) parts.get(2).getBody()).getInputStream()) {
            assertThat(in.readAllBytes()).isEqualTo(docs.pdf());
        }
    }

    @Test
    void wireFormIsSevenBitWithCrlfAndShortLines() {
        MssMessage m = builder(docs).label("Résultats d'analyses médicales").toPatient(docs.report().patient(), false)
                .build();
        byte[] bytes = m.toBytes();
        for (byte b : bytes) {
            assertThat(b & 0xFF).isLessThan(128);
        }
        String text = new String(bytes, StandardCharsets.US_ASCII);
        List<String> lines = new ArrayList<>(List.of(text.split("\r\n", -1)));
        for (String line : lines) {
            assertThat(line).doesNotContain("\n").doesNotContain("\r");
            assertThat(line.length()).isLessThanOrEqualTo(78);
        }
        assertThat(text).contains("Subject: =?UTF-8?");
        assertThat(text).contains("Content-Type: application/zip; name=\"IHE_XDM.ZIP\"");
        assertThat(text).contains("Content-Disposition: attachment; filename=IHE_XDM.ZIP");
        assertThat(m.toBytes()).isEqualTo(bytes);
    }

    @Test
    void nonQualifiedIdentityGetsNoPatientAddress() {
        TestReports.Documents provisional = TestReports.provisional();
        assertThatThrownBy(() -> builder(provisional).toPatient(provisional.report().patient(), false))
                .isInstanceOf(MssException.class).hasMessageStartingWith("MSS-101");
        // to professionals it goes, saying the INS is not qualified
        MssMessage m = builder(provisional).build();
        assertThat(m.headers()).containsEntry("X-MSS-INS", "N");
        assertThat(m.patient()).isEmpty();
    }

    @Test
    void opposedPatientGetsNothing() {
        assertThatThrownBy(() -> builder(docs).toPatient(docs.report().patient(), true))
                .isInstanceOf(MssException.class).hasMessageStartingWith("MSS-102");
    }

    @Test
    void patientAddressTypedByHandAndAddressesOutsideMssanteAreRefused() {
        assertThatThrownBy(() -> builder(docs).to(TestReports.INS + "@patient.mssante.fr"))
                .hasMessageStartingWith("MSS-103");
        assertThatThrownBy(() -> builder(docs).to("someone@gmail.com")).hasMessageStartingWith("MSS-103");
        assertThatThrownBy(() -> builder(docs).to("bad address@medecin.mssante.fr")).hasMessageStartingWith("MSS-103");
        assertThatThrownBy(() -> builder(docs).to("x@y@medecin.mssante.fr")).hasMessageStartingWith("MSS-103");
        assertThatThrownBy(() -> builder(docs).to("dr\r\nBcc: evil@x.fr@medecin.mssante.fr"))
                .hasMessageStartingWith("MSS-103");
    }

    @Test
    void missingPartsAreAllListed() {
        assertThatThrownBy(() -> MssMessage.builder().build()).isInstanceOf(MssException.class)
                .hasMessageContaining("from").hasMessageContaining("recipient").hasMessageContaining("report")
                .hasMessageContaining("sourceId");
    }

    @Test
    void patientReplyMayBeAllowedAndNotificationLeftOut() {
        MssMessage m = builder(docs).toPatient(docs.report().patient(), false).blockPatientReply(false)
                .requestNotification(false).build();
        assertThat(m.headers()).doesNotContainKeys("X-MSS-MES", "Disposition-Notification-To");
    }

    @Test
    void reportWithAHundredKilobytePdfReadsBackWithIdenticalParts() throws Exception {
        byte[] pdf = new byte[100 * 1024];
        new java.util.Random(42).nextBytes(pdf);
        System.arraycopy("%PDF-1.4\n".getBytes(StandardCharsets.US_ASCII), 0, pdf, 0, 9);
        fr.segurbio.cda.CrBioReport report = TestReports.report(true, 30);
        fr.segurbio.cda.CrBioWriter writer = fr.segurbio.cda.CrBioWriter.standard();
        TestReports.Documents big = new TestReports.Documents(report, pdf, writer.n3(report, pdf),
                writer.n1(report, pdf));
        MssMessage m = builder(big).toPatient(report.patient(), false).build();

        MimeMessage jm = new MimeMessage(Session.getInstance(new Properties()), new ByteArrayInputStream(m.toBytes()));
        MimeMultipart mp = (MimeMultipart) jm.getContent();
        try (InputStream in = mp.getBodyPart(1).getInputStream()) {
            assertThat(in.readAllBytes()).isEqualTo(m.xdm());
        }
        try (InputStream in = mp.getBodyPart(2).getInputStream()) {
            assertThat(in.readAllBytes()).isEqualTo(pdf);
        }
        org.apache.james.mime4j.dom.Message second = new DefaultMessageBuilder()
                .parseMessage(new ByteArrayInputStream(m.toBytes()));
        List<Entity> parts = ((Multipart) second.getBody()).getBodyParts();
        try (InputStream in = ((BinaryBody) parts.get(1).getBody()).getInputStream()) {
            assertThat(in.readAllBytes()).isEqualTo(m.xdm());
        }
        try (InputStream in = ((BinaryBody) parts.get(2).getBody()).getInputStream()) {
            assertThat(in.readAllBytes()).isEqualTo(pdf);
        }
        XdmPackage p = XdmReader.create().read(m.xdm());
        assertThat(p.n3().orElseThrow().content()).isEqualTo(big.n3().document());
        assertThat(p.n1().orElseThrow().content()).isEqualTo(big.n1().document());
    }

    @Test
    void attachmentsAreEncodedAsJakartaMailsOwnBase64Encoder() throws Exception {
        for (int size : new int[] {0, 1, 2, 3, 56, 57, 58, 100_000}) {
            byte[] data = new byte[size];
            new java.util.Random(size).nextBytes(data);
            java.io.ByteArrayOutputStream expected = new java.io.ByteArrayOutputStream();
            try (java.io.OutputStream enc = jakarta.mail.internet.MimeUtility.encode(expected, "base64")) {
                enc.write(data);
            }
            assertThat(MssMessage.base64Lines(data)).as("size %d", size).isEqualTo(expected.toByteArray());
        }
    }

    @Test
    void angusStreamProviderIsNamedOnlyWhenNobodyChoseOneAndItCanBeLoaded() {
        String before = System.getProperty(MssMessage.STREAM_PROVIDER_PROPERTY);
        try {
            System.setProperty(MssMessage.STREAM_PROVIDER_PROPERTY, "com.example.TheirProvider");
            assertThat(MssMessage.pinStreamProvider(getClass().getClassLoader())).isFalse();
            assertThat(System.getProperty(MssMessage.STREAM_PROVIDER_PROPERTY)).isEqualTo("com.example.TheirProvider");

            System.clearProperty(MssMessage.STREAM_PROVIDER_PROPERTY);
            ClassLoader bare = new java.net.URLClassLoader(new java.net.URL[0], null);
            assertThat(MssMessage.pinStreamProvider(bare)).as("a context loader that cannot see Angus").isFalse();
            assertThat(System.getProperty(MssMessage.STREAM_PROVIDER_PROPERTY)).isNull();

            assertThat(MssMessage.pinStreamProvider(getClass().getClassLoader())).isTrue();
            assertThat(System.getProperty(MssMessage.STREAM_PROVIDER_PROPERTY))
                    .isEqualTo(MssMessage.ANGUS_STREAM_PROVIDER);
            assertThat(jakarta.mail.util.StreamProvider.provider().getClass().getName())
                    .isEqualTo(MssMessage.ANGUS_STREAM_PROVIDER);
        } finally {
            if (before == null) {
                System.clearProperty(MssMessage.STREAM_PROVIDER_PROPERTY);
            } else {
                System.setProperty(MssMessage.STREAM_PROVIDER_PROPERTY, before);
            }
        }
    }
}
