package fr.segurbio.dispatch.journal;

import static org.assertj.core.api.Assertions.assertThat;

import fr.segurbio.cda.xds.XdsProjection;
import fr.segurbio.dispatch.ChannelSender;
import fr.segurbio.dispatch.Dispatcher;
import fr.segurbio.dispatch.MssSender;
import fr.segurbio.dispatch.RetrySchedule;
import fr.segurbio.dispatch.chaos.ChaosReports;
import fr.segurbio.dispatch.chaos.SimulatorClients;
import fr.segurbio.dispatch.chaos.Simulators;
import fr.segurbio.testkit.dmp.DmpFault;
import fr.segurbio.testkit.dmp.DmpTransaction;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two {@link Dispatcher}s (two SGL nodes, each with its own connection and its own DMP and MSSanté clients) on one
 * journal in a real PostgreSQL, each publishing half of the reports and both sending everything that is due,
 * concurrently, against the real simulators
 * with faults (DMP 5xx and answers lost after commit, SMTP 4xx and answers lost after acceptance): no sending is
 * done twice, counted at the remote side — each document once in the DMP, each message once in its mailbox and
 * accepted once by the operator (its sent-folder record) — and both nodes did part of the work; publishing the
 * reports again on the other node afterwards sends nothing.
 */
class TwoDispatchersOnePostgresIT {

    private static final int REPORTS = 30;
    private static final String RUN = "PG";
    private static PostgresCluster cluster;

