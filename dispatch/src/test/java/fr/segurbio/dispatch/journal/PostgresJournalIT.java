package fr.segurbio.dispatch.journal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fr.segurbio.dispatch.DispatchException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The journal shared by two SGL nodes on a real PostgreSQL: no entry is taken or sent twice. */
class PostgresJournalIT {

    private static PostgresCluster cluster;

    @BeforeAll
    static void startPostgres() throws Exception {
        cluster = PostgresCluster.start();
    }

    @AfterAll
    static void stopPostgres() throws Exception {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void twoNodesOnOneJournalNeverTakeTheSameEntry() throws Exception {
        int reports = 400;
        Instant t0 = Instant.now();
        try (Journal a = Journal.postgresql(cluster.url(), "segur", new char[0]);
                Journal b = Journal.postgresql(cluster.url(), "segur", new char[0])) {
            List<SendingKey> keys = new ArrayList<>();
            for (int i = 0; i < reports; i++) {
                keys.add(new SendingKey("CR-PG-" + i, 1, Channel.DMP, "2790351215189" + (i % 10) + "9"));
                keys.add(new SendingKey("CR-PG-" + i, 1, Channel.MSSANTE_PROFESSIONAL, "dr" + i + "@x.mssante.fr"));
            }
            assertThat(a.plan(keys, t0)).isEqualTo(keys.size());
            assertThat(b.plan(keys, t0)).isZero();

            Map<SendingKey, AtomicInteger> taken = new ConcurrentHashMap<>();
            ExecutorService pool = Executors.newFixedThreadPool(2);
            try {
                List<Future<Integer>> nodes = new ArrayList<>();
                for (Object[] node : new Object[][] {{a, "node-a"}, {b, "node-b"}}) {
                    Journal j = (Journal) node[0];
                    String name = (String) node[1];
                    nodes.add(pool.submit(() -> {
                        int sent = 0;
                        while (true) {
                            List<JournalEntry> batch = j.claim(name, 7, Instant.now(), Duration.ofMinutes(5));
                            if (batch.isEmpty()) {
                                return sent;
                            }
                            for (JournalEntry e : batch) {
                                taken.computeIfAbsent(e.key(), k -> new AtomicInteger()).incrementAndGet();
                                j.recordRemoteIds(e.key(), name, "id-" + e.key().reportId() + "-" + e.key().channel());
                                j.markSent(e.key(), name, "Success");
                                sent++;
                            }
                        }
                    }));
                }
                int total = 0;
                List<Integer> perNode = new ArrayList<>();
                for (Future<Integer> f : nodes) {
                    int n = f.get();
                    perNode.add(n);
                    total += n;
                }
                assertThat(total).isEqualTo(keys.size());
                assertThat(perNode).allSatisfy(n -> assertThat(n).isPositive());
            } finally {
                pool.shutdownNow();
            }
            assertThat(taken).hasSize(keys.size());
            assertThat(taken.values()).allSatisfy(n -> assertThat(n.get()).isEqualTo(1));
            // the other tests of the class share the database: this test's entries are looked at one by one
            assertThat(keys).allSatisfy(k -> assertThat(a.find(k)).hasValueSatisfying(
                    e -> assertThat(e.state()).isEqualTo(SendingState.SENT)));
            assertThat(a.counts()).containsEntry(SendingState.IN_FLIGHT, 0);
            assertThat(b.findByRemoteId("id-CR-PG-7-DMP")).isPresent();
        }
    }

    @Test
    void aReleaseIsNotTakenByAnotherNodeWhileItsSubmissionIsInFlight() {
        // earlier than every other test's entries, so that only this test's are due
        Instant t0 = Instant.parse("2026-12-02T08:00:00Z");
        String ins = "279035121518989";
        SendingKey submission = new SendingKey("CR-PG-HOLD", 1, Channel.DMP, ins);
        SendingKey release = new SendingKey("CR-PG-HOLD", 1, Channel.DMP_RELEASE, ins);
        SendingKey replacement = new SendingKey("CR-PG-HOLD", 2, Channel.DMP, ins);
        try (Journal a = Journal.postgresql(cluster.url(), "segur", new char[0]);
                Journal b = Journal.postgresql(cluster.url(), "segur", new char[0])) {
            a.plan(List.of(release, replacement, submission), t0);
            assertThat(a.claim("node-a", 5, t0, Duration.ofMinutes(2))).extracting(JournalEntry::key)
                    .containsExactly(submission);
            assertThat(b.claim("node-b", 5, t0.plusSeconds(1), Duration.ofMinutes(2))).isEmpty();
            a.markSent(submission, "node-a", "Success");
            assertThat(b.claim("node-b", 5, t0.plusSeconds(2), Duration.ofMinutes(2))).extracting(JournalEntry::key)
                    .containsExactly(release, replacement);
            // done, so that the other tests find nothing of this one due
            b.markSent(release, "node-b", "Success");
            b.markSent(replacement, "node-b", "Success");
        }
    }

    @Test
    void aNodeThatDiesLeavesItsEntriesToTheOtherOnceTheLeaseIsOver() {
        Instant t0 = Instant.parse("2026-12-02T09:00:00Z");
        SendingKey k = new SendingKey("CR-PG-LEASE", 1, Channel.MSSANTE_PATIENT,
                "279035121518989@patient.mssante.fr");
        try (Journal a = Journal.postgresql(cluster.url(), "segur", new char[0]);
                Journal b = Journal.postgresql(cluster.url(), "segur", new char[0])) {
            a.plan(List.of(k), t0);
            assertThat(a.claim("node-a", 5, t0, Duration.ofSeconds(30))).extracting(JournalEntry::key).contains(k);
            a.recordRemoteIds(k, "node-a", "<m1@lab.mssante.fr>");
            assertThat(b.claim("node-b", 5, t0.plusSeconds(10), Duration.ofSeconds(30))).isEmpty();
            List<JournalEntry> later = b.claim("node-b", 5, t0.plusSeconds(31), Duration.ofSeconds(30));
            assertThat(later).singleElement().satisfies(e -> assertThat(e.mayHaveReachedRemote()).isTrue());
            assertThatThrownBy(() -> a.markSent(k, "node-a", "250 OK")).isInstanceOf(DispatchException.class)
                    .hasMessageContaining("DISPATCH-006");
        }
    }

    @Test
    void anUnreachableDatabaseIsReportedWithoutItsPassword() {
        assertThatThrownBy(() -> Journal.postgresql("jdbc:postgresql://127.0.0.1:1/sgl?password=s3cret", "segur",
                "s3cret".toCharArray())).isInstanceOf(DispatchException.class).hasMessageContaining("DISPATCH-003")
                .hasMessageNotContaining("s3cret");
    }
}
