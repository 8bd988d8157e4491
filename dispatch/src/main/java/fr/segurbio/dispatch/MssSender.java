package fr.segurbio.dispatch;

import fr.segurbio.core.SegurException;
import fr.segurbio.dispatch.journal.Channel;
import fr.segurbio.dispatch.journal.SendingKey;
import fr.segurbio.dispatch.journal.StoredPublication;
import fr.segurbio.mss.MssError;
import fr.segurbio.mss.MssException;
import fr.segurbio.mss.MssMessage;
import fr.segurbio.mss.mail.MssClient;
import fr.segurbio.mss.mail.SubmissionResult;
import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.search.HeaderTerm;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Properties;
import javax.net.ssl.SSLException;

/**
 * The MSSanté channels on mssante-client's {@link MssClient}: one message per recipient (a professional, or the
 * patient's Mon espace santé mailbox from the qualified INS in the N3), carrying the N3 and the N1 in
 * {@code IHE_XDM.ZIP} and the PDF beside it; a new version says in its text which version it replaces.
 *
 * <p>Exactly once: the Message-ID is derived from the sending's key alone ({@link #messageId}), recorded by the
 * dispatcher before the submission. Once the server accepted the message, a copy is filed in the lab mailbox's
 * sent folder over IMAP (what a mail client does; turn it off with {@link #fileCopies(boolean) fileCopies(false)}
 * for an operator that files submitted messages itself); after a lost answer or a crash, {@link #alreadyDone}
 * searches that folder for the Message-ID. Errors: a refused certificate or authentication, an address refused
 * with a 5xx, a patient without a qualified INS are permanent; a connection refused or dropped, a timeout, an
 * SMTP 4xx are retried.
 *
 * <p>The sender keeps its SMTP and IMAP connections open between sendings (a few per protocol, each idle at most
 * 20 s, checked by a {@code NOOP} before it is used again): each message does not pay two mutual-TLS handshakes and
 * an IMAP login. {@link #close()} closes them.
 *
 * <pre>{@code
 * Dispatcher d = Dispatcher.builder(journal)
 *         .sender(MssSender.professionals(mssClient, "1.2.250.1.213.1.1.9"))
 *         .sender(MssSender.patient(mssClient, "1.2.250.1.213.1.1.9"))
 *         .build();
 * // ... and when the dispatcher stops: each MssSender's close()
 * }</pre>
 */
public final class MssSender implements ChannelSender, AutoCloseable {

    /** The default folder where copies of the sent messages are filed and looked for. */
    public static final String SENT_FOLDER = "Sent";

    private static final Session PARSING = Session.getInstance(new Properties());

    private final MssClient client;
    private final Channel channel;
    private final String sourceId;
    private final String sentFolder;
    private final boolean fileCopies;
    /** The SMTP and IMAP connections kept open between sendings; shared by the senders derived from this one. */
    private final MssConnections connections;

    private MssSender(MssClient client, Channel channel, String sourceId, String sentFolder, boolean fileCopies,
            MssConnections connections) {
        this.client = Objects.requireNonNull(client, "client");
        this.connections = connections;
        this.channel = channel;
        this.sourceId = Objects.requireNonNull(sourceId, "sourceId");
        this.sentFolder = Objects.requireNonNull(sentFolder, "sentFolder");
        this.fileCopies = fileCopies;
    }

    /**
     * The sender of {@link Channel#MSSANTE_PROFESSIONAL}: the recipient is the key's address.
     *
     * @param client the client of the lab's mailbox
     * @param sourceId the lab's OID, source of the XDM submission set
     * @return the sender
     */
    public static MssSender professionals(MssClient client, String sourceId) {
        return new MssSender(client, Channel.MSSANTE_PROFESSIONAL, sourceId, SENT_FOLDER, true,
                new MssConnections(client));
    }