    @TempDir
    Path dir;

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
    void twoNodesOnOneJournalNeverSendTheSameEntryTwice() throws Exception {
        try (Simulators sim = new Simulators(dir, 7L, true, f -> f)) {
            SplittableRandom random = new SplittableRandom(7L);
            for (int c = 1; c <= REPORTS * 2 + 50; c++) {
                double x = random.nextDouble();
                if (x < 0.08) {
                    sim.dmp.inject(DmpTransaction.ITI_41, c, DmpFault.dropAfterCommit());
                } else if (x < 0.14) {
                    sim.dmp.inject(DmpTransaction.ITI_41, c, DmpFault.httpStatus(503));
                }
            }
            sim.smtpFaults.faults(0.05, 0.05, 0.05);
            Map<String, String> settings = new HashMap<>(sim.clientSettings());
            settings.put(SimulatorClients.DMP_TIMEOUT, "1500");
            settings.put(SimulatorClients.MSS_TIMEOUT, "1500");
            Map<String, Set<SendingKey>> sentBy = new ConcurrentHashMap<>();
            ExecutorService pool = Executors.newFixedThreadPool(2);
            try (SimulatorClients ca = SimulatorClients.of(settings); SimulatorClients cb = SimulatorClients.of(settings);
                    Journal ja = Journal.postgresql(cluster.url(), "segur", new char[0]);
                    Journal jb = Journal.postgresql(cluster.url(), "segur", new char[0])) {
                Dispatcher a = node("node-a", ja, ca, sentBy);
                Dispatcher b = node("node-b", jb, cb, sentBy);
                List<Future<?>> runs = new ArrayList<>();
                List<Dispatcher> nodes = List.of(a, b);
                for (int i = 0; i < nodes.size(); i++) {
                    Dispatcher d = nodes.get(i);
                    int first = i;
                    runs.add(pool.submit(() -> {
                        // each report is published where it was validated: node a the even ones, node b the odd
                        for (int n = first; n < REPORTS; n += 2) {
                            d.publish(ChaosReports.publication(ChaosReports.id(RUN, n)));
                            d.runDue();
                        }
                        long until = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
                        while (System.nanoTime() < until) {
                            if (d.runDue() == 0) {
                                Map<SendingState, Integer> c = ja.counts();
                                if (c.get(SendingState.PLANNED) + c.get(SendingState.TO_RETRY)
                                        + c.get(SendingState.IN_FLIGHT) == 0) {
                                    return null;
                                }
                                Thread.sleep(30);
                            }
                        }
                        throw new IllegalStateException("still sending after 3 minutes: " + ja.counts());
                    }));
                }
                for (Future<?> f : runs) {
                    f.get(4, TimeUnit.MINUTES);
                }
                // publishing them again on the other node plans nothing new and sends nothing again
                for (int n = 0; n < REPORTS; n++) {
                    (n % 2 == 0 ? b : a).publish(ChaosReports.publication(ChaosReports.id(RUN, n)));
                }
                assertThat(a.drain() + b.drain()).isZero();

                // The journal: every sending once, sent; each completed (sent, or found at the remote side after a
                // lost answer) by exactly one node.
                List<SendingKey> keys = new ArrayList<>();
                for (int n = 0; n < REPORTS; n++) {
                    List<JournalEntry> entries = ja.entries(ChaosReports.id(RUN, n));
                    assertThat(entries).hasSize(n % 4 == 0 ? 4 : 3)
                            .allSatisfy(e -> assertThat(e.state()).isEqualTo(SendingState.SENT));
                    entries.forEach(e -> keys.add(e.key()));
                }
                Set<SendingKey> byA = sentBy.getOrDefault("node-a", Set.of());
                Set<SendingKey> byB = sentBy.getOrDefault("node-b", Set.of());
                assertThat(byA).as("node a did part of the work").isNotEmpty();
                assertThat(byB).as("node b did part of the work").isNotEmpty();
                Set<SendingKey> both = new HashSet<>(byA);
                both.retainAll(byB);
                assertThat(both).as("sent by both nodes").isEmpty();
                Set<SendingKey> all = new HashSet<>(byA);
                all.addAll(byB);
                assertThat(all).containsExactlyInAnyOrderElementsOf(keys);

                // The remote side: each document once in the DMP, each message once in its mailbox, each message
                // accepted once by the operator.
                Map<String, Integer> docs = new HashMap<>();
                Map<String, Map<String, Integer>> mail = new HashMap<>();
                for (int n = 0; n < REPORTS; n++) {
                    var report = ChaosReports.report(ChaosReports.id(RUN, n));
                    docs.put(XdsProjection.n3(report, new byte[1]).uniqueId(), 1);
                    docs.put(XdsProjection.n1(report, new byte[1]).uniqueId(), 1);
                }
                for (SendingKey k : keys) {
                    if (k.channel() != Channel.DMP) {
                        String id = MssSender.messageId(k, "labo.mssante.fr");
                        mail.computeIfAbsent(k.recipient(), x -> new HashMap<>()).put(id, 1);
                        mail.computeIfAbsent(ChaosReports.LAB, x -> new HashMap<>()).put(id, 1);
                    }
                }
                assertThat(sim.dmpDocuments()).isEqualTo(docs);
                for (String box : ChaosReports.mailboxes()) {
                    assertThat(sim.mailbox(box)).as(box).isEqualTo(mail.getOrDefault(box, Map.of()));
                }
                assertThat(sim.folder(ChaosReports.LAB, Simulators.SENT)).isEqualTo(mail.get(ChaosReports.LAB));
                assertThat(sim.smtpFaults.refusals() + sim.smtpFaults.drops()).as("SMTP faults").isPositive();
            } finally {
                pool.shutdownNow();
            }
        }
    }

    private static Dispatcher node(String name, Journal journal, SimulatorClients clients,
            Map<String, Set<SendingKey>> sentBy) {
        Dispatcher.Builder b = Dispatcher.builder(journal).node(name).batch(3).lease(Duration.ofMinutes(2))
                .retrySchedule(new RetrySchedule(Duration.ofMillis(100), Duration.ofSeconds(1), 0.3, 1000));
        for (ChannelSender s : clients.senders()) {
            b.sender(new ChannelSender() {
                @Override
                public Channel channel() {
                    return s.channel();
                }

                @Override
                public String remoteIds(SendingKey key, StoredPublication p) {
                    return s.remoteIds(key, p);
                }

                @Override
                public boolean alreadyDone(SendingKey key, StoredPublication p, String ids) {
                    boolean done = s.alreadyDone(key, p, ids);
                    if (done) {
                        sentBy.computeIfAbsent(name, x -> ConcurrentHashMap.newKeySet()).add(key);
                    }
                    return done;
                }

                @Override
                public String send(SendingKey key, StoredPublication p, String ids) {
                    String answer = s.send(key, p, ids);
                    sentBy.computeIfAbsent(name, x -> ConcurrentHashMap.newKeySet()).add(key);
                    return answer;
                }
            });
        }
        return b.build();
    }
}
