package fr.segurbio.mss.returns;

/**
 * Where the last reading of a mailbox stopped: the folder's UIDVALIDITY and the highest UID read. The next
 * reading starts after it, so old messages are never read again; a changed UIDVALIDITY (the server renumbered
 * the folder) starts again from the beginning (returns applied twice change nothing).
 *
 * <pre>{@code
 * Checkpoint since = tracker.checkpoint();
 * FetchSummary s = reader.fetch(since, tracker::apply);
 * tracker.checkpoint(s.checkpoint());
 * }</pre>
 *
 * @param uidValidity the folder's UIDVALIDITY, 0 before the first reading
 * @param lastUid the highest UID read, 0 before the first reading
 */
public record Checkpoint(long uidValidity, long lastUid) {

    /** Before the first reading. */
    public static final Checkpoint START = new Checkpoint(0, 0);

    /**
     * Checks the values.
     *
     * @param uidValidity the UIDVALIDITY
     * @param lastUid the last UID
     */
    public Checkpoint {
        if (uidValidity < 0 || lastUid < 0) {
            throw new IllegalArgumentException("negative checkpoint");
        }
    }
}
