package fr.segurbio.dispatch.journal;

import static org.assertj.core.api.Assertions.assertThat;

import fr.segurbio.dispatch.JournalHolder;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The embedded journal written as the dispatcher writes it — a publishing thread storing each report's documents
 * and planning its sendings while several sending threads take entries, record their remote ids, mark them sent
 * or to retry — by a child JVM killed with {@code kill -9} at a random instant, many times, on the same file.
 * Each write is printed once its call has returned; after every kill the parent reopens the journal and finds
 * every acknowledged write: the documents of every published report, the remote ids of every recorded sending,
 * and the last acknowledged state of every sending (an entry acknowledged {@code SENT} must never come back in
 * flight or to retry).
 *
 * <p>Killing at random instants (it now kills after a random number of writes, so that a loaded machine still
 * lets the child write), it caught H2's lost commits (see {@code JdbcJournal}'s settings): with the store's space
 * reused, a sending
 * taken and given its remote ids right after the child opened the file was found back as planned, without them,
 * after kill 28 of one run and kill 40 of another; with every chunk appended, 150 kills lost nothing. {@code journal.rounds} (default 12) sets the number of kills; {@code -Djournal.rounds=150} is the long
 * run. It replaces the single-threaded {@code KilledJournalTest} and {@code RepeatedlyKilledJournalTest}.
 */
class ConcurrentlyKilledJournalTest {

    private static final int ROUNDS = Integer.getInteger("journal.rounds", 12);

    @TempDir
    Path dir;

