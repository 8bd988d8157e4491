package fr.segurbio.transport;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * Stops calling a service for a while after repeated failures, so that a reception desk is not slowed down by
 * timeouts while the service is down: {@link State#CLOSED} → {@link State#OPEN} after {@code failureThreshold}
 * failures in a row → after {@code openFor}, one trial call ({@link State#HALF_OPEN}) → closed on success, open
 * again on failure. Thread-safe; one per service endpoint (a {@link ServiceConnection} gives each client it
 * makes its own, with the connection's settings).
 *
 * <p>{@link SoapClient} and {@link HttpServiceClient} count as failures what their retry policy deems
 * transient (timeouts, connection failures, HTTP 502/503/504, and what a client adds, such as INSi's
 * {@code Receiver} faults); an answer the service gave on purpose (a {@code Sender} fault, an HTTP 4xx) is a
 * success, since the service is up. While open, calls fail at once with {@link TransportError#CIRCUIT_OPEN}.
 *
 * <pre>{@code
 * CircuitBreaker breaker = CircuitBreaker.builder()
 *         .failureThreshold(5)
 *         .openFor(Duration.ofSeconds(30))
 *         .build();
 * if (breaker.allow()) {
 *     try {
 *         call();
 *         breaker.recordSuccess();
 *     } catch (TransportException e) {
 *         breaker.recordFailure();
 *     }
 * }
 * }</pre>
 */
public final class CircuitBreaker {

    /** The states of a breaker. */
    public enum State {
        /** Calls go out. */
        CLOSED,
        /** Calls fail at once. */
        OPEN,
        /** The next call is a trial: its outcome closes or opens the breaker. */
        HALF_OPEN
    }

    private final int failureThreshold;
    private final Duration openFor;
    private final Clock clock;
    private State state = State.CLOSED;
    private int failures;
    private Instant openedAt;
    private boolean trialUnderWay;

    private CircuitBreaker(Builder b) {
        this.failureThreshold = b.failureThreshold;
        this.openFor = b.openFor;
        this.clock = b.clock;
    }

    /**
     * A builder; defaults: opened after 5 failures in a row, for 30 s, on the UTC system clock.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * A breaker that never opens.
     *
     * @return a new breaker that always allows calls
     */
    public static CircuitBreaker disabled() {
        return builder().failureThreshold(Integer.MAX_VALUE).build();
    }

    /**
     * Whether a call may go out now; in half-open state only one trial call at a time. A caller that got
     * {@code true} must then call {@link #recordSuccess()}, {@link #recordFailure()} or {@link #release()}.
     *
     * @return {@code true} when the call may go out
     */
    public synchronized boolean allow() {
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

    /** The service answered: the breaker closes and the failure count restarts. */
    public synchronized void recordSuccess() {
        state = State.CLOSED;
        failures = 0;
        trialUnderWay = false;
    }

    /** The service was unavailable: one more failure, the breaker opens at the threshold or after a trial. */
    public synchronized void recordFailure() {
        trialUnderWay = false;
        failures++;
        if (state == State.HALF_OPEN || failures >= failureThreshold) {
            state = State.OPEN;
            openedAt = clock.instant();
        }
    }

    /**
     * The call ended without telling whether the service is up (for example a TLS set-up refused on our side):
     * the state does not change, and in half-open state the next call may be the trial.
     */
    public synchronized void release() {
        trialUnderWay = false;
    }

    /**
     * The state now (an open breaker whose delay is over shows as half-open).
     *
     * @return the state
     */
    public synchronized State state() {
        if (state == State.OPEN && !clock.instant().isBefore(openedAt.plus(openFor))) {
            return State.HALF_OPEN;
        }
        return state;
    }

    /**
     * How long calls stay refused from now, zero when they may go out.
     *
     * @return the time left before the next trial
     */
    public synchronized Duration remainingOpen() {
        if (state != State.OPEN) {
            return Duration.ZERO;
        }
        Duration left = Duration.between(clock.instant(), openedAt.plus(openFor));
        return left.isNegative() ? Duration.ZERO : left;
    }

    /**
     * The number of failures in a row that opens the breaker.
     *
     * @return the threshold
     */
    public int failureThreshold() {
        return failureThreshold;
    }

    /**
     * How long the breaker stays open before a trial call.
     *
     * @return the delay
     */
    public Duration openFor() {
        return openFor;
    }

    /**
     * A new breaker, closed, with the same settings.
     *
     * @return a fresh breaker
     */
    public CircuitBreaker copy() {
        return builder().failureThreshold(failureThreshold).openFor(openFor).clock(clock).build();
    }

    @Override
    public String toString() {
        return "CircuitBreaker[" + state() + ", opens after " + failureThreshold + " failures for " + openFor + "]";
    }

    /** Configures a {@link CircuitBreaker}. Not thread-safe. */
    public static final class Builder {
        private int failureThreshold = 5;
        private Duration openFor = Duration.ofSeconds(30);
        private Clock clock = Clock.systemUTC();

        private Builder() {
        }

        /**
         * The number of failures in a row that opens the breaker (default 5).
         *
         * @param failures at least 1
         * @return this builder
         */
        public Builder failureThreshold(int failures) {
            if (failures < 1) {
                throw new TransportException(TransportError.INVALID_CONFIGURATION,
                        "circuit breaker threshold must be at least 1");
            }
            this.failureThreshold = failures;
            return this;
        }

        /**
         * How long calls are refused once open (default 30 s).
         *
         * @param delay a positive delay
         * @return this builder
         */
        public Builder openFor(Duration delay) {
            if (delay == null || delay.isNegative() || delay.isZero()) {
                throw new TransportException(TransportError.INVALID_CONFIGURATION,
                        "circuit breaker delay must be positive");
            }
            this.openFor = delay;
            return this;
        }

        /**
         * The clock (tests).
         *
         * @param clock the clock
         * @return this builder
         */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /**
         * Builds a closed breaker.
         *
         * @return the breaker
         */
        public CircuitBreaker build() {
            return new CircuitBreaker(this);
        }
    }
}
