package fr.segurbio.dispatch;

import java.time.Duration;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * When to try a sending again: exponential backoff with jitter, up to a number of attempts.
 *
 * <pre>{@code
 * RetrySchedule s = new RetrySchedule(Duration.ofSeconds(30), Duration.ofHours(1), 0.2, 12);
 * s.delay(1, random);   // 24–36 s after the first failure, then ×2 each time, at most 1 h (±20 %)
 * }</pre>
 *
 * @param first the delay after the first failed attempt
 * @param max the longest delay
 * @param jitter the random part, 0 to 1 (0.2: ±20 %)
 * @param maxAttempts how many attempts before a retryable failure becomes final
 */
public record RetrySchedule(Duration first, Duration max, double jitter, int maxAttempts) {

    /** 30 s, doubling to 1 h, ±20 %, 12 attempts (about 9 hours in all). */
    public static final RetrySchedule DEFAULT = new RetrySchedule(Duration.ofSeconds(30), Duration.ofHours(1), 0.2,
            12);

    /**
     * Checks the fields.
     *
     * @param first the first delay
     * @param max the longest delay
     * @param jitter the random part
     * @param maxAttempts the attempts
     */
    public RetrySchedule {
        Objects.requireNonNull(first, "first");
        Objects.requireNonNull(max, "max");
        if (first.isNegative() || max.compareTo(first) < 0) {
            throw new IllegalArgumentException("need 0 <= first <= max");
        }
        if (jitter < 0 || jitter > 1) {
            throw new IllegalArgumentException("jitter must be within 0..1: " + jitter);
        }
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be 1 or more");
        }
    }

    /**
     * The delay after a failed attempt.
     *
     * @param attempt the attempt that failed, from 1
     * @param random the source of the jitter
     * @return the delay before the next attempt
     */
    public Duration delay(int attempt, RandomGenerator random) {
        double base = first.toMillis() * Math.pow(2, Math.min(Math.max(attempt, 1) - 1, 40));
        double capped = Math.min(base, max.toMillis());
        double factor = 1 + jitter * (2 * random.nextDouble() - 1);
        return Duration.ofMillis(Math.round(Math.min(capped * factor, max.toMillis())));
    }
}