    @Test
    void everyAcknowledgedWriteOfSeveralThreadsSurvivesEveryKill() throws Exception {
        SplittableRandom random = new SplittableRandom(20);
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Map<String, Boolean> published = new HashMap<>();
        Map<SendingKey, SendingState> acknowledged = new HashMap<>();
        Map<SendingKey, Integer> acknowledgedIn = new HashMap<>();
        Map<SendingKey, Integer> withIds = new HashMap<>();
        int writes = 0;
        for (int round = 0; round < ROUNDS; round++) {
            Process child = new ProcessBuilder(java, "-Xmx128m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                    "-cp", System.getProperty("java.class.path"), Writer.class.getName(), dir.toString())
                    .redirectErrorStream(true).start();
            // killed after a random number of acknowledged writes and a random few milliseconds more, wherever
            // its threads then are (counted in writes, not in time, so that a loaded machine still kills it late)
            int killAfter = 1 + random.nextInt(60);
            int pause = random.nextInt(20);
            int seen = 0;
            try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(),
                    StandardCharsets.UTF_8))) {
                String line;
                while ((line = out.readLine()) != null) {
                    if (line.equals("open")) {
                        continue;
                    }
                    String[] p = line.split(" ");
                    switch (p[0]) {
                        case "published" -> published.put(p[1], true);
                        case "recorded" -> withIds.put(Writer.key(p[1], p[2]), round);
                        case "state" -> {
                            acknowledged.put(Writer.key(p[1], p[2]), SendingState.valueOf(p[3]));
                            acknowledgedIn.put(Writer.key(p[1], p[2]), round);
                        }
                        default -> throw new AssertionError("child said: " + line);
                    }
                    writes++;
                    if (++seen == killAfter) {
                        Thread.sleep(pause);
                        break;
                    }
                }
            } finally {
                child.destroyForcibly();
                assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
            }
            try (Journal j = JournalHolder.openWhenFree(dir)) {
                for (String report : published.keySet()) {
                    assertThat(j.stored(report, 1)).as("documents of %s after kill %d", report, round).isPresent();
                    assertThat(j.entries(report)).as("sendings of %s after kill %d", report, round).hasSize(3);
                }
                for (Map.Entry<SendingKey, Integer> w : withIds.entrySet()) {
                    Optional<JournalEntry> e = j.find(w.getKey());
                    assertThat(e.flatMap(JournalEntry::remoteIds)).as("remote ids of %s (recorded by run %d) after"
                            + " kill %d: %s", w.getKey(), w.getValue(), round, e).isPresent();
                }
                for (Map.Entry<SendingKey, SendingState> a : acknowledged.entrySet()) {
                    Optional<JournalEntry> e = j.find(a.getKey());
                    SendingState now = e.map(JournalEntry::state).orElse(null);
                    if (a.getValue() == SendingState.SENT) {
                        assertThat(now).as("%s (sent in run %d) after kill %d: %s", a.getKey(),
                                acknowledgedIn.get(a.getKey()), round, e).isEqualTo(SendingState.SENT);
                    } else {
                        // acknowledged TO_RETRY: taken again since (in flight, sent, or to retry again), never
                        // back to planned
                        assertThat(now).as("%s after kill %d", a.getKey(), round).isNotNull()
                                .isNotEqualTo(SendingState.PLANNED);
                    }
                }
            }
        }
        assertThat(writes).as("acknowledged writes").isGreaterThan(ROUNDS * 5);
    }

    /**
     * Writes as the dispatcher does until killed: one thread publishes reports (documents and three sendings in
     * one transaction), four threads take due sendings one or two at a time, record their remote ids, and mark
     * them sent (or to retry, one in five), each printing what the journal acknowledged.
     */
    public static final class Writer {
        private static final List<Channel> CHANNELS = List.of(Channel.DMP, Channel.MSSANTE_PROFESSIONAL,
                Channel.MSSANTE_PATIENT);

        static SendingKey key(String report, String channel) {
            return new SendingKey(report, 1, Channel.valueOf(channel), "dr@x.mssante.fr");
        }

        private static synchronized void say(String line) {
            System.out.println(line);
            System.out.flush();
        }

        /**
         * Runs.
         *
         * @param args the journal's folder
         * @throws Exception when it cannot run
         */
        public static void main(String[] args) throws Exception {
            try (Journal j = JournalHolder.openWhenFree(Path.of(args[0]))) {
                Instant t = Instant.parse("2026-12-02T08:00:00Z");
                j.releaseAll("n", t);
                say("open");
                ExecutorService senders = Executors.newFixedThreadPool(4);
                for (int s = 0; s < 4; s++) {
                    senders.execute(() -> send(j, t));
                }
                Random random = new Random();
                byte[] document = new byte[30_000];
                for (int i = 0; i < 1_000_000; i++) {
                    String report = "CR-" + ProcessHandle.current().pid() + "-" + i;
                    random.nextBytes(document);
                    j.publish(report, 1, new StoredPublication(Map.of("n", report), new TreeMap<>(Map.of(
                            "n3", document.clone(), "n1", document.clone()))), CHANNELS.stream().map(c ->
                            new PlannedSending(key(report, c.name()), SendingState.PLANNED,
                                    Optional.<String>empty())).toList(), t);
                    say("published " + report);
                    Thread.sleep(random.nextInt(15));
                }
            }
        }

        private static void send(Journal j, Instant t) {
            Random random = new Random();
            try {
                while (true) {
                    List<JournalEntry> taken = j.claim("n", 1 + random.nextInt(2), t, Duration.ofHours(1));
                    if (taken.isEmpty()) {
                        Thread.sleep(5);
                        continue;
                    }
                    for (JournalEntry e : taken) {
                        SendingKey k = e.key();
                        String name = k.reportId() + " " + k.channel();
                        if (e.remoteIds().isEmpty()) {
                            j.recordRemoteIds(k, "n", "<" + k.reportId() + "." + k.channel() + "@lab>");
                            say("recorded " + name);
                        }
                        Thread.sleep(random.nextInt(5));
                        if (random.nextInt(5) == 0) {
                            j.markRetry(k, "n", t, "SMTP-451", "try again");
                            say("state " + name + " TO_RETRY");
                        } else {
                            j.markSent(k, "n", "250 OK");
                            say("state " + name + " SENT");
                        }
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
