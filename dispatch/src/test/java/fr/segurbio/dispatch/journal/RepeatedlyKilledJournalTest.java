package fr.segurbio.dispatch.journal;

import static org.assertj.core.api.Assertions.assertThat;

import fr.segurbio.dispatch.JournalHolder;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The embedded journal under repeated {@code kill -9} of the process that writes it, as the chaos test does: a
 * child JVM stores each report's documents, plans its sendings, takes each one, records its remote ids, says
 * {@code recorded}, waits as a sending would, marks it sent and says {@code sent}; the parent kills it at seeded
 * random moments (most often while a sending is "on the wire", between the two writes), starts it again on the
 * same file, and after every kill reopens the journal and checks that every sending the child said was recorded
 * still has its remote ids and every one it said was sent is still {@code SENT}.
 */
class RepeatedlyKilledJournalTest {

    private static final int KILLS = Integer.getInteger("journal.kills", 8);

    @TempDir
    Path dir;

    @Test
    void whatWasAcknowledgedSurvivesEveryKill() throws Exception {
        SplittableRandom random = new SplittableRandom(42);
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Set<SendingKey> recorded = new LinkedHashSet<>();
        Set<SendingKey> sent = new LinkedHashSet<>();
        for (int kill = 0; kill < KILLS; kill++) {
            Process child = new ProcessBuilder(java, "-Xmx256m", "-cp", System.getProperty("java.class.path"),
                    Sender.class.getName(), dir.toString()).redirectErrorStream(true).start();
            int stopAfter = 5 + random.nextInt(40);
            int seen = 0;
            try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(),
                    StandardCharsets.UTF_8))) {
                String line;
                while ((line = out.readLine()) != null) {
                    if (line.startsWith("recorded ")) {
                        recorded.add(Sender.key(line.substring(9)));
                        if (++seen >= stopAfter) {
                            break;   // killed while this sending is "on the wire"
                        }
                    } else if (line.startsWith("sent ")) {
                        sent.add(Sender.key(line.substring(5)));
                    }
                }
            } finally {
                child.destroyForcibly();
                assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
            }
            assertThat(seen).as("the child wrote, kill %d", kill).isEqualTo(stopAfter);
            try (Journal j = JournalHolder.openWhenFree(dir)) {
                for (SendingKey k : recorded) {
                    JournalEntry e = j.find(k).orElseThrow(() -> new AssertionError("lost entry " + k));
                    assertThat(e.remoteIds()).as("remote ids of %s after kill %d", k, kill).isPresent();
                }
                for (SendingKey k : sent) {
                    assertThat(j.find(k).map(JournalEntry::state)).as("%s after kill %d", k, kill)
                            .contains(SendingState.SENT);
                }
            }
        }
        assertThat(recorded).hasSizeGreaterThan(KILLS * 5);
    }


    /** Sends (pretends to) until killed, resuming where the journal says. */
    public static final class Sender {
        private static final List<Channel> CHANNELS = List.of(Channel.DMP, Channel.MSSANTE_PROFESSIONAL,
                Channel.MSSANTE_PATIENT);

        static SendingKey key(String text) {
            String[] p = text.split(" ");
            return new SendingKey(p[0], 1, Channel.valueOf(p[1]), "dr@x.mssante.fr");
        }

        /**
         * Runs.
         *
         * @param args the journal's folder
         * @throws Exception when it cannot run
         */
        public static void main(String[] args) throws Exception {
            Random random = new Random();
            byte[] document = new byte[40_000];
            try (Journal j = JournalHolder.openWhenFree(Path.of(args[0]))) {
                Instant t = Instant.parse("2026-12-02T08:00:00Z");
                j.releaseAll("n", t);
                for (int i = 0; i < 100_000; i++) {
                    String report = "CR-KILL-" + i;
                    List<SendingKey> keys = CHANNELS.stream().map(c -> new SendingKey(report, 1, c,
                            "dr@x.mssante.fr")).toList();
                    if (j.entries(report).isEmpty()) {
                        random.nextBytes(document);
                        j.store(report, 1, new StoredPublication(Map.of("n", report), new TreeMap<>(Map.of(
                                "n3", document.clone(), "n1", document.clone()))));
                        j.plan(keys, t);
                    }
                    for (JournalEntry e : j.claim("n", 5, t, Duration.ofMinutes(5))) {
                        SendingKey k = e.key();
                        if (e.remoteIds().isEmpty()) {
                            j.recordRemoteIds(k, "n", "<" + k.reportId() + "." + k.channel() + "@lab>");
                        }
                        System.out.println("recorded " + k.reportId() + " " + k.channel());
                        System.out.flush();
                        Thread.sleep(random.nextInt(30));
                        j.markSent(k, "n", "250 OK");
                        System.out.println("sent " + k.reportId() + " " + k.channel());
                        System.out.flush();
                    }
                }
            }
        }
    }
}
