package fr.segurbio.dispatch;

import fr.segurbio.mss.MssException;
import fr.segurbio.mss.MssMessage;
import fr.segurbio.mss.mail.MssClient;
import fr.segurbio.mss.mail.SubmissionResult;
import jakarta.mail.MessagingException;
import jakarta.mail.Store;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * The SMTP and IMAP connections the MSSanté senders keep open between sendings, so that each message does not
 * pay two mutual-TLS handshakes and an IMAP login (on both sides). A connection goes back only after a call that
 * went through entirely; one idle for more than {@link #MAX_IDLE_NANOS} or older than {@link #MAX_AGE_NANOS} is
 * closed rather than reused, and one taken again is checked first (a {@code NOOP} answered), so a connection the
 * server dropped meanwhile is never used for a message. Thread-safe: each connection is used by one thread at a
 * time.
 */
final class MssConnections implements AutoCloseable {

    /** At most this long idle before a connection is closed rather than reused: 20 s. */
    static final long MAX_IDLE_NANOS = 20_000_000_000L;
    /** At most this long since a connection was authenticated (a token is checked at login only): 5 min. */
    static final long MAX_AGE_NANOS = 300_000_000_000L;
    /** Idle connections kept per protocol (the dispatcher's default parallelism). */
    static final int MAX_KEPT = 4;

    private final MssClient client;
    private final Deque<Kept<MssClient.Submission>> smtp = new ArrayDeque<>();
    private final Deque<Kept<Store>> imap = new ArrayDeque<>();
    private boolean closed;

    MssConnections(MssClient client) {
        this.client = client;
    }

    /** An idle connection, when it was opened and when it was last given back. */
    private record Kept<T>(T connection, long opened, long idleSince, boolean sentFolderExists) {
    }

    /**
     * Submits a message on a kept connection, or a new one.
     *
     * @throws MssException as {@link MssClient#send}
     */
    SubmissionResult send(MssMessage message) {
        Kept<MssClient.Submission> k = take(smtp);
        while (k != null && !k.connection().isOpen()) {
            k.connection().close();
            k = take(smtp);
        }
        MssClient.Submission s = k != null ? k.connection() : client.openSubmission();
        long opened = k != null ? k.opened() : System.nanoTime();
        boolean keep = false;
        try {
            SubmissionResult r = s.send(message);
            keep = r.refused().isEmpty();   // a refusal leaves the session as the server decided: not reused
            return r;
        } finally {
            if (keep) {
                give(smtp, new Kept<>(s, opened, System.nanoTime(), false));
            } else {
                s.close();
            }
        }
    }

    /** Something done with an open IMAP store. */
    interface StoreWork {
        /**
         * @param store the connected store
         * @param sentFolderExists whether the sent folder was seen on this connection already
         * @return whether the sent folder exists now
         */
        boolean run(Store store, boolean sentFolderExists) throws MessagingException;
    }

    /**
     * Runs {@code work} on a kept IMAP connection, or a new one.
     *
     * @throws MssException when the mailbox cannot be opened
     * @throws MessagingException what {@code work} throws (the connection is closed)
     */
    void withStore(StoreWork work) throws MessagingException {
        Kept<Store> k = take(imap);
        while (k != null && !k.connection().isConnected()) {
            quiet(k.connection());
            k = take(imap);
        }
        Store store = k != null ? k.connection() : client.openStore();
        long opened = k != null ? k.opened() : System.nanoTime();
        boolean keep = false;
        boolean exists = false;
        try {
            exists = work.run(store, k != null && k.sentFolderExists());
            keep = true;
        } finally {
            if (keep) {
                give(imap, new Kept<>(store, opened, System.nanoTime(), exists));
            } else {
                quiet(store);
            }
        }
    }

    private <T> Kept<T> take(Deque<Kept<T>> kept) {
        long now = System.nanoTime();
        List<Kept<T>> stale = new ArrayList<>();
        Kept<T> found = null;
        synchronized (this) {
            Kept<T> k;
            while (found == null && (k = kept.pollLast()) != null) {
                if (now - k.idleSince() > MAX_IDLE_NANOS || now - k.opened() > MAX_AGE_NANOS) {
                    stale.add(k);
                } else {
                    found = k;
                }
            }
        }
        stale.forEach(s -> close(s.connection()));
        return found;
    }

    private <T> void give(Deque<Kept<T>> kept, Kept<T> k) {
        Kept<T> dropped = null;
        synchronized (this) {
            if (closed) {
                dropped = k;
            } else {
                kept.addLast(k);
                if (kept.size() > MAX_KEPT) {
                    dropped = kept.pollFirst();
                }
            }
        }
        if (dropped != null) {
            close(dropped.connection());
        }
    }

    private static void close(Object connection) {
        if (connection instanceof MssClient.Submission s) {
            s.close();
        } else if (connection instanceof Store st) {
            quiet(st);
        }
    }

    private static void quiet(Store store) {
        try {
            store.close();
        } catch (MessagingException e) {
            // the connection is gone either way
        }
    }

    /** Closes the idle connections; the ones in use are closed when given back. */
    @Override
    public void close() {
        List<Object> all = new ArrayList<>();
        synchronized (this) {
            closed = true;
            smtp.forEach(k -> all.add(k.connection()));
            imap.forEach(k -> all.add(k.connection()));
            smtp.clear();
            imap.clear();
        }
        all.forEach(MssConnections::close);
    }
}
