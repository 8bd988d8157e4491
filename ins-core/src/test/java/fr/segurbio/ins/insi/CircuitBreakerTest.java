package fr.segurbio.ins.insi;

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
        CircuitBreaker b = new CircuitBreaker(3, Duration.ofSeconds(30), clock);
        assertThat(b.allow()).isTrue();
        b.failure();
        b.failure();
        assertThat(b.state()).isEqualTo(CircuitBreaker.State.CLOSED);
        b.failure();
        assertThat(b.state()).isEqualTo(CircuitBreaker.State.OPEN);
        assertThat(b.allow()).isFalse();
        clock.now = clock.now.plusSeconds(31);
        assertThat(b.state()).isEqualTo(CircuitBreaker.State.HALF_OPEN);
        assertThat(b.allow()).isTrue();
        assertThat(b.allow()).as("only one trial call at a time").isFalse();
        b.failure();
        assertThat(b.state()).isEqualTo(CircuitBreaker.State.OPEN);
        clock.now = clock.now.plusSeconds(31);
        assertThat(b.allow()).isTrue();
        b.success();
        assertThat(b.state()).isEqualTo(CircuitBreaker.State.CLOSED);
        assertThat(b.allow()).isTrue();
    }

    @Test
    void aSuccessResetsTheCount() {
        CircuitBreaker b = new CircuitBreaker(2, Duration.ofSeconds(30), new MovableClock());
        b.failure();
        b.success();
        b.failure();
        assertThat(b.state()).isEqualTo(CircuitBreaker.State.CLOSED);
        assertThatThrownBy(() -> new CircuitBreaker(0, Duration.ofSeconds(1), new MovableClock()))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
