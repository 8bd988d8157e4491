package fr.segurbio.dispatch.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import fr.segurbio.cda.xds.XdsProjection;
import fr.segurbio.dispatch.MssSender;
import fr.segurbio.dispatch.journal.Channel;
import fr.segurbio.dispatch.journal.Journal;
import fr.segurbio.dispatch.journal.JournalEntry;
import fr.segurbio.dispatch.journal.SendingKey;
import fr.segurbio.dispatch.journal.SendingState;
import fr.segurbio.testkit.dmp.DmpFault;
import fr.segurbio.testkit.dmp.DmpTransaction;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The chaos test of issue 13: reports dispatched against the real simulators (DMP over mutual TLS, GreenMail
 * behind the MSSanté operator front) with injected faults — DMP timeouts, HTTP 5xx, connections dropped before and
 * after the registry committed, SMTP 4xx to {@code MAIL} and {@code DATA}, SMTP connections dropped after the store
 * accepted the message — while the dispatcher runs in a child JVM ({@link ChaosNode}) killed with {@code kill -9}
 * ({@link Process#destroyForcibly()}) at random, seeded instants and started again on the same embedded journal.
 * Afterwards every document is in the DMP exactly once and every message in its mailbox exactly once, counted
 * from the simulator's and the mail server's stores, and every sending of the journal is {@code SENT}.
 *
 * <p>The senders are the SDK's own ({@link fr.segurbio.dispatch.DmpSender}, {@link MssSender}); the MSSanté
 * operator files each accepted message in the lab's sent folder as it accepts it, the record {@link MssSender}
 * searches after a lost answer or a crash.
 *
 * <p>System properties: {@code chaos.reports} (default 40: about 130 sendings, under 2 minutes on 2 cores),
 * {@code chaos.kills} (default 4), {@code chaos.killWindowMs} (default 3000: each kill comes 0.3 s to 3.3 s after the node is up),
 * {@code chaos.seed} (default 13), {@code chaos.clientFilesCopies} (default false: true makes the
 * lab file its copies itself after each acceptance, {@link MssSender}'s default, which a kill or a lost answer
 * between the acceptance and the filing turns into a duplicate).
 */
class ChaosIT {

    private static final int REPORTS = Integer.getInteger("chaos.reports", 40);
    private static final int KILLS = Integer.getInteger("chaos.kills", 4);
    private static final long SEED = Long.getLong("chaos.seed", 13L);
    private static final int KILL_WINDOW_MS = Integer.getInteger("chaos.killWindowMs", 3_000);
    private static final boolean CLIENT_FILES = Boolean.getBoolean("chaos.clientFilesCopies");
    private static final String RUN = "S" + SEED;

    @TempDir
    Path dir;

    @Test
    void killedAndRestartedUnderFaultsEverythingArrivesExactlyOnce() throws Exception {
        SplittableRandom random = new SplittableRandom(SEED);
        Path journalDir = dir.resolve("journal");
        Path log = Path.of("target", "chaos-nodes-" + SEED + ".log").toAbsolutePath();
        Files.createDirectories(log.getParent());
        Files.deleteIfExists(log);
        int kills = 0;
        int starts = 0;
        long t0 = System.nanoTime();
        try (Simulators sim = new Simulators(dir.resolve("pki"), SEED, !CLIENT_FILES, f -> f)) {
            List<Integer> faultyCalls = injectDmpFaults(sim, random);
            sim.smtpFaults.faults(0.06, 0.06, 0.06);
            List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                    .toString(), "-Xmx384m", "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"),
                    ChaosNode.class.getName(), "journal=" + journalDir, "run=" + RUN, "reports=" + REPORTS,
                    "node=chaos", SimulatorClients.DMP_TIMEOUT + "=1000", SimulatorClients.MSS_TIMEOUT + "=1500",
                    SimulatorClients.FILE_COPIES + "=" + CLIENT_FILES));
            cmd.addAll(SimulatorClients.arguments(sim.clientSettings()));
            while (true) {
                Node node = new Node(cmd, log);
                starts++;
                if (kills < KILLS) {
                    assertThat(node.ready.await(120, TimeUnit.SECONDS)).as("node started, see %s", log).isTrue();
                    long wait = 300 + random.nextInt(KILL_WINDOW_MS);
                    if (!node.process.waitFor(wait, TimeUnit.MILLISECONDS)) {
                        node.process.destroyForcibly();
                        assertThat(node.process.waitFor(30, TimeUnit.SECONDS)).isTrue();
                        kills++;
                        continue;
                    }
                } else {
                    assertThat(node.process.waitFor(Math.max(600, REPORTS * 3L), TimeUnit.SECONDS))
                            .as("node finished, see %s", log).isTrue();
                }
                node.reader.join(5_000);
                assertThat(node.process.exitValue()).as("exit status, see %s:%n%s", log, tail(log)).isZero();
                assertThat(node.done).as("node said DONE").isTrue();
                break;
            }
            long seconds = Duration.ofNanos(System.nanoTime() - t0).toSeconds();

            // The journal: every sending recorded and sent, none failed.
            List<SendingKey> keys = new ArrayList<>();
            try (Journal journal = Journal.embedded(journalDir)) {
                for (int n = 0; n < REPORTS; n++) {
                    List<JournalEntry> entries = journal.entries(ChaosReports.id(RUN, n));
                    assertThat(entries).as("report %d", n).hasSize(n % 4 == 0 ? 4 : 3)
                            .allSatisfy(e -> assertThat(e.state()).isEqualTo(SendingState.SENT));
                    entries.forEach(e -> keys.add(e.key()));
                }
                assertThat(journal.counts().get(SendingState.FAILED)).isZero();
            }

            // The DMP's store: the N3 and the N1 of every report, each exactly once, nothing else.
            Map<String, Integer> expectedDocs = new HashMap<>();
            for (int n = 0; n < REPORTS; n++) {
                var report = ChaosReports.report(ChaosReports.id(RUN, n));
                expectedDocs.put(XdsProjection.n3(report, new byte[1]).uniqueId(), 1);
                expectedDocs.put(XdsProjection.n1(report, new byte[1]).uniqueId(), 1);
            }
            assertThat(sim.dmpDocuments()).isEqualTo(expectedDocs);

            // The mail store: each mailbox holds each of its messages exactly once, and nothing else.
            Map<String, Map<String, Integer>> expectedMail = new HashMap<>();
            for (SendingKey k : keys) {
                if (k.channel() != Channel.DMP) {
                    expectedMail.computeIfAbsent(k.recipient(), a -> new HashMap<>())
                            .put(MssSender.messageId(k, "labo.mssante.fr"), 1);
                    expectedMail.computeIfAbsent(ChaosReports.LAB, a -> new HashMap<>())
                            .put(MssSender.messageId(k, "labo.mssante.fr"), 1);
                }
            }
            for (String box : ChaosReports.mailboxes()) {
                assertThat(sim.mailbox(box)).as(box).isEqualTo(expectedMail.getOrDefault(box, Map.of()));
            }
            assertThat(sim.folder(ChaosReports.LAB, Simulators.SENT)).as("the lab's sent folder")
                    .isEqualTo(expectedMail.get(ChaosReports.LAB));

            // The faults did happen.
            int iti41 = sim.dmp.callCount(DmpTransaction.ITI_41);
            long dmpFaults = faultyCalls.stream().filter(c -> c <= iti41).count();
            System.out.printf("chaos: %d reports, %d sendings, %d starts, %d kills -9, %d ITI-41 calls, %d ITI-18"
                    + " calls, %d DMP faults, %d SMTP 4xx, %d SMTP drops after commit, %d s%n", REPORTS, keys.size(),
                    starts, kills, iti41, sim.dmp.callCount(DmpTransaction.ITI_18), dmpFaults,
                    sim.smtpFaults.refusals(), sim.smtpFaults.drops(), seconds);
            assertThat(kills).isEqualTo(KILLS);
            assertThat(dmpFaults).as("ITI-41 calls that got a fault").isPositive();
            assertThat(sim.smtpFaults.refusals() + sim.smtpFaults.drops()).as("SMTP faults").isPositive();
        }
    }

    /**
     * Faults on about one ITI-41 call in four and one ITI-18 call in ten, seeded.
     *
     * @return the numbers of the ITI-41 calls that get a fault
     */
    private static List<Integer> injectDmpFaults(Simulators sim, SplittableRandom random) {
        List<Integer> faulty = new ArrayList<>();
        int calls = REPORTS * 3 + 200;
        for (int c = 1; c <= calls; c++) {
            double x = random.nextDouble();
            DmpFault f = x < 0.06 ? DmpFault.delay(Duration.ofMillis(1_500))
                    : x < 0.11 ? DmpFault.httpStatus(random.nextBoolean() ? 500 : 503)
                    : x < 0.20 ? DmpFault.dropAfterCommit()
                    : x < 0.25 ? DmpFault.dropBeforeCommit() : null;
            if (f != null) {
                sim.dmp.inject(DmpTransaction.ITI_41, c, f);
                faulty.add(c);
            }
            if (random.nextDouble() < 0.10) {
                sim.dmp.inject(DmpTransaction.ITI_18, c, DmpFault.httpStatus(503));
            }
        }
        return faulty;
    }

    private static String tail(Path log) throws IOException {
        List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    }

    /** One run of the child JVM, its output appended to the log. */
    private static final class Node {
        final Process process;
        final CountDownLatch ready = new CountDownLatch(1);
        final Thread reader;
        volatile boolean done;

        Node(List<String> cmd, Path log) throws IOException {
            process = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            reader = new Thread(() -> {
                try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(),
                        StandardCharsets.UTF_8))) {
                    String line;
                    while ((line = in.readLine()) != null) {
                        if (line.equals("READY")) {
                            ready.countDown();
                        } else if (line.startsWith("DONE")) {
                            done = true;
                        }
                        Files.writeString(log, line + System.lineSeparator(), StandardCharsets.UTF_8,
                                StandardOpenOption.CREATE, StandardOpenOption.APPEND);
                    }
                } catch (IOException e) {
                    // the process was killed
                }
            }, "chaos-node-output");
            reader.setDaemon(true);
            reader.start();
        }
    }
}
