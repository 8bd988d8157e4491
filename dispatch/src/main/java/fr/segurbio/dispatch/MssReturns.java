package fr.segurbio.dispatch;

import fr.segurbio.mss.mail.MssClient;
import fr.segurbio.mss.returns.Checkpoint;
import fr.segurbio.mss.returns.FetchSummary;
import fr.segurbio.mss.returns.RecipientStatus;
import fr.segurbio.mss.returns.ReturnMessage;
import fr.segurbio.mss.returns.ReturnsReader;
import java.util.Objects;

/**
 * Feeds the MSSanté returns of the lab's mailbox (MDN, DSN, "KO Intégration" messages, read by mssante-client's
 * {@link ReturnsReader}) into the dispatcher's status: each return is matched by the Message-ID it refers to
 * ({@link MssSender} sends one message per recipient, so one Message-ID is one sending). A delivery notice or a
 * read / processed acknowledgement makes the sending {@code ACKNOWLEDGED}; a failure (a DSN, an MDN with an
 * error, a refusal) makes it {@code FAILED} with the notice's code and text; a delay changes nothing.
 *
 * <pre>{@code
 * MssReturns returns = MssReturns.of(mssClient, dispatcher);
 * Checkpoint c = loadCheckpoint();
 * c = returns.poll(c).checkpoint();       // from the SGL's scheduler
 * saveCheckpoint(c);
 * }</pre>
 */
public final class MssReturns {

    private final ReturnsReader reader;
    private final Dispatcher dispatcher;

    private MssReturns(ReturnsReader reader, Dispatcher dispatcher) {
        this.reader = Objects.requireNonNull(reader, "reader");
        this.dispatcher = Objects.requireNonNull(dispatcher, "dispatcher");
    }

    /**
     * Returns of a client's mailbox.
     *
     * @param client the client of the lab's mailbox
     * @param dispatcher the dispatcher whose status they update
     * @return the poller
     */
    public static MssReturns of(MssClient client, Dispatcher dispatcher) {
        return new MssReturns(ReturnsReader.of(client), dispatcher);
    }

    /**
     * Reads the returns received since a checkpoint and records them.
     *
     * @param since where the last reading stopped ({@link Checkpoint#START} the first time)
     * @return the new checkpoint, the counts and the problems (unreadable returns)
     * @throws fr.segurbio.mss.MssException {@code MSS-208} when the mailbox cannot be read
     */
    public FetchSummary poll(Checkpoint since) {
        return reader.fetch(since, this::record);
    }

    /**
     * Records one return.
     *
     * @param r the return
     * @return whether it changed a sending's status (false for a delay, or a return matching no sending)
     */
    public boolean record(ReturnMessage r) {
        RecipientStatus s = r.status();
        if (s == RecipientStatus.SENT || s == RecipientStatus.DELAYED) {
            return false;   // a delay or a relay's notice: the sending stays as it is
        }
        boolean failed = s == RecipientStatus.FAILED || s == RecipientStatus.REFUSED;
        String text = r.kind() + " " + s + r.recipient().map(a -> " " + a.address()).orElse("")
                + r.detail().map(t -> ": " + t).orElse("");
        return dispatcher.recordReturn(r.originalMessageId(), !failed, failed ? r.errorCode().orElse(s.name()) : null,
                text).isPresent();
    }
}
