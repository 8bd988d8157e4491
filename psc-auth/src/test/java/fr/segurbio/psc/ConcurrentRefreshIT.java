package fr.segurbio.psc;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;

import fr.segurbio.transport.ServiceConnection;
import no.nav.security.mock.oauth2.MockOAuth2Server;

/**
 * 1,000 logged-in users whose access tokens expire at the same moment, each asked for a token by several threads
 * at once: every user's tokens are renewed exactly once (exactly 1,000 refresh grants sent, counted by the
 * service connection's audit events), and
 * every thread of a user gets that user's new token.
 */
class ConcurrentRefreshIT {

    static final int USERS = 1000;
    static final int THREADS_PER_USER = 4;

    /**
     * Real time until the test sets it, then the time it was set to: the logins (whose ID tokens are checked against
     * this clock) may take longer than the allowed clock skew on a loaded machine without an ID token looking issued
     * in the future.
     */
    static final class MovableClock extends Clock {
        final AtomicReference<Instant> now = new AtomicReference<>();

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            Instant set = now.get();
            return set != null ? set : Instant.now();
        }
    }

    @Test
    void thousandUsersRefreshWithoutALostOrDoubledRefresh() throws Exception {
        MockOAuth2Server server = Fixtures.mockPsc(Fixtures.oneSituation(), Duration.ofSeconds(120));
        MovableClock clock = new MovableClock();
        ExecutorService pool = Executors.newFixedThreadPool(32);
        java.util.concurrent.atomic.AtomicInteger refreshCalls = new java.util.concurrent.atomic.AtomicInteger();
        try (ServiceConnection http = ServiceConnection.builder().connectTimeout(Duration.ofSeconds(5))
                .responseTimeout(Duration.ofSeconds(20)).totalTimeout(Duration.ofSeconds(30))
                .maxConnections(200, 200).noCircuitBreaker()
                .auditListener(e -> {
                    if (e.operation().equals("refresh")) {
                        refreshCalls.incrementAndGet();
                    }
                }).build()) {
            PscProvider provider = PscProvider.builder(PscEnvironment.ofIssuer(
                    URI.create(server.issuerUrl("psc").toString()))).connection(http).build();
            PscClient psc = PscClient.builder(provider).clientId(Fixtures.CLIENT_ID).clientSecret(Fixtures.SECRET)
                    .clock(clock).refreshMargin(Duration.ofSeconds(100)).build();

            List<Future<PscSession>> logins = new ArrayList<>();
            for (int i = 0; i < USERS; i++) {
                logins.add(pool.submit(() -> {
                    LoginRequest pending = psc.startLogin(URI.create("https://sgl.lab.test/cb"));
                    return psc.session(psc.completeLogin(pending, Browser.redirectOf(pending.authorizationUri())));
                }));
            }
            List<PscSession> sessions = new ArrayList<>();
            for (Future<PscSession> f : logins) {
                sessions.add(f.get(60, TimeUnit.SECONDS));
            }
            assertThat(refreshCalls.get()).isZero();

            // every access token (120 s, obtained before now) is now within the 100 s margin, and stays out of it
            // once refreshed (the clock stands still from here)
            clock.now.set(Instant.now().plusSeconds(30));
            CountDownLatch go = new CountDownLatch(1);
            List<Future<String>> calls = new ArrayList<>();
            for (PscSession s : sessions) {
                for (int t = 0; t < THREADS_PER_USER; t++) {
                    calls.add(pool.submit(() -> {
                        go.await();
                        return s.accessToken();
                    }));
                }
            }
            go.countDown();
            Set<String> distinct = ConcurrentHashMap.newKeySet();
            for (int u = 0; u < USERS; u++) {
                String first = calls.get(u * THREADS_PER_USER).get(60, TimeUnit.SECONDS);
                for (int t = 1; t < THREADS_PER_USER; t++) {
                    assertThat(calls.get(u * THREADS_PER_USER + t).get(60, TimeUnit.SECONDS)).isEqualTo(first);
                }
                distinct.add(first);
                assertThat(sessions.get(u).refreshCount()).isEqualTo(1);
                assertThat(first).isEqualTo(sessions.get(u).tokens().accessToken());
            }
            assertThat(distinct).hasSize(USERS);
            assertThat(refreshCalls.get()).isEqualTo(USERS);
        } finally {
            pool.shutdownNow();
            server.shutdown();
        }
    }
}
