package fr.segurbio.dispatch.chaos;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.icegreen.greenmail.store.MailFolder;
import com.icegreen.greenmail.store.StoredMessage;
import com.icegreen.greenmail.user.GreenMailUser;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import fr.segurbio.testkit.ConformanceMaterial;
import fr.segurbio.testkit.TestPki;
import fr.segurbio.testkit.dmp.DmpDocument;
import fr.segurbio.testkit.dmp.DmpSimulator;
import fr.segurbio.testkit.mss.MssOperatorFront;
import com.icegreen.greenmail.imap.AuthorizationException;
import com.icegreen.greenmail.imap.ImapHostManager;
import com.icegreen.greenmail.store.FolderException;
import jakarta.mail.Flags;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.util.Date;
import java.util.Properties;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * The remote side of the reliability tests, in this JVM on loopback: testkit's DMP simulator (mutual TLS with
 * {@link TestPki} certificates, the official schemas of {@code ../shared/conformance}), and GreenMail behind
 * testkit's MSSanté operator front, with a {@link SmtpFaultProxy} between the two. The counts of the assertions
 * are read from the simulator's store and the mail server's store, never from the client.
 */
public final class Simulators implements AutoCloseable {

    /** The sent folder. */
    public static final String SENT = "Sent";

    /** The PKI (its files in the folder given). */
    public final TestPki pki;
    /** The DMP. */
    public final DmpSimulator dmp;
    /** The mail store. */
    public final GreenMail mail;
    /** The SMTP faults between the front and the store. */
    public final SmtpFaultProxy smtpFaults;
    /** The operator's front. */
    public final MssOperatorFront front;

    /**
     * Starts everything; skips the test when the conformance material is not there.
     *
     * @param dir a folder for the PKI
     * @param seed the SMTP faults' seed
     * @param operatorFilesCopies whether the operator files every accepted message in its sender's
     *        {@value #SENT} folder itself, in the same step as the acceptance
     * @param frontConfig changes to the front (e.g. refused recipients)
     */
    public Simulators(Path dir, long seed, boolean operatorFilesCopies,
            UnaryOperator<MssOperatorFront.Builder> frontConfig) {
        Optional<Path> shared = ConformanceMaterial.find("");
        assumeTrue(shared.isPresent(), ConformanceMaterial.missing(""));
        this.pki = TestPki.create(dir);
        this.dmp = DmpSimulator.builder(pki).conformance(shared.get()).unknownPatientsHaveDmp(true)
                .logBodyLimit(2_000).start();
        ChaosReports.PATIENTS.forEach(dmp::patient);
        this.mail = new GreenMail(new ServerSetup[] {new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP),
            new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_IMAP)});
        mail.start();
        mail.setUser(ChaosReports.LAB, ChaosReports.LAB, "store-lab");
        for (String box : ChaosReports.mailboxes()) {
            mail.setUser(box, box, "store-" + box.hashCode());
        }
        try {
            this.smtpFaults = new SmtpFaultProxy(mail.getSmtp().getPort(), seed);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (operatorFilesCopies) {
            smtpFaults.filer(this::file);
        }
        this.front = frontConfig.apply(MssOperatorFront.builder(pki.serverIdentity(), pki.trustAnchors())
                .store(mail).smtpBackend(smtpFaults.port())
                .applicationMailbox(ChaosReports.LAB, TestPki.ORGANIZATION, "store-lab")).start();
    }

    /**
     * What the lab side needs to reach them ({@link SimulatorClients#of}).
     *
     * @return the settings
     */
    public Map<String, String> clientSettings() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put(SimulatorClients.DMP, dmp.baseUri().toString());
        m.put(SimulatorClients.SMTP, Integer.toString(front.smtpPort()));
        m.put(SimulatorClients.IMAP, Integer.toString(front.imapPort()));
        m.put(SimulatorClients.AUTH, pki.orgAuthCli().pkcs12().toString());
        m.put(SimulatorClients.SIGN, pki.orgSign().pkcs12().toString());
        m.put(SimulatorClients.PASSWORD, new String(pki.orgAuthCli().password()));
        m.put(SimulatorClients.TRUST, pki.trustAnchorsPem().toString());
        return m;
    }

    /**
     * How many times each N3 and N1 uniqueId is stored in the DMP, over every patient.
     *
     * @return uniqueId to count (signature documents left out)
     */
    public Map<String, Integer> dmpDocuments() {
        Map<String, Integer> count = new HashMap<>();
        for (String p : ChaosReports.PATIENTS) {
            for (DmpDocument d : dmp.documents(p)) {
                if (d.kind() == DmpDocument.Kind.N3 || d.kind() == DmpDocument.Kind.N1) {
                    count.merge(d.uniqueId(), 1, Integer::sum);
                }
            }
        }
        return count;
    }

    /**
     * How many times each Message-ID is in a mailbox of the store.
     *
     * @param address the mailbox
     * @return Message-ID to count
     */
    public Map<String, Integer> mailbox(String address) {
        Map<String, Integer> count = new HashMap<>();
        try {
            GreenMailUser user = mail.getUserManager().getUserByEmail(address);
            if (user == null) {
                return count;
            }
            MailFolder inbox = mail.getManagers().getImapHostManager().getInbox(user);
            List<StoredMessage> messages = inbox.getMessages();
            for (StoredMessage m : messages) {
                count.merge(m.getMimeMessage().getMessageID(), 1, Integer::sum);
            }
            return count;
        } catch (MessagingException | FolderException e) {
            throw new IllegalStateException(e);
        }
    }

    private synchronized void file(String from, byte[] message) {
        try {
            GreenMailUser user = mail.getUserManager().getUserByEmail(from);
            if (user == null) {
                return;
            }
            ImapHostManager host = mail.getManagers().getImapHostManager();
            MailFolder sent = host.getFolder(user, SENT);
            if (sent == null) {
                sent = host.createMailbox(user, SENT);
            }
            sent.appendMessage(new MimeMessage(Session.getInstance(new Properties()),
                    new ByteArrayInputStream(message)), new Flags(Flags.Flag.SEEN), new Date());
        } catch (MessagingException | FolderException | AuthorizationException e) {
            throw new IllegalStateException("cannot file the copy: " + e, e);
        }
    }

    /**
     * How many times each Message-ID is in a folder of a mailbox of the store.
     *
     * @param address the mailbox
     * @param name the folder, e.g. {@value #SENT}
     * @return Message-ID to count
     */
    public Map<String, Integer> folder(String address, String name) {
        Map<String, Integer> count = new HashMap<>();
        try {
            GreenMailUser user = mail.getUserManager().getUserByEmail(address);
            MailFolder f = user == null ? null : mail.getManagers().getImapHostManager().getFolder(user, name);
            if (f == null) {
                return count;
            }
            for (StoredMessage m : f.getMessages()) {
                count.merge(m.getMimeMessage().getMessageID(), 1, Integer::sum);
            }
            return count;
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        front.close();
        smtpFaults.close();
        mail.stop();
        dmp.close();
    }
}
