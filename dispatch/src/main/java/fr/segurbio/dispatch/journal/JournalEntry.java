package fr.segurbio.dispatch.journal;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One sending as the journal holds it.
 *
 * <pre>{@code
 * for (JournalEntry e : journal.entries("CR-2026-0042")) {
 *     System.out.println(e.key().channel() + " " + e.key().recipient() + ": " + e.state()
 *             + e.lastError().map(err -> " (" + err + ")").orElse(""));
 * }
 * }</pre>
 *
 * @param key what is sent, where
 * @param state where it stands
 * @param attempts how many times it was taken for sending
 * @param nextAttemptAt when it may be taken next ({@link SendingState#PLANNED} and {@link SendingState#TO_RETRY})
 * @param leaseOwner the node holding it while {@link SendingState#IN_FLIGHT}
 * @param leaseUntil until when that node holds it
 * @param remoteIds the identifiers the remote side knows it by (DMP uniqueIds, Message-ID), recorded before
 *        the sending so that a restart can check what the remote side already has
 * @param lastErrorCode the stable code of the last error, if any
 * @param lastError the text of the last error (the remote's own text kept), if any
 * @param detail the last status detail (an MDN disposition, the DMP's answer), if any
 * @param createdAt when it was planned
 * @param updatedAt when it last changed
 */
public record JournalEntry(SendingKey key, SendingState state, int attempts, Instant nextAttemptAt,
        Optional<String> leaseOwner, Optional<Instant> leaseUntil, Optional<String> remoteIds,
        Optional<String> lastErrorCode, Optional<String> lastError, Optional<String> detail, Instant createdAt,
        Instant updatedAt) {

    /**
     * Checks the required fields.
     *
     * @param key the key
     * @param state the state
     * @param attempts the attempts
     * @param nextAttemptAt the next attempt
     * @param leaseOwner the lease owner
     * @param leaseUntil the lease end
     * @param remoteIds the remote ids
     * @param lastErrorCode the last error's code
     * @param lastError the last error's text
     * @param detail the detail
     * @param createdAt the creation instant
     * @param updatedAt the last update instant
     */
    public JournalEntry {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(nextAttemptAt, "nextAttemptAt");
        Objects.requireNonNull(leaseOwner, "leaseOwner");
        Objects.requireNonNull(leaseUntil, "leaseUntil");
        Objects.requireNonNull(remoteIds, "remoteIds");
        Objects.requireNonNull(lastErrorCode, "lastErrorCode");
        Objects.requireNonNull(lastError, "lastError");
        Objects.requireNonNull(detail, "detail");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(updatedAt, "updatedAt");
    }

    /**
     * Whether an earlier attempt may have reached the remote side: the entry was taken before, so the remote side
     * must be asked before sending again. This holds even when no remote ids were recorded: they are derived from
     * the sending alone, and a journal that lost the record of them (a crash) must not make the dispatcher send
     * blindly.
     *
     * @return true when the remote side must be checked first
     */
    public boolean mayHaveReachedRemote() {
        return attempts > 1;
    }
}
