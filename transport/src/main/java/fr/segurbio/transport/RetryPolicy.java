package fr.segurbio.transport;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Retries of idempotent calls: a bounded number of attempts, exponential backoff with jitter, and a test of
 * which failures are worth retrying (by default: timeouts, connection failures and HTTP 502/503/504 — never a
 * SOAP fault, a certificate problem or a refused message). Immutable and thread-safe.
 *
 * <pre>{@code
 * RetryPolicy retry = RetryPolicy.builder()
 *         .maxAttempts(3)
 *         .initialBackoff(Duration.ofMillis(200))
 *         .multiplier(2.0)
 *         .maxBackoff(Duration.ofSeconds(2))
 *         .jitter(0.2)
 *         .build();
 * SoapResponse r = retry.execute(() -> client.call(request));
 * }</pre>
 *
 * <p>{@link SoapClient} applies its policy only to requests marked idempotent.
 */
public final class RetryPolicy {

    /** Waits between attempts; replaceable in tests. */
    @FunctionalInterface
    public interface Sleeper {
        /**
         * Waits.
         *
         * @param duration how long
         * @throws InterruptedException when interrupted
         */
        void sleep(Duration duration) throws InterruptedException;
    }

    private static final RetryPolicy NONE = builder().maxAttempts(1).build();

    private final int maxAttempts;
    private final Duration initialBackoff;
    private final double multiplier;
    private final Duration maxBackoff;
    private final double jitter;
    private final Predicate<RuntimeException> retryable;
    private final Sleeper sleeper;

    private RetryPolicy(Builder b) {
        this.maxAttempts = b.maxAttempts;
        this.initialBackoff = b.initialBackoff;
        this.multiplier = b.multiplier;
        this.maxBackoff = b.maxBackoff;
        this.jitter = b.jitter;
        this.retryable = b.retryable;
        this.sleeper = b.sleeper;
    }

    /**
     * No retry: one attempt.
     *
     * @return the policy
     */
    public static RetryPolicy none() {
        return NONE;
    }

    /**
     * A builder; defaults: 3 attempts, 200 ms initial backoff, multiplier 2, at most 5 s, jitter 20 %.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * The default test of retryable failures: {@link TransportError#TIMEOUT},
     * {@link TransportError#CONNECTION_FAILED}, {@link TransportError#IO_ERROR}, and HTTP 502, 503 or 504
     * without a SOAP fault.
     *
     * @param e the failure
     * @return whether another attempt may succeed
     */
    public static boolean isTransient(RuntimeException e) {
        if (e instanceof SoapFaultException) {
            return false;
        }
        if (e instanceof RemoteServiceException r) {
            return r.status() == 502 || r.status() == 503 || r.status() == 504;
        }
        if (e instanceof TransportException t) {
            return t.code() == TransportError.TIMEOUT || t.code() == TransportError.CONNECTION_FAILED
                    || t.code() == TransportError.IO_ERROR;
        }
        return false;
    }

    /**
     * The number of attempts, the first included.
     *
     * @return at least 1
     */
    public int maxAttempts() {
        return maxAttempts;
    }

    /**
     * The wait before attempt {@code attempt + 1}, without jitter: {@code initial × multiplier^(attempt-1)},
     * capped.
     *
     * @param attempt the attempt that just failed, from 1
     * @return the wait
     */
    public Duration baseBackoff(int attempt) {
        double millis = initialBackoff.toMillis() * Math.pow(multiplier, Math.max(0, attempt - 1));
        return Duration.ofMillis((long) Math.min(millis, maxBackoff.toMillis()));
    }

    /**
     * The wait before attempt {@code attempt + 1}, with a random jitter of ± {@code jitter} × base, never
     * above the maximum backoff.
     *
     * @param attempt the attempt that just failed, from 1
     * @return the wait
     */
    public Duration backoff(int attempt) {
        long base = baseBackoff(attempt).toMillis();
        double factor = 1 + jitter * (ThreadLocalRandom.current().nextDouble() * 2 - 1);
        return Duration.ofMillis(Math.max(0, Math.min((long) (base * factor), maxBackoff.toMillis())));
    }

    /**
     * Whether this failure is retried.
     *
     * @param e the failure
     * @return {@code true} when the policy retries it
     */
    public boolean isRetryable(RuntimeException e) {
        return retryable.test(e);
    }

    /**
     * Runs a call, retrying retryable failures.
     *
     * @param <T> the result type
     * @param call the idempotent call
     * @return the first successful result
     * @throws RuntimeException the last failure, or the first that is not retryable
     */
    public <T> T execute(Supplier<T> call) {
        return execute(call, (attempt, e) -> { });
    }

    /**
     * Receives each failed attempt that will be retried.
     */
    @FunctionalInterface
    public interface RetryListener {
        /**
         * Called before waiting.
         *
         * @param attempt the attempt that failed, from 1
         * @param failure its failure
         */
        void onRetry(int attempt, RuntimeException failure);
    }

