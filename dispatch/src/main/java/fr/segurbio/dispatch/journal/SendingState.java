package fr.segurbio.dispatch.journal;

/**
 * The life of one sending in the journal.
 *
 * <pre>{@code
 * (HELD →) PLANNED → IN_FLIGHT → SENT → ACKNOWLEDGED
 *              ↓  ↑
 *           TO_RETRY            FAILED (for good)
 * }</pre>
 */
public enum SendingState {
    /** Planned, never attempted. */
    PLANNED(false),
    /** Held until the "annonce" consultation: not sent before {@code release}. */
    HELD(false),
    /** Held by a node that is sending it (with a lease: if the node dies, the lease expires). */
    IN_FLIGHT(false),
    /** Accepted by the remote side (the DMP registry answered Success, the SMTP server accepted the message). */
    SENT(false),
    /** Acknowledged by the recipient (an MSSanté MDN "processed"/"displayed"; the DMP has nothing further). */
    ACKNOWLEDGED(true),
    /** Waiting for its next attempt after an error that can be retried. */
    TO_RETRY(false),
    /** Failed for good: an error that retrying cannot fix (opposed patient, refused certificate...). */
    FAILED(true);

    private final boolean terminal;

    SendingState(boolean terminal) {
        this.terminal = terminal;
    }

    /**
     * Whether nothing more happens to a sending in this state.
     *
     * @return true for {@link #ACKNOWLEDGED} and {@link #FAILED}
     */
    public boolean terminal() {
        return terminal;
    }
}
