package fr.segurbio.ins.insi;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Stops calling INSi for a while after repeated failures, so that a reception desk is not slowed down by
 * timeouts when the service is down: closed → open after {@code threshold} failures in a row → after
 * {@code openFor}, one trial call (half-open) → closed on success, open again on failure. Thread-safe.
 */
final class CircuitBreaker {

    enum State { CLOSED, OPEN, HALF_OPEN }

    private final int threshold;
    private final Duration openFor;
    private final Clock clock;
    private State state = State.CLOSED;
    private int failures;
    private Instant openedAt;
    private boolean trialUnderWay;

    CircuitBreaker(int threshold, Duration openFor, Clock clock) {
        if (threshold < 1) {
            throw new IllegalArgumentException("threshold must be at least 1");
        }
        this.threshold = threshold;
        this.openFor = openFor;
        this.clock = clock;
    }

    /** Whether a call may go out now; in half-open state, only one trial call at a time. */
    synchronized boolean allow() {
        switch (state) {
            case CLOSED:
                return true;
            case OPEN:
                if (clock.instant().isBefore(openedAt.plus(openFor))) {
                    return false;
                }
                state = State.HALF_OPEN;
                trialUnderWay = true;
                return true;
            default:
                if (trialUnderWay) {
                    return false;
                }
                trialUnderWay = true;
                return true;
        }
    }

    synchronized void success() {
        state = State.CLOSED;
        failures = 0;
        trialUnderWay = false;
    }

    synchronized void failure() {
        trialUnderWay = false;
        failures++;
        if (state == State.HALF_OPEN || failures >= threshold) {
            state = State.OPEN;
            openedAt = clock.instant();
        }
    }

    synchronized State state() {
        if (state == State.OPEN && !clock.instant().isBefore(openedAt.plus(openFor))) {
            return State.HALF_OPEN;
        }
        return state;
    }
}
