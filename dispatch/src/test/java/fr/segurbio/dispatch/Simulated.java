package fr.segurbio.dispatch;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.icegreen.greenmail.store.MailFolder;
import com.icegreen.greenmail.store.StoredMessage;
import com.icegreen.greenmail.user.GreenMailUser;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import fr.segurbio.cda.CrBioJson;
import fr.segurbio.cda.CrBioReport;
import fr.segurbio.cda.CrBioWriter;
import fr.segurbio.cda.WrittenDocument;
import fr.segurbio.dmp.DmpClient;
import fr.segurbio.dmp.DmpEnvironment;
import fr.segurbio.dmp.vihf.DmpActor;
import fr.segurbio.dmp.vihf.VihfSettings;
import fr.segurbio.mss.mail.Endpoint;
import fr.segurbio.mss.mail.MssClient;
import fr.segurbio.mss.mail.OperatorSettings;
import fr.segurbio.mss.mail.TlsMode;
import fr.segurbio.testkit.ConformanceMaterial;
import fr.segurbio.testkit.TestPki;
import fr.segurbio.testkit.dmp.DmpSimulator;
import fr.segurbio.testkit.mss.MssOperatorFront;
import fr.segurbio.transport.RetryPolicy;
import fr.segurbio.transport.ServiceConnection;
import fr.segurbio.transport.SoftwareCertificate;
import fr.segurbio.transport.TrustStore;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;

/**
 * The real remote sides on loopback for the dispatch tests: testkit's DMP simulator over mutual TLS (its XDS and
 * VIHF schemas from the shared conformance folder), GreenMail behind testkit's MSSanté operator front (client
 * certificate required), the lab's clients on one {@link ServiceConnection}, and the sample report in as many
 * versions as a test needs.
 */
final class Simulated implements AutoCloseable {

    static final String LAB = "labo.charmes@labo.mssante.fr";
    static final String PRESCRIBER = "pascal.charles@medecin.mssante.fr";
    static final String COPY = "stephane.medioni@medecin.mssante.fr";
    static final String GONE = "gone@medecin.mssante.fr";
    static final String FULL = "full@medecin.mssante.fr";
    static final String MATRICULE = "279035121518989";
    static final String PATIENT = MATRICULE + "@patient.mssante.fr";
    static final String SOURCE = "1.2.250.1.213.1.1.9";
    static final String STRUCTURE = "1120459876";

    private static final ObjectMapper JSON = new ObjectMapper();

    final TestPki pki;
    final DmpSimulator dmpSimulator;
    final GreenMail mail;
    final MssOperatorFront front;
    final ServiceConnection connection;
    final DmpClient dmp;
    final MssClient mss;

