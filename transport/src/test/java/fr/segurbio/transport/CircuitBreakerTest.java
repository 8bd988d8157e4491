package fr.segurbio.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** The circuit breaker's states, on a clock the test moves. */
class CircuitBreakerTest {

    static final class MovableClock extends Clock {
        Instant now = Instant.parse("2026-11-22T08:00:00Z");

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    @Test
    void opensAfterTheThresholdThenTriesOnceAfterTheDelay() {
        MovableClock clock = new MovableClock();
        CircuitBreaker b = CircuitBreaker.builder().failureThreshold(3).openFor(Duration.ofSeconds(30)).clock(clock).build();
        assertThat(b.allow()).isTrue();
        b.recordFailure();
        b.recordFailure();
        assertThat(b.state()).isEqualTo(CircuitBreaker.State.CLOSED);
        b.recordFailure();
        assertThat(b.state()).isEqualTo(CircuitBreaker.State.OPEN);
        assertThat(b.allow()).isFalse();
        clock.now = clock.now.plusSeconds(31);
        assertThat(b.state()).isEqualTo(CircuitBreaker.State.HALF_OPEN);
        assertThat(b.allow()).isTrue();
        assertThat(b.allow()).as("only one trial call at a time").isFalse();
        b.recordFailure();
        assertThat(b.state()).isEqualTo(CircuitBreaker.State.OPEN);
        clock.now = clock.now.plusSeconds(31);
        assertThat(b.allow()).isTrue();
        b.recordSuccess();
        assertThat(b.state()).isEqualTo(CircuitBreaker.State.CLOSED);
        assertThat(b.allow()).isTrue();
    }

    @Test
    void aSuccessResetsTheCount() {
        CircuitBreaker b = CircuitBreaker.builder().failureThreshold(2).openFor(Duration.ofSeconds(30)).clock(new MovableClock()).build();
        b.recordFailure();
        b.recordSuccess();
        b.recordFailure();
        assertThat(b.state()).isEqualTo(CircuitBreaker.State.CLOSED);
        assertThatThrownBy(() -> CircuitBreaker.builder().failureThreshold(0))
                .isInstanceOf(TransportException.class)
                .satisfies(e -> assertThat(((TransportException) e).code()).isEqualTo(
                        TransportError.INVALID_CONFIGURATION));
        assertThatThrownBy(() -> CircuitBreaker.builder().openFor(Duration.ZERO))
                .isInstanceOf(TransportException.class);
    }

    @Test
    void aReleaseEndsTheTrialWithoutClosingAndRemainingOpenCountsDown() {
        MovableClock clock = new MovableClock();
        CircuitBreaker b = CircuitBreaker.builder().failureThreshold(1).openFor(Duration.ofSeconds(30)).clock(clock)
                .build();
        b.recordFailure();
        assertThat(b.remainingOpen()).isEqualTo(Duration.ofSeconds(30));
        clock.now = clock.now.plusSeconds(10);
        assertThat(b.remainingOpen()).isEqualTo(Duration.ofSeconds(20));
        clock.now = clock.now.plusSeconds(20);
        assertThat(b.allow()).isTrue();
        assertThat(b.allow()).isFalse();
        b.release();
        assertThat(b.state()).isEqualTo(CircuitBreaker.State.HALF_OPEN);
        assertThat(b.allow()).as("after a release the next call is the trial").isTrue();
        b.recordSuccess();
        assertThat(b.state()).isEqualTo(CircuitBreaker.State.CLOSED);
        assertThat(b.remainingOpen()).isZero();
    }

    @Test
    void aDisabledBreakerNeverOpensAndACopyStartsClosed() {
        CircuitBreaker never = CircuitBreaker.disabled();
        for (int i = 0; i < 1000; i++) {
            assertThat(never.allow()).isTrue();
            never.recordFailure();
        }
        assertThat(never.state()).isEqualTo(CircuitBreaker.State.CLOSED);
        CircuitBreaker b = CircuitBreaker.builder().failureThreshold(1).openFor(Duration.ofMinutes(1))
                .clock(new MovableClock()).build();
        b.recordFailure();
        CircuitBreaker fresh = b.copy();
        assertThat(b.state()).isEqualTo(CircuitBreaker.State.OPEN);
        assertThat(fresh.state()).isEqualTo(CircuitBreaker.State.CLOSED);
        assertThat(fresh.failureThreshold()).isEqualTo(1);
        assertThat(fresh.openFor()).isEqualTo(Duration.ofMinutes(1));
    }
}
