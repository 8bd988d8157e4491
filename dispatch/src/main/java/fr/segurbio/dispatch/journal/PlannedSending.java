package fr.segurbio.dispatch.journal;

import java.util.Objects;
import java.util.Optional;

/**
 * One sending to record with {@link Journal#publish}: its key, its first state and, when the channel's sender can
 * tell them already, the identifiers the remote side will know it by, recorded with the entry itself.
 *
 * <pre>{@code
 * new PlannedSending(new SendingKey("CR-42", 1, Channel.DMP, ins), SendingState.PLANNED,
 *         Optional.of("1.2.250.1.999.1.42.3 1.2.250.1.999.1.42.1"));
 * }</pre>
 *
 * @param key the sending
 * @param initial {@link SendingState#PLANNED} (due now) or {@link SendingState#HELD} (due at
 *        {@link Journal#release})
 * @param remoteIds the remote ids, if known at planning
 */
public record PlannedSending(SendingKey key, SendingState initial, Optional<String> remoteIds) {

    /**
     * Checks the fields.
     *
     * @param key the sending
     * @param initial the first state
     * @param remoteIds the remote ids
     */
    public PlannedSending {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(remoteIds, "remoteIds");
        if (initial != SendingState.PLANNED && initial != SendingState.HELD) {
            throw new IllegalArgumentException("a sending is planned PLANNED or HELD, not " + initial);
        }
    }
}