    /**
     * Runs a call, retrying retryable failures and telling the listener.
     *
     * @param <T> the result type
     * @param call the idempotent call
     * @param listener told of each retried failure
     * @return the first successful result
     * @throws RuntimeException the last failure, or the first that is not retryable
     */
    public <T> T execute(Supplier<T> call, RetryListener listener) {
        for (int attempt = 1;; attempt++) {
            try {
                return call.get();
            } catch (RuntimeException e) {
                if (attempt >= maxAttempts || !retryable.test(e)) {
                    throw e;
                }
                listener.onRetry(attempt, e);
                try {
                    sleeper.sleep(backoff(attempt));
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    e.addSuppressed(ie);
                    throw e;
                }
            }
        }
    }

    /**
     * The same policy with another test of which failures are retried, for a client that knows its service's
     * transient answers (for example INSi's {@code Receiver} faults).
     *
     * <pre>{@code
     * RetryPolicy insi = connection.retryPolicy().withRetryOn(e -> RetryPolicy.isTransient(e) || isReceiverFault(e));
     * }</pre>
     *
     * @param test the new test
     * @return a new policy
     */
    public RetryPolicy withRetryOn(Predicate<RuntimeException> test) {
        Builder b = new Builder();
        b.maxAttempts = maxAttempts;
        b.initialBackoff = initialBackoff;
        b.multiplier = multiplier;
        b.maxBackoff = maxBackoff;
        b.jitter = jitter;
        b.sleeper = sleeper;
        return b.retryOn(test).build();
    }

    @Override
    public String toString() {
        return "RetryPolicy[" + maxAttempts + " attempts, " + initialBackoff + " x" + multiplier + " up to "
                + maxBackoff + ", jitter " + jitter + "]";
    }

    /** Configures a {@link RetryPolicy}. */
    public static final class Builder {
        private int maxAttempts = 3;
        private Duration initialBackoff = Duration.ofMillis(200);
        private double multiplier = 2.0;
        private Duration maxBackoff = Duration.ofSeconds(5);
        private double jitter = 0.2;
        private Predicate<RuntimeException> retryable = RetryPolicy::isTransient;
        private Sleeper sleeper = d -> Thread.sleep(d.toMillis());

        private Builder() {
        }

        /**
         * The number of attempts, the first included (1 to 10).
         *
         * @param n the attempts
         * @return this builder
         */
        public Builder maxAttempts(int n) {
            if (n < 1 || n > 10) {
                throw new TransportException(TransportError.INVALID_CONFIGURATION, "maxAttempts must be 1 to 10");
            }
            this.maxAttempts = n;
            return this;
        }

        /**
         * The first wait.
         *
         * @param d the wait
         * @return this builder
         */
        public Builder initialBackoff(Duration d) {
            if (d.isNegative()) {
                throw new TransportException(TransportError.INVALID_CONFIGURATION, "initialBackoff is negative");
            }
            this.initialBackoff = d;
            return this;
        }

        /**
         * The factor between two waits (at least 1).
         *
         * @param m the factor
         * @return this builder
         */
        public Builder multiplier(double m) {
            if (!(m >= 1.0)) {
                throw new TransportException(TransportError.INVALID_CONFIGURATION, "multiplier must be >= 1");
            }
            this.multiplier = m;
            return this;
        }

        /**
         * The longest wait.
         *
         * @param d the wait
         * @return this builder
         */
        public Builder maxBackoff(Duration d) {
            if (d.isNegative()) {
                throw new TransportException(TransportError.INVALID_CONFIGURATION, "maxBackoff is negative");
            }
            this.maxBackoff = d;
            return this;
        }

        /**
         * The random spread of each wait, as a fraction of it (0 to 1).
         *
         * @param j the fraction
         * @return this builder
         */
        public Builder jitter(double j) {
            if (!(j >= 0 && j <= 1)) {
                throw new TransportException(TransportError.INVALID_CONFIGURATION, "jitter must be 0 to 1");
            }
            this.jitter = j;
            return this;
        }

        /**
         * Which failures are retried (default {@link RetryPolicy#isTransient}).
         *
         * @param test the test
         * @return this builder
         */
        public Builder retryOn(Predicate<RuntimeException> test) {
            this.retryable = Objects.requireNonNull(test, "test");
            return this;
        }

        /**
         * How to wait (default {@link Thread#sleep}); for tests.
         *
         * @param sleeper the sleeper
         * @return this builder
         */
        public Builder sleeper(Sleeper sleeper) {
            this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
            return this;
        }

        /**
         * Builds the policy.
         *
         * @return the policy
         */
        public RetryPolicy build() {
            return new RetryPolicy(this);
        }
    }
}
