package fr.segurbio.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import javax.xml.namespace.QName;

import org.junit.jupiter.api.Test;

class RetryPolicyTest {

    private static TransportException timeout() {
        return new TransportException(TransportError.TIMEOUT, "https://x", "response PT1S");
    }

    @Test
    void backoffGrowsExponentiallyAndIsCapped() {
        RetryPolicy p = RetryPolicy.builder().initialBackoff(Duration.ofMillis(100)).multiplier(2)
                .maxBackoff(Duration.ofMillis(500)).jitter(0).build();
        assertThat(List.of(p.backoff(1), p.backoff(2), p.backoff(3), p.backoff(4), p.backoff(5)))
                .containsExactly(Duration.ofMillis(100), Duration.ofMillis(200), Duration.ofMillis(400),
                        Duration.ofMillis(500), Duration.ofMillis(500));
    }

    @Test
    void jitterStaysWithinItsBoundsAndVaries() {
        RetryPolicy p = RetryPolicy.builder().initialBackoff(Duration.ofMillis(1000)).jitter(0.2)
                .maxBackoff(Duration.ofSeconds(10)).build();
        List<Long> values = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            values.add(p.backoff(1).toMillis());
        }
        assertThat(values).allSatisfy(v -> assertThat(v).isBetween(800L, 1200L));
        assertThat(values.stream().distinct().count()).isGreaterThan(10);
    }

    @Test
    void attemptsAreBounded() {
        List<Duration> waits = new ArrayList<>();
        AtomicInteger calls = new AtomicInteger();
        RetryPolicy p = RetryPolicy.builder().maxAttempts(3).sleeper(waits::add).build();
        assertThatThrownBy(() -> p.execute(() -> {
            calls.incrementAndGet();
            throw timeout();
        })).isInstanceOf(TransportException.class);
        assertThat(calls.get()).isEqualTo(3);
        assertThat(waits).hasSize(2);
    }

    @Test
    void succeedsAfterTransientFailures() {
        AtomicInteger calls = new AtomicInteger();
        List<Integer> retried = new ArrayList<>();
        RetryPolicy p = RetryPolicy.builder().maxAttempts(5).sleeper(d -> { }).build();
        String r = p.execute(() -> {
            if (calls.incrementAndGet() < 3) {
                throw timeout();
            }
            return "ok";
        }, (attempt, e) -> retried.add(attempt));
        assertThat(r).isEqualTo("ok");
        assertThat(retried).containsExactly(1, 2);
    }

    @Test
    void permanentFailuresAreNotRetried() {
        AtomicInteger calls = new AtomicInteger();
        RetryPolicy p = RetryPolicy.builder().maxAttempts(5).sleeper(d -> { }).build();
        assertThatThrownBy(() -> p.execute(() -> {
            calls.incrementAndGet();
            throw new TransportException(TransportError.SERVER_NOT_TRUSTED, "https://x", "PKIX");
        })).isInstanceOf(TransportException.class);
        assertThat(calls.get()).isEqualTo(1);
    }

    @Test
    void whatIsTransient() {
        assertThat(RetryPolicy.isTransient(timeout())).isTrue();
        assertThat(RetryPolicy.isTransient(new TransportException(TransportError.CONNECTION_FAILED, "x", "y"))).isTrue();
        assertThat(RetryPolicy.isTransient(
                new RemoteServiceException(TransportError.HTTP_ERROR, "S", 503, "text/html", ""))).isTrue();
        assertThat(RetryPolicy.isTransient(
                new RemoteServiceException(TransportError.HTTP_ERROR, "S", 404, "text/html", ""))).isFalse();
        assertThat(RetryPolicy.isTransient(new SoapFaultException("S", 503, null, "", new QName("x", "Receiver"),
                List.of(), java.util.Map.of(), null))).isFalse();
        assertThat(RetryPolicy.isTransient(new TransportException(TransportError.XML_DTD_FORBIDDEN, "x"))).isFalse();
        assertThat(RetryPolicy.isTransient(new IllegalStateException())).isFalse();
    }

    @Test
    void noneMakesOneAttempt() {
        AtomicInteger calls = new AtomicInteger();
        assertThatThrownBy(() -> RetryPolicy.none().execute(() -> {
            calls.incrementAndGet();
            throw timeout();
        })).isInstanceOf(TransportException.class);
        assertThat(calls.get()).isEqualTo(1);
    }

    @Test
    void invalidSettingsAreRefused() {
        assertThatThrownBy(() -> RetryPolicy.builder().maxAttempts(0)).isInstanceOf(TransportException.class);
        assertThatThrownBy(() -> RetryPolicy.builder().jitter(1.5)).isInstanceOf(TransportException.class);
        assertThatThrownBy(() -> RetryPolicy.builder().multiplier(0.5)).isInstanceOf(TransportException.class);
    }
}
