package fr.segurbio.mss.returns;

import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.function.Consumer;

import org.eclipse.angus.mail.iap.Response;
import org.eclipse.angus.mail.imap.IMAPFolder;
import org.eclipse.angus.mail.imap.protocol.BODY;
import org.eclipse.angus.mail.imap.protocol.FetchResponse;
import org.eclipse.angus.mail.imap.protocol.IMAPProtocol;
import org.eclipse.angus.mail.imap.protocol.IMAPResponse;
import org.eclipse.angus.mail.imap.protocol.UID;

import fr.segurbio.core.Problem;
import fr.segurbio.mss.MssError;
import fr.segurbio.mss.MssException;
import fr.segurbio.mss.mail.MssClient;
import jakarta.mail.Folder;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.UIDFolder;
import jakarta.mail.internet.MimeMessage;

/**
 * Reads the returns that arrived on the mailbox since the last reading, over IMAP, without downloading the
 * mailbox: the folder is opened read-only (nothing is marked, moved or deleted); the UIDs after the checkpoint
 * are searched page by page on the server ({@code UID SEARCH UID a:b OR HEADER Content-Type multipart/report
 * SUBJECT "KO Int"} with {@code SMALLER} the size limit); only the matching messages are downloaded, in
 * batches; a return over the limit is reported, never downloaded. Memory holds at
 * most one batch of returns, however large the mailbox.
 *
 * <pre>{@code
 * ReturnsReader reader = ReturnsReader.of(client);
 * FetchSummary s = reader.fetch(tracker.checkpoint(), tracker::apply);
 * tracker.checkpoint(s.checkpoint());
 * }</pre>
 */
public final class ReturnsReader {

    /** Default page size (UIDs per server search). */
    public static final int DEFAULT_PAGE = 1000;
    /** Returns downloaded per IMAP FETCH. */
    public static final int BATCH = 50;
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
     * @param pageSize UIDs per server search
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
     * @throws MssException {@code MSS-208} when the mailbox cannot be opened or read
     */
    public FetchSummary fetch(Checkpoint since, Consumer<ReturnMessage> returns) {
        Objects.requireNonNull(since, "since");
        Objects.requireNonNull(returns, "returns");
        List<Problem> problems = new ArrayList<>();
        long[] counts = new long[2];
        try (Store store = client.openStore()) {
            IMAPFolder folder = (IMAPFolder) store.getFolder("INBOX");
            folder.open(Folder.READ_ONLY);
            long validity = folder.getUIDValidity();
            long last = validity == since.uidValidity() ? since.lastUid() : 0;
            long end = folder.getUIDNext() - 1;
            if (end < 0) {
                int count = folder.getMessageCount();
                end = count == 0 ? 0 : ((UIDFolder) folder).getUID(folder.getMessage(count));
            }
            counts[0] = last >= end ? 0 : countBetween(folder, last + 1, end);
            List<Long> batch = new ArrayList<>();
            while (last < end) {
                long to = Math.min(last + pageSize, end);
                for (long uid : search(folder, last + 1, to, "LARGER " + maxMessageBytes)) {
                    problems.add(Problem.of(MssError.BAD_MDN, "uid " + uid, "return over the size limit of "
                            + maxMessageBytes + " bytes, not downloaded"));
                }
                for (long uid : search(folder, last + 1, to, "SMALLER " + (maxMessageBytes + 1))) {
                    batch.add(uid);
                    if (batch.size() == BATCH) {
                        download(folder, batch, returns, problems, counts);
                        batch.clear();
                    }
                }
                last = to;
            }
            download(folder, batch, returns, problems, counts);
            folder.close(false);
            return new FetchSummary(new Checkpoint(validity, last), counts[0], counts[1], problems);
        } catch (MessagingException e) {
            throw new MssException(e, MssError.MAILBOX_READ_FAILED, client.mailbox(), e.getMessage());
        }
    }

    private static long countBetween(IMAPFolder folder, long from, long to) throws MessagingException {
        Object n = folder.doCommand(p -> {
            Response[] r = p.command("UID SEARCH UID " + from + ":" + to, null);
            long c = 0;
            for (Response x : r) {
                if (x instanceof IMAPResponse ir && ir.keyEquals("SEARCH")) {
                    while (ir.readLong() != -1) {
                        c++;
                    }
                }
            }
            p.notifyResponseHandlers(r);
            p.handleResult(r[r.length - 1]);
            return c;
        });
        return (Long) n;
    }

    private static List<Long> search(IMAPFolder folder, long from, long to, String size) throws MessagingException {
        Object result = folder.doCommand(p -> {
            Response[] r = p.command("UID SEARCH UID " + from + ":" + to + " " + size
                    + " OR HEADER Content-Type \"multipart/report\" SUBJECT \"KO Int\"", null);
            List<Long> uids = new ArrayList<>();
            for (Response x : r) {
                if (x instanceof IMAPResponse ir && ir.keyEquals("SEARCH")) {
                    long u;
                    while ((u = ir.readLong()) != -1) {
                        // a server answers UID ranges with the last message even when it is before the range
                        if (u >= from && u <= to) {
                            uids.add(u);
                        }
                    }
                }
            }
            p.notifyResponseHandlers(r);
            p.handleResult(r[r.length - 1]);
            return uids;
        });
        @SuppressWarnings("unchecked")
        List<Long> uids = (List<Long>) result;
        uids.sort(null);
        return uids;
    }

    private void download(IMAPFolder folder, List<Long> uids, Consumer<ReturnMessage> returns, List<Problem> problems,
            long[] counts) throws MessagingException {
        if (uids.isEmpty()) {
            return;
        }
        List<Long> wanted = uids;
        Map<Long, byte[]> bodies = fetch(folder, wanted, "(UID BODY.PEEK[])", (uid, fr) -> {
            BODY b = fr.getItem(BODY.class);
            return b == null || b.getByteArray() == null ? null : b.getByteArray().getNewBytes();
        });
        for (long uid : wanted) {
            byte[] raw = bodies.get(uid);
            if (raw == null) {
                continue;
            }
            try {
                for (ReturnMessage r : parser.parse(new MimeMessage(PARSING, new ByteArrayInputStream(raw)))) {
                    returns.accept(r);
                    counts[1]++;
                }
            } catch (MssException e) {
                e.problems().forEach(p -> problems.add(p.under("uid " + uid)));
            }
        }
    }

    @FunctionalInterface
    private interface Item<T> {
        T get(long uid, FetchResponse response);
    }

    private static <T> Map<Long, T> fetch(IMAPFolder folder, List<Long> uids, String items, Item<T> item)
            throws MessagingException {
        StringBuilder set = new StringBuilder();
        for (long u : uids) {
            if (set.length() > 0) {
                set.append(',');
            }
            set.append(u);
        }
        Object result = folder.doCommand((IMAPFolder.ProtocolCommand) (IMAPProtocol p) -> {
            Response[] r = p.command("UID FETCH " + set + " " + items, null);
            Map<Long, T> out = new LinkedHashMap<>();
            for (Response x : r) {
                if (x instanceof FetchResponse fr) {
                    UID u = fr.getItem(UID.class);
                    if (u != null) {
                        T v = item.get(u.uid, fr);
                        if (v != null) {
                            out.put(u.uid, v);
                        }
                    }
                }
            }
            p.notifyResponseHandlers(r);
            p.handleResult(r[r.length - 1]);
            return out;
        });
        @SuppressWarnings("unchecked")
        Map<Long, T> map = (Map<Long, T>) result;
        return map;
    }
}
