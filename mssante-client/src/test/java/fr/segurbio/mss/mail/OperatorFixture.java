package fr.segurbio.mss.mail;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.function.UnaryOperator;

import com.icegreen.greenmail.store.MailFolder;
import com.icegreen.greenmail.store.StoredMessage;
import com.icegreen.greenmail.user.GreenMailUser;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;

import fr.segurbio.testkit.TestPki;
import fr.segurbio.testkit.mss.MssOperatorFront;
import fr.segurbio.transport.ServiceConnection;
import fr.segurbio.transport.SoftwareCertificate;
import fr.segurbio.transport.TrustStore;

/**
 * A real MSSanté operator on loopback for the tests: GreenMail (plain SMTP + IMAP store) behind testkit's
 * {@link MssOperatorFront} (TLS with a required client certificate, SASL), with the lab's application mailbox
 * (opened by the {@code LABO BIO TEST} certificate), a biologist's personal mailbox (opened by a PSC token) and
 * recipients' mailboxes.
 */
public final class OperatorFixture implements AutoCloseable {

    /** The lab's application mailbox. */
    public static final String LAB = "labo.charmes@labo.mssante.fr";
    /** A biologist's personal mailbox. */
    public static final String BIOLOGIST = "marcel.camparini@biologiste.mssante.fr";
    /** The prescriber. */
    public static final String DOCTOR = "dr.martin@medecin.mssante.fr";
    /** The token the front accepts for the biologist. */
    public static final String TOKEN = "psc-access-token-1";

    public final TestPki pki;
    public final GreenMail greenMail;
    public final MssOperatorFront front;
    /** The lab's service connection: its certificate, the test PKI's CAs, short timeouts. */
    public final ServiceConnection connection;

    /**
     * Starts GreenMail and the front.
     *
     * @param pki the PKI
     * @param configure changes to the front's default configuration
     */
    public OperatorFixture(TestPki pki, UnaryOperator<MssOperatorFront.Builder> configure) {
        this.pki = pki;
        this.greenMail = new GreenMail(new ServerSetup[] {
            new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP),
            new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_IMAP)});
        greenMail.start();
        greenMail.setUser(LAB, LAB, "store-lab");
        greenMail.setUser(BIOLOGIST, BIOLOGIST, "store-bio");
        greenMail.setUser(DOCTOR, DOCTOR, "store-dr");
        this.connection = ServiceConnection.builder()
                .certificate(SoftwareCertificate.pkcs12(pki.orgAuthCli().pkcs12(), pki.orgAuthCli().password()).load())
                .trustStore(TrustStore.of(pki.trustAnchors())).connectTimeout(Duration.ofSeconds(5))
                .responseTimeout(Duration.ofSeconds(10)).build();
        this.front = configure.apply(MssOperatorFront.builder(pki.serverIdentity(), pki.trustAnchors())
                .store(greenMail)
                .applicationMailbox(LAB, TestPki.ORGANIZATION, "store-lab")
                .personalMailbox(BIOLOGIST, TOKEN, "store-bio")).start();
    }

    /**
     * The operator's settings as a client sees them (host {@code localhost}, allowed explicitly).
     *
     * @param smtpTls SMTP's TLS mode (the front must match)
     * @param imapTls IMAP's TLS mode
     * @return the settings
     */
    public OperatorSettings settings(TlsMode smtpTls, TlsMode imapTls) {
        return OperatorSettings.builder().domains(Set.of("localhost"))
                .smtp(new Endpoint("localhost", front.smtpPort(), smtpTls))
                .imap(new Endpoint("localhost", front.imapPort(), imapTls)).build();
    }

    /**
     * A client of the lab's application mailbox with the lab's certificate.
     *
     * @return the builder, implicit TLS
     */
    public MssClient.Builder labClient() {
        return MssClient.builder().operator(settings(TlsMode.IMPLICIT, TlsMode.IMPLICIT)).mailbox(LAB)
                .connection(connection);
    }

    /**
     * The messages in a mailbox of the store (read from GreenMail's store, not from the client).
     *
     * @param address the mailbox
     * @return the stored messages
     */
    public List<StoredMessage> inbox(String address) {
        try {
            GreenMailUser user = greenMail.getUserManager().getUserByEmail(address);
            MailFolder inbox = greenMail.getManagers().getImapHostManager().getInbox(user);
            return inbox.getMessages();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The store's inbox folder of a mailbox.
     *
     * @param address the mailbox
     * @return the folder
     */
    public MailFolder folder(String address) {
        try {
            GreenMailUser user = greenMail.getUserManager().getUserByEmail(address);
            return greenMail.getManagers().getImapHostManager().getInbox(user);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        front.close();
        greenMail.stop();
        connection.close();
    }
}
