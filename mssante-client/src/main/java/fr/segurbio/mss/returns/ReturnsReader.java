package fr.segurbio.mss.returns;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Properties;
import java.util.function.Consumer;

import fr.segurbio.core.Problem;
import fr.segurbio.mss.MssError;
import fr.segurbio.mss.MssException;
import fr.segurbio.mss.mail.MssClient;
import jakarta.mail.FetchProfile;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.UIDFolder;
import jakarta.mail.internet.MimeMessage;

/**
 * Reads the returns that arrived on the mailbox since the last reading, over IMAP: only UIDs after the
 * checkpoint are asked for, page by page (the folder is re-opened between pages so that memory stays bounded
 * however large the mailbox), only the messages whose structure is a report or whose subject is a KO are
 * downloaded, and the folder is opened read-only (nothing is marked, moved or deleted).
 *
 * <pre>{@code
 * ReturnsReader reader = ReturnsReader.of(client);
 * FetchSummary s = reader.fetch(tracker.checkpoint(), tracker::apply);
 * tracker.checkpoint(s.checkpoint());
 * }</pre>
 */
public final class ReturnsReader {

    /** Default page size (UIDs per IMAP FETCH). */
    public static final int DEFAULT_PAGE = 500;
    /** Default largest return downloaded (an MDN carries the original and its attachments). */
    public static final long DEFAULT_MAX_MESSAGE_BYTES = 48L * 1024 * 1024;

    private static final Session PARSING = Session.getInstance(new Properties());

    private final MssClient client;
    private final int pageSize;
    private final long maxMessageBytes;
    private final ReturnParser parser = ReturnParser.create();

    private ReturnsReader(MssClient client, int pageSize, long maxMessageBytes) {
        this.client = Objects.requireNonNull(client, "client");
        if (pageSize < 1 || maxMessageBytes < 1) {
            throw new IllegalArgumentException("page size and message limit must be positive");
        }
        this.pageSize = pageSize;
        this.maxMessageBytes = maxMessageBytes;
    }

    /**
     * A reader with the default page size and message limit.
     *
     * @param client the client of the mailbox
     * @return the reader
     */
    public static ReturnsReader of(MssClient client) {
        return new ReturnsReader(client, DEFAULT_PAGE, DEFAULT_MAX_MESSAGE_BYTES);
    }

    /**
     * A reader with a page size and a message limit.
     *
     * @param client the client of the mailbox
     * @param pageSize UIDs per page
     * @param maxMessageBytes the largest return downloaded (larger ones are reported as problems)
     * @return the reader
     */
    public static ReturnsReader of(MssClient client, int pageSize, long maxMessageBytes) {
        return new ReturnsReader(client, pageSize, maxMessageBytes);
    }

    /**
     * Reads the INBOX after a checkpoint.
     *
     * @param since where the last reading stopped ({@link Checkpoint#START} the first time)
     * @param returns receives each return, in UID order
     * @return the new checkpoint and counts
     * @throws MssException {@code MSS-2xx} when the mailbox cannot be opened or read
     */
    public FetchSummary fetch(Checkpoint since, Consumer<ReturnMessage> returns) {
        Objects.requireNonNull(since, "since");
        Objects.requireNonNull(returns, "returns");
        List<Problem> problems = new ArrayList<>();
        long scanned = 0;
        long found = 0;
        try (Store store = client.openStore()) {
            Folder folder = store.getFolder("INBOX");
            folder.open(Folder.READ_ONLY);
            UIDFolder uids = (UIDFolder) folder;
            long validity = uids.getUIDValidity();
            long last = validity == since.uidValidity() ? since.lastUid() : 0;
            long end = uids.getUIDNext() - 1;
            if (end < 0) {
                int count = folder.getMessageCount();
                end = count == 0 ? 0 : uids.getUID(folder.getMessage(count));
            }
            FetchProfile profile = new FetchProfile();
            profile.add(FetchProfile.Item.ENVELOPE);
            profile.add(FetchProfile.Item.CONTENT_INFO);
            profile.add(FetchProfile.Item.SIZE);
            profile.add(UIDFolder.FetchProfileItem.UID);
            while (last < end) {
                long to = Math.min(last + pageSize, end);
                Message[] page = uids.getMessagesByUID(last + 1, to);
                folder.fetch(page, profile);
                for (Message m : page) {
                    if (m == null) {
                        continue;
                    }
                    long uid = uids.getUID(m);
                    scanned++;
                    if (isCandidate(m)) {
                        try {
                            for (ReturnMessage r : read(m, uid)) {
                                returns.accept(r);
                                found++;
                            }
                        } catch (MssException e) {
                            e.problems().forEach(p -> problems.add(p.under("uid " + uid)));
                        }
                    }
                }
                last = to;
                // re-open the folder: Jakarta Mail keeps every message object of an open folder
                folder.close(false);
                folder.open(Folder.READ_ONLY);
                if (uids.getUIDValidity() != validity) {
                    throw new MssException(MssError.MAILBOX_READ_FAILED, client.mailbox(),
                            "UIDVALIDITY changed during the reading");
                }
            }
            folder.close(false);
            return new FetchSummary(new Checkpoint(validity, last), scanned, found, problems);
        } catch (MessagingException e) {
            throw new MssException(e, MssError.MAILBOX_READ_FAILED, client.mailbox(), e.getMessage());
        }
    }

    private static boolean isCandidate(Message m) throws MessagingException {
        if (m.isMimeType("multipart/report")) {
            return true;
        }
        String subject = m.getSubject();
        return subject != null && subject.contains("[KO Int");
    }

    private List<ReturnMessage> read(Message m, long uid) throws MessagingException {
        if (m.getSize() > maxMessageBytes) {
            throw new MssException(MssError.BAD_MDN, "message of " + m.getSize() + " bytes over the limit of "
                    + maxMessageBytes);
        }
        ByteArrayOutputStream raw = new ByteArrayOutputStream(Math.max(1024, m.getSize()));
        try {
            m.writeTo(raw);
        } catch (IOException e) {
            throw new MssException(e, MssError.MAILBOX_READ_FAILED, client.mailbox(), "uid " + uid + ": " + e.getMessage());
        }
        return parser.parse(new MimeMessage(PARSING, new ByteArrayInputStream(raw.toByteArray())));
    }
}
