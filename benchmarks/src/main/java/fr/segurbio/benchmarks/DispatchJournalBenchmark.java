package fr.segurbio.benchmarks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import fr.segurbio.dispatch.journal.Channel;
import fr.segurbio.dispatch.journal.Journal;
import fr.segurbio.dispatch.journal.JournalEntry;
import fr.segurbio.dispatch.journal.PlannedSending;
import fr.segurbio.dispatch.journal.SendingKey;
import fr.segurbio.dispatch.journal.SendingState;
import fr.segurbio.dispatch.journal.StoredPublication;

/**
 * The dispatch journal on its embedded H2 file (every commit on disk before it returns): the journal's cost per
 * sending as the dispatcher pays it (published with its documents and remote ids, taken, marked sent: target
 * &lt; 1 ms), alone and as one of a report's three, and the recovery of 10,000 entries interrupted by a crash
 * (open the journal again, release this node's in-flight entries and take them all again: target &lt; 2 s).
 *
 * <pre>{@code
 * java -jar benchmarks/target/benchmarks.jar DispatchJournalBenchmark -f 1 -wi 3 -i 5
 * }</pre>
 */
@State(Scope.Benchmark)
@Fork(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class DispatchJournalBenchmark {

    private static final Instant T0 = Instant.parse("2026-12-02T08:00:00Z");
    private static final Duration LEASE = Duration.ofMinutes(5);

    /** A sending's documents when only the journal is measured. */
    private static final StoredPublication SMALL = new StoredPublication(Map.of("hold", "false"),
            Map.of("n3", new byte[512], "n1", new byte[512]));
    /** A report's documents at their usual sizes. */
    private static final StoredPublication REPORT = report();

    private Path dir;
    private Journal journal;
    private long counter;

    private static StoredPublication report() {
        Random r = new Random(42);
        byte[] n3 = new byte[30 * 1024];
        byte[] n1 = new byte[40 * 1024];
        byte[] pdf = new byte[20 * 1024];
        r.nextBytes(n3);
        r.nextBytes(n1);
        r.nextBytes(pdf);
        return new StoredPublication(Map.of("hold", "false", "ins", "279035121518989"),
                Map.of("n3", n3, "n1", n1, "pdf", pdf));
    }

    /** Opens a fresh journal. */
    @Setup(Level.Trial)
    public void open() {
        try {
            dir = Files.createTempDirectory("segur-journal-bench");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        journal = Journal.embedded(dir);
    }

    /** Closes and deletes it. */
    @TearDown(Level.Trial)
    public void close() throws IOException {
        journal.close();
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    /**
     * One sending's whole journal life as the {@link fr.segurbio.dispatch.Dispatcher} lives it: published with its
     * documents and its remote ids (one commit), taken, marked sent (3 commits, each on disk before it returns).
     *
     * @return the entry's final attempt count
     */
    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    public int oneSending() {
        SendingKey k = new SendingKey("CR-B-" + counter++, 1, Channel.MSSANTE_PROFESSIONAL, "dr@x.mssante.fr");
        journal.publish(k.reportId(), 1, SMALL, List.of(new PlannedSending(k, SendingState.PLANNED,
                Optional.of("<" + k.reportId() + "@lab.mssante.fr>"))), T0);
        List<JournalEntry> taken = journal.claim("bench", 1, T0, LEASE);
        journal.markSent(k, "bench", "250 2.0.0 OK");
        return taken.get(0).attempts();
    }

    /**
     * The journal's share of a real report, per sending: the N3 (30 KB), the N1 (40 KB) and the PDF (20 KB) kept
     * with its three sendings (DMP, prescriber, patient) and their remote ids, the three taken together, each marked
     * sent: five commits for three sendings.
     *
     * @return the sendings taken
     */
    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    @OperationsPerInvocation(3)
    public int perSendingOfAReport() {
        String id = "CR-R-" + counter++;
        List<SendingKey> keys = List.of(new SendingKey(id, 1, Channel.DMP, "279035121518989"),
                new SendingKey(id, 1, Channel.MSSANTE_PROFESSIONAL, "dr@x.mssante.fr"),
                new SendingKey(id, 1, Channel.MSSANTE_PATIENT, "279035121518989@patient.mssante.fr"));
        journal.publish(id, 1, REPORT, keys.stream().map(k -> new PlannedSending(k, SendingState.PLANNED,
                Optional.of("<" + k.channel() + "." + id + "@lab.mssante.fr>"))).toList(), T0);
        List<JournalEntry> taken = journal.claim("bench", 3, T0, LEASE);
        for (JournalEntry e : taken) {
            journal.markSent(e.key(), "bench", "250 2.0.0 OK");
        }
        return taken.size();
    }

    /** 10,000 entries in flight on a node that crashed. */
    @State(Scope.Thread)
    public static class Crashed {
        Path dir;
        Journal journal;

        /**
         * Fills a journal with 10,000 in-flight entries and closes it, as a node would leave it when it died.
         *
         * @throws IOException when the folder cannot be made
         */
        @Setup(Level.Invocation)
        public void crash() throws IOException {
            dir = Files.createTempDirectory("segur-journal-crash");
            try (Journal before = Journal.embedded(dir)) {
                List<SendingKey> keys = new ArrayList<>(10_000);
                for (int i = 0; i < 10_000; i++) {
                    keys.add(new SendingKey("CR-C-" + i, 1, Channel.DMP, "27903512151" + (1000 + i % 9000)));
                }
                before.plan(keys, T0);
                while (!before.claim("node-1", 500, T0, LEASE).isEmpty()) {
                    // take them all, as a node would before it died
                }
            }
        }

        /**
         * Deletes the journal.
         *
         * @throws IOException when a file cannot be deleted
         */
        @TearDown(Level.Invocation)
        public void delete() throws IOException {
            if (journal != null) {
                journal.close();
                journal = null;
            }
            try (Stream<Path> files = Files.walk(dir)) {
                for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }

    /**
     * The restarted node opens the journal, releases its 10,000 interrupted entries and takes them all again.
     *
     * @param c the crashed journal
     * @return how many entries were taken again
     */
    @Benchmark
    @BenchmarkMode(Mode.SingleShotTime)
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    @Warmup(iterations = 2)
    @Measurement(iterations = 5)
    public int recover10000(Crashed c) {
        Instant later = T0.plusSeconds(1);
        c.journal = Journal.embedded(c.dir);
        c.journal.releaseAll("node-1", later);
        int taken = 0;
        List<JournalEntry> batch;
        while (!(batch = c.journal.claim("node-1", 500, later, LEASE)).isEmpty()) {
            taken += batch.size();
        }
        return taken;
    }
}