    /**
     * The sender of {@link Channel#MSSANTE_PATIENT}: the recipient is {@code <INS>@patient.mssante.fr}, from the
     * qualified INS of the N3.
     *
     * @param client the client of the lab's mailbox
     * @param sourceId the lab's OID, source of the XDM submission set
     * @return the sender
     */
    public static MssSender patient(MssClient client, String sourceId) {
        return new MssSender(client, Channel.MSSANTE_PATIENT, sourceId, SENT_FOLDER, true,
                new MssConnections(client));
    }

    /**
     * The same sender with another sent folder.
     *
     * @param folder the IMAP folder name (e.g. {@code "Envoyés"})
     * @return a new sender
     */
    public MssSender sentFolder(String folder) {
        return new MssSender(client, channel, sourceId, folder, fileCopies, connections);
    }

    /**
     * The same sender, filing (or not) a copy of each accepted message in the sent folder.
     *
     * @param on false when the operator files submitted messages itself
     * @return a new sender
     */
    public MssSender fileCopies(boolean on) {
        return new MssSender(client, channel, sourceId, sentFolder, on, connections);
    }

    @Override
    public Channel channel() {
        return channel;
    }

    /**
     * The Message-ID of a sending: the same for every attempt, different for every report version, channel and
     * recipient, in the lab mailbox's domain.
     *
     * @param key the sending
     * @param mailboxDomain the domain of the sending mailbox
     * @return {@code <hex.segur@domain>}
     */
    public static String messageId(SendingKey key, String mailboxDomain) {
        try {
            byte[] h = MessageDigest.getInstance("SHA-256").digest((key.reportId() + "\n" + key.reportVersion()
                    + "\n" + key.channel() + "\n" + key.recipient().toLowerCase(Locale.ROOT))
                    .getBytes(StandardCharsets.UTF_8));
            return "<" + HexFormat.of().formatHex(h, 0, 20) + ".segur@" + mailboxDomain + ">";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public String remoteIds(SendingKey key, StoredPublication publication) {
        return messageId(key, client.mailbox().domain());
    }

    @Override
    public boolean alreadyDone(SendingKey key, StoredPublication publication, String remoteIds) {
        try (Store store = openStore()) {
            Folder folder = store.getFolder(sentFolder);
            if (!folder.exists()) {
                return false;
            }
            folder.open(Folder.READ_ONLY);
            try {
                return folder.search(new HeaderTerm("Message-ID", remoteIds)).length > 0;
            } finally {
                folder.close(false);
            }
        } catch (MessagingException e) {
            throw SendFailure.of(true, MssError.MAILBOX_READ_FAILED.id(), "sent folder " + sentFolder + ": "
                    + e.getMessage(), e);
        }
    }

    @Override
    public String send(SendingKey key, StoredPublication publication, String remoteIds) {
        StoredDocuments d = StoredDocuments.of(publication);
        MssMessage message;
        try {
            MssMessage.Builder b = MssMessage.builder().from(client.mailbox().address())
                    .report(d.report, d.n3, d.n1, d.pdf).sourceId(sourceId).messageId(remoteIds);
            if (channel == Channel.MSSANTE_PATIENT) {
                if (d.ins().isEmpty()) {
                    throw SendFailure.permanent(DispatchError.NO_QUALIFIED_INS.id(),
                            DispatchError.NO_QUALIFIED_INS.englishTemplate());
                }
                b.toPatient(d.report.patient(), false);
            } else {
                b.to(key.recipient());
            }
            String replaces = publication.property(Publication.REPLACES);
            if (replaces != null) {
                b.body(replacementBody(d, replaces));
            }
            message = b.build();
        } catch (SegurException e) {
            throw SendFailure.of(false, e.code().id(), e.getMessage(), e);
        }
        SubmissionResult r;
        try {
            r = connections.send(message);
        } catch (MssException e) {
            throw failure(e);
        }
        if (!r.refused().isEmpty()) {
            SubmissionResult.Outcome o = r.refused().values().iterator().next();
            throw SendFailure.of(o.temporary() || o.replyCode() == 0, MssError.RECIPIENT_REFUSED.id(),
                    "SMTP " + o.replyCode() + " " + o.reply(), null);
        }
        if (fileCopies) {
            fileCopy(message);
        }
        return "accepté par le serveur / accepted by the server, Message-ID " + r.messageId();
    }

    private static String replacementBody(StoredDocuments d, String replaced) {
        String patient = d.report.patient().displayName();
        return "Bonjour,\r\n\r\nCe compte rendu d'examens biologiques de " + patient + " (version "
                + d.report.version() + ") ANNULE ET REMPLACE la version " + replaced
                + " envoyée précédemment (archive IHE_XDM.ZIP : CDA structuré et CDA PDF ; copie PDF jointe).\r\n\r\n"
                + "This lab report (version " + d.report.version() + ") replaces version " + replaced
                + " sent earlier.\r\n";
    }

    private void fileCopy(MssMessage message) {
        try {
            connections.withStore((store, known) -> {
                Folder folder = store.getFolder(sentFolder);
                if (!known && !folder.exists()) {
                    folder.create(Folder.HOLDS_MESSAGES);
                }
                MimeMessage copy = new MimeMessage(PARSING, new ByteArrayInputStream(message.toBytes()));
                copy.setFlag(Flags.Flag.SEEN, true);
                try {
                    folder.appendMessages(new Message[] {copy});
                } catch (MessagingException e) {
                    if (!known || folder.exists()) {
                        throw e;
                    }
                    // the folder was removed since this connection saw it
                    folder.create(Folder.HOLDS_MESSAGES);
                    folder.appendMessages(new Message[] {copy});
                }
                return true;
            });
        } catch (MessagingException | MssException e) {
            // accepted by the server: the sending is done; only the record of it could not be filed
            org.slf4j.LoggerFactory.getLogger(MssSender.class).warn(
                    "dispatch: {} accepted but not filed in {}: {}", message.messageId(), sentFolder, e.toString());
        }
    }

    /**
     * Closes the SMTP and IMAP connections kept open between sendings (shared with the senders made from this one
     * by {@link #sentFolder} and {@link #fileCopies}); call it when the dispatcher is closed. A sender keeps at most
     * a few connections per protocol, each idle for at most 20 s.
     */
    @Override
    public void close() {
        connections.close();
    }

    private Store openStore() {
        try {
            return client.openStore();
        } catch (MssException e) {
            throw failure(e);
        }
    }

    /**
     * How an MSSanté error is retried: a connection refused, dropped or timed out may go away; a refused client
     * certificate, a refused authentication, a refused STARTTLS, a bad address or message will not.
     *
     * @param e the client's error
     * @return the failure, with the client's code and text
     */
    public static SendFailure failure(MssException e) {
        boolean retryable;
        if (e.code() instanceof MssError code) {
            retryable = switch (code) {
                case CONNECTION_FAILED, MAILBOX_READ_FAILED, ANNUAIRE_RATE_LIMITED -> true;
                case TLS_FAILED -> !certificateRefused(e);
                default -> false;
            };
        } else {
            retryable = false;
        }
        return SendFailure.of(retryable, e.code().id(), e.getMessage(), e);
    }

    /** Whether a TLS failure is a refused or untrusted certificate rather than a dropped connection. */
    private static boolean certificateRefused(Throwable e) {
        List<String> words = List.of("certificate", "unknown_ca", "pkix", "handshake_failure", "access_denied");
        for (Throwable c = e; c != null; ) {
            String m = String.valueOf(c.getMessage()).toLowerCase(Locale.ROOT);
            if (c instanceof SSLException && words.stream().anyMatch(m::contains)) {
                return true;
            }
            Throwable next = c instanceof MessagingException me && me.getNextException() != null
                    && me.getCause() == null ? me.getNextException() : c.getCause();
            c = next == c ? null : next;
        }
        return false;
    }
}
