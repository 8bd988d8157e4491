package fr.segurbio.mss.returns;

/**
 * Where a sent message stands for one recipient, from the submission to the processing acknowledgement. A later
 * return moves the status forward; {@link #FAILED} and {@link #REFUSED} are final.
 *
 * <pre>{@code
 * if (tracker.status(messageId, "dr.martin@medecin.mssante.fr").status() == RecipientStatus.PROCESSED) { ... }
 * }</pre>
 */
public enum RecipientStatus {
    /** Accepted by the submission server; nothing heard since. */
    SENT(0),
    /** A DSN says delivery is delayed (the server keeps trying). */
    DELAYED(1),
    /** A DSN says the message was delivered or relayed. */
    DELIVERED(2),
    /** An MDN says the message was displayed (read). */
    READ(3),
    /** An MDN says the message was processed (integrated) without error. */
    PROCESSED(4),
    /** Refused by the submission server (SMTP 4xx/5xx). */
    REFUSED(5),
    /** A DSN says delivery failed, or an MDN / KO message reports an integration error. */
    FAILED(5);

    private final int rank;

    RecipientStatus(int rank) {
        this.rank = rank;
    }

    /**
     * Whether no later return changes this status.
     *
     * @return true for FAILED and REFUSED
     */
    public boolean isFinal() {
        return rank == 5;
    }

    /**
     * Whether a return with this status may replace the current one.
     *
     * @param current the current status
     * @return true when this status is further along
     */
    public boolean supersedes(RecipientStatus current) {
        return !current.isFinal() && rank >= current.rank;
    }
}