    Simulated(Path dir) {
        Path shared = ConformanceMaterial.root().orElseThrow();
        pki = TestPki.create(dir.resolve("pki"));
        dmpSimulator = DmpSimulator.builder(pki).conformance(shared).start();
        mail = new GreenMail(new ServerSetup[] {
            new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP),
            new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_IMAP)});
        mail.start();
        for (String a : List.of(LAB, PRESCRIBER, COPY, PATIENT)) {
            mail.setUser(a, a, "store-" + a.substring(0, a.indexOf('@')));
        }
        front = MssOperatorFront.builder(pki.serverIdentity(), pki.trustAnchors())
                .store(mail)
                .applicationMailbox(LAB, TestPki.ORGANIZATION, "store-labo.charmes")
                .rejectRecipient(GONE, "550 5.1.1 User unknown")
                .rejectRecipient(FULL, "452 4.2.2 Mailbox full, try later")
                .start();
        connection = ServiceConnection.builder()
                .certificate(SoftwareCertificate.pkcs12(pki.orgAuthCli().pkcs12(), pki.password()).load())
                .trustStore(TrustStore.of(pki.trustAnchors()))
                .connectTimeout(Duration.ofSeconds(5)).responseTimeout(Duration.ofSeconds(10))
                .retryPolicy(RetryPolicy.builder().maxAttempts(1).build())
                .noCircuitBreaker().build();
        dmp = DmpClient.builder().connection(connection).environment(DmpEnvironment.TEST)
                .endpoint(dmpSimulator.baseUri())
                .vihf(VihfSettings.builder().software("SGL-LABO", "4.2.0").homologation("LAB-20240001-tmp1")
                        .structureId(STRUCTURE).sector("SA25").softwareInstanceId("1.2.250.1.999.1.1.42").build())
                .signingCertificate(SoftwareCertificate.pkcs12(pki.orgSign().pkcs12(), pki.password()).load())
                .actor(DmpActor.automate(STRUCTURE + "/SGL", "SGL-LABO, automate, laboratoire"))
                .structure(STRUCTURE, "Laboratoire des charmes").build();
        mss = MssClient.builder().operator(OperatorSettings.builder().domains(Set.of("localhost"))
                        .smtp(new Endpoint("localhost", front.smtpPort(), TlsMode.IMPLICIT))
                        .imap(new Endpoint("localhost", front.imapPort(), TlsMode.IMPLICIT)).build())
                .mailbox(LAB).connection(connection).build();
    }

    static boolean available() {
        return ConformanceMaterial.find("conformance/xds").isPresent()
                && ConformanceMaterial.find("conformance/vihf").isPresent();
    }

    /** The sample report as set {@code set}, version {@code version} (replacing the previous one after 1). */
    static CrBioReport report(String set, int version) {
        return report(set, version, true);
    }

    /** The same, with or without the recipients' {@code mailto:} telecoms. */
    static CrBioReport report(String set, int version, boolean mailto) {
        try {
            Path sample = sample();
            ObjectNode root = (ObjectNode) JSON.readTree(sample.toFile());
            ObjectNode doc = (ObjectNode) root.get("document");
            ((ObjectNode) doc.get("id")).put("extension", set + "-V" + version);
            ((ObjectNode) doc.get("setId")).put("extension", set);
            doc.put("version", version);
            if (version > 1) {
                ObjectNode r = doc.putObject("replaces");
                r.put("root", doc.get("id").get("root").asText());
                r.put("extension", set + "-V" + (version - 1));
            }
            if (!mailto) {
                root.get("recipients").forEach(r -> ((ObjectNode) r).remove("telecoms"));
            }
            byte[] json = JSON.writeValueAsBytes(root);
            return CrBioJson.read(new ByteArrayInputStream(json), sample.getParent()).report();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Path sample() {
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            Path f = p.resolve("examples/sample-report.json");
            if (Files.exists(f)) {
                return f;
            }
        }
        throw new IllegalStateException("examples/sample-report.json not found");
    }

    /** The publication of a report, written by cda-bio (a small PDF stands for the PDF/A). */
    static ReportPublication.Builder publication(CrBioReport report) {
        byte[] pdf = ("%PDF-1.4\n" + report.id()).getBytes(StandardCharsets.US_ASCII);
        WrittenDocument n3 = CrBioWriter.standard().n3(report, pdf);
        WrittenDocument n1 = CrBioWriter.standard().n1(report, pdf);
        return ReportPublication.builder(report, n3, n1, pdf);
    }

    /** The messages a mailbox holds in a folder of the mail store. */
    List<StoredMessage> messages(String address, String folder) {
        try {
            GreenMailUser user = mail.getUserManager().getUserByEmail(address);
            MailFolder inbox = mail.getManagers().getImapHostManager().getInbox(user);
            if (folder.equals("INBOX")) {
                return inbox.getMessages();
            }
            MailFolder f = mail.getManagers().getImapHostManager().getFolder(user, folder);
            return f == null ? List.of() : f.getMessages();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** How many messages with this Message-ID a mailbox holds in its INBOX. */
    long count(String address, String messageId) {
        return messages(address, "INBOX").stream().filter(m -> {
            try {
                return messageId.equals(m.getMimeMessage().getMessageID());
            } catch (jakarta.mail.MessagingException e) {
                return false;
            }
        }).count();
    }

    @Override
    public void close() {
        connection.close();
        front.close();
        mail.stop();
        dmpSimulator.close();
        pki.close();
    }
}
