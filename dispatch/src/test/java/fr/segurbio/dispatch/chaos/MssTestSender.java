package fr.segurbio.dispatch.chaos;

import fr.segurbio.cda.CrBioReport;
import fr.segurbio.cda.WrittenDocument;
import fr.segurbio.cda.xds.XdsProjection;
import fr.segurbio.dispatch.ChannelSender;
import fr.segurbio.dispatch.SendFailure;
import fr.segurbio.dispatch.journal.Channel;
import fr.segurbio.dispatch.journal.SendingKey;
import fr.segurbio.dispatch.journal.StoredPublication;
import fr.segurbio.mss.MailAddress;
import fr.segurbio.mss.MssException;
import fr.segurbio.mss.MssMessage;
import fr.segurbio.mss.mail.MssClient;
import fr.segurbio.mss.mail.SubmissionResult;
import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Store;
import jakarta.mail.search.HeaderTerm;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.function.Function;

/**
 * An MSSanté channel of the reliability tests (professional or patient), through mssante-client's
 * {@link MssClient} against GreenMail behind testkit's operator front. The remote id is a Message-ID derived from
 * the sending's key. The lab's own mailbox is a recipient of every message, in the same SMTP transaction as the
 * real recipient: that copy is the operator's acceptance record, so "already done" is an IMAP search of the lab's
 * mailbox for the Message-ID. A recipient refused with a temporary code while the lab's copy went through has that
 * copy removed before the sending is retried.
 */
public final class MssTestSender implements ChannelSender {

    private final Channel channel;
    private final MssClient client;
    private final Function<String, CrBioReport> reports;

    /**
     * @param channel {@link Channel#MSSANTE_PROFESSIONAL} or {@link Channel#MSSANTE_PATIENT}
     * @param client the lab mailbox's client
     * @param reports the report behind a report id
     */
    public MssTestSender(Channel channel, MssClient client, Function<String, CrBioReport> reports) {
        if (channel != Channel.MSSANTE_PROFESSIONAL && channel != Channel.MSSANTE_PATIENT) {
            throw new IllegalArgumentException("an MSSanté channel is expected: " + channel);
        }
        this.channel = channel;
        this.client = client;
        this.reports = reports;
    }

    @Override
    public Channel channel() {
        return channel;
    }

    @Override
    public String remoteIds(SendingKey key, StoredPublication p) {
        return messageId(key);
    }

    /**
     * The Message-ID of a sending: the same for every attempt.
     *
     * @param key the sending
     * @return {@code <hash@labo.mssante.fr>}
     */
    public static String messageId(SendingKey key) {
        try {
            byte[] h = MessageDigest.getInstance("SHA-256").digest((key.reportId() + "|" + key.reportVersion()
                    + "|" + key.channel() + "|" + key.recipient()).getBytes(StandardCharsets.UTF_8));
            return "<" + HexFormat.of().formatHex(h, 0, 16) + "." + key.reportVersion() + "@labo.mssante.fr>";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public boolean alreadyDone(SendingKey key, StoredPublication p, String remoteIds) {
        return withLabCopies(remoteIds, false) > 0;
    }

    @Override
    public String send(SendingKey key, StoredPublication p, String remoteIds) {
        CrBioReport r = reports.apply(key.reportId());
        byte[] n3 = p.document("n3");
        byte[] n1 = p.document("n1");
        MssMessage.Builder m = MssMessage.builder().from(client.mailbox().address())
                .report(r, new WrittenDocument(n3, XdsProjection.n3(r, n3)),
                        new WrittenDocument(n1, XdsProjection.n1(r, n1)), p.document("pdf"))
                .sourceId("1.2.250.1.213.1.1.9").messageId(remoteIds);
        if (channel == Channel.MSSANTE_PATIENT) {
            m.toPatient(r.patient(), false);
        } else {
            m.to(key.recipient());
        }
        m.to(client.mailbox().address());
        SubmissionResult result;
        try {
            result = client.send(m.build());
        } catch (MssException e) {
            throw SendFailure.of(true, e.code().id(), e.getMessage(), e);
        }
        SubmissionResult.Outcome o = result.recipients().get(MailAddress.of(key.recipient()));
        if (o == null || o.accepted()) {
            return "250 accepted " + result.messageId();
        }
        boolean permanent = o.replyCode() >= 500 && o.replyCode() < 600;
        if (!permanent && result.recipients().get(client.mailbox()).accepted()) {
            withLabCopies(remoteIds, true);
        }
        throw SendFailure.of(!permanent, "MSS-207", o.replyCode() + " " + o.reply(), null);
    }

    /** Counts (and optionally deletes) the lab's copies of a message. */
    private int withLabCopies(String messageId, boolean delete) {
        try (Store store = client.openStore()) {
            Folder inbox = store.getFolder("INBOX");
            inbox.open(delete ? Folder.READ_WRITE : Folder.READ_ONLY);
            try {
                Message[] found = inbox.search(new HeaderTerm("Message-ID", messageId));
                if (delete) {
                    for (Message f : found) {
                        f.setFlag(Flags.Flag.DELETED, true);
                    }
                }
                return found.length;
            } finally {
                inbox.close(delete);
            }
        } catch (MessagingException | MssException e) {
            throw SendFailure.of(true, "MSS-208", "search of the lab's mailbox: " + e, e);
        }
    }
}
