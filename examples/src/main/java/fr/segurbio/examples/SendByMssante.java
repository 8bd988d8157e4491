package fr.segurbio.examples;

import com.icegreen.greenmail.store.StoredMessage;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import fr.segurbio.cda.CrBioReport;
import fr.segurbio.cda.CrBioWriter;
import fr.segurbio.cda.WrittenDocument;
import fr.segurbio.cda.pdf.CrBioPdfRenderer;
import fr.segurbio.mss.MailAddress;
import fr.segurbio.mss.MssMessage;
import fr.segurbio.mss.mail.Endpoint;
import fr.segurbio.mss.mail.MssClient;
import fr.segurbio.mss.mail.OperatorSettings;
import fr.segurbio.mss.mail.SubmissionResult;
import fr.segurbio.mss.mail.TlsMode;
import fr.segurbio.mss.returns.DeliveryTracker;
import fr.segurbio.mss.returns.FetchSummary;
import fr.segurbio.mss.returns.MdnBuilder;
import fr.segurbio.mss.returns.Reception;
import fr.segurbio.mss.returns.RecipientStatus;
import fr.segurbio.mss.returns.ReturnsReader;
import fr.segurbio.mss.xdm.XdmPackage;
import fr.segurbio.testkit.TestIdentity;
import fr.segurbio.testkit.TestPki;
import fr.segurbio.testkit.mss.MssOperatorFront;
import fr.segurbio.transport.ServiceConnection;
import fr.segurbio.transport.TrustStore;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.Set;

/**
 * Sends a lab report by MSSanté to the prescriber and to the patient, then reads the returns — against a real
 * SMTP/IMAP server (GreenMail) behind the testkit's operator front, which requires the lab's client certificate.
 *
 * <p>Shows: the message built from the report's documents (subject convention, {@code X-MSS-*} headers, the N3
 * and N1 in {@code IHE_XDM.ZIP}, the PDF beside it, the patient's address from the qualified INS); the client
 * over the lab's {@link ServiceConnection} (certificate, IGC-Santé trust, timeouts, audit); the receiving side
 * checking the archive and answering an MDN; the lab reading its mailbox since the last reading and seeing a
 * status per recipient.
 *
 * <pre>
 * mvn -q -pl examples compile exec:java -Dexec.mainClass=fr.segurbio.examples.SendByMssante
 * </pre>
 */
public final class SendByMssante {

    /** The lab's application mailbox. */
    public static final String LAB = "labo.charmes@labo.mssante.fr";
    /** The prescriber's mailbox. */
    public static final String DOCTOR = "dr.martin@medecin.mssante.fr";

    private SendByMssante() {
    }

    /**
     * What the example did.
     *
     * @param submission the server's answer per recipient
     * @param atDoctor the archive the prescriber's system read and checked
     * @param statuses each recipient's status after the returns were read
     */
    public record Outcome(SubmissionResult submission, XdmPackage atDoctor, Map<String, RecipientStatus> statuses) {
    }

    /**
     * Sends the report of {@link BuildLabReport} and reads its returns.
     *
     * @return what happened
     */
    public static Outcome run() {
        CrBioReport report = BuildLabReport.report();
        byte[] pdf = CrBioPdfRenderer.create().renderWithWarnings(report).pdf();
        WrittenDocument n3 = CrBioWriter.standard().n3(report, pdf);
        WrittenDocument n1 = CrBioWriter.standard().n1(report, pdf);

        GreenMail store = new GreenMail(new ServerSetup[] {
            new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP),
            new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_IMAP)});
        store.start();
        store.setUser(LAB, LAB, "store-lab");
        store.setUser(DOCTOR, DOCTOR, "store-dr");
        try (TestPki pki = TestPki.create();
             MssOperatorFront operator = MssOperatorFront.builder(pki.serverIdentity(), pki.trustAnchors())
                     .store(store)
                     .applicationMailbox(LAB, TestPki.ORGANIZATION, "store-lab")   // opened by the lab's certificate
                     .start()) {
            TestIdentity certificate = pki.orgAuthCli();   // the lab's ORG AUTH_CLI certificate
            try (ServiceConnection connection = ServiceConnection.builder()
                    .certificate(certificate.pkcs12(), certificate.password())
                    .trustStore(TrustStore.of(pki.trustAnchors()))
                    .connectTimeout(Duration.ofSeconds(5)).responseTimeout(Duration.ofSeconds(20))
                    .build()) {
                // In production: OperatorSettings.fromAutoConfig(file, Set.of("mssante.fr"))
                OperatorSettings settings = OperatorSettings.builder().domains(Set.of("localhost"))
                        .smtp(new Endpoint("localhost", operator.smtpPort(), TlsMode.IMPLICIT))
                        .imap(new Endpoint("localhost", operator.imapPort(), TlsMode.IMPLICIT)).build();
                MssClient client = MssClient.builder().operator(settings).mailbox(LAB).connection(connection).build();

                // 1. Send to the prescriber and to the patient (qualified INS: <INS>@patient.mssante.fr)
                MssMessage message = MssMessage.builder().from(LAB).to(DOCTOR)
                        .toPatient(report.patient(), false)
                        .report(report, n3, n1, pdf).sourceId("1.2.250.1.213.1.1.9").build();
                SubmissionResult sent = client.send(message);
                DeliveryTracker tracker = DeliveryTracker.create();
                tracker.record(message.subject(), sent);
                System.out.println("Envoyé / sent: " + message.subject() + " " + message.messageId());

                // 2. The prescriber's system checks the archive and answers an MDN
                MimeMessage received = copy(inbox(store, DOCTOR).stream()
                        .map(StoredMessage::getMimeMessage).filter(m -> message.messageId().equals(id(m)))
                        .findFirst().orElseThrow());
                Reception reception = Reception.of(received);
                MimeMessage mdn = MdnBuilder.from(DOCTOR).build(received, reception);
                store.getUserManager().getUserByEmail(LAB).deliver(copy(mdn));

                // 3. The lab reads the returns since its last reading
                FetchSummary fetched = ReturnsReader.of(client).fetch(tracker.checkpoint(), tracker::apply);
                tracker.checkpoint(fetched.checkpoint());
                Map<String, RecipientStatus> statuses = new LinkedHashMap<>();
                tracker.status(message.messageId()).orElseThrow().recipients().forEach((MailAddress a, DeliveryTracker.Entry e) -> {
                    statuses.put(a.address(), e.status());
                    System.out.println("  " + a.address() + " : " + e.status());
                });
                return new Outcome(sent, reception.xdm().orElseThrow(), statuses);
            }
        } finally {
            store.stop();
        }
    }

    private static java.util.List<StoredMessage> inbox(GreenMail store, String address) {
        try {
            return store.getManagers().getImapHostManager().getInbox(store.getUserManager().getUserByEmail(address))
                    .getMessages();
        } catch (com.icegreen.greenmail.store.FolderException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String id(MimeMessage m) {
        try {
            return m.getMessageID();
        } catch (MessagingException e) {
            return null;
        }
    }

    private static MimeMessage copy(MimeMessage m) {
        try {
            ByteArrayOutputStream raw = new ByteArrayOutputStream();
            m.writeTo(raw);
            return new MimeMessage(Session.getInstance(new Properties()), new ByteArrayInputStream(raw.toByteArray()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Runs the example.
     *
     * @param args none
     */
    public static void main(String[] args) {
        run();
    }
}
