package fr.segurbio.dispatch.journal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the embedded journal said it recorded is still there after the process is killed ({@code kill -9}): a
 * child JVM records sendings and prints each one once its calls returned; the parent kills it mid-stream, reopens
 * the journal and finds every printed sending SENT with its remote ids.
 */
class KilledJournalTest {

    @TempDir
    Path dir;

    @RepeatedTest(3)
    void everythingAcknowledgedSurvivesAKill() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process child = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                Writer.class.getName(), dir.toString()).redirectErrorStream(true).start();
        int last = -1;
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(),
                StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null) {
                if (line.startsWith("done ")) {
                    last = Integer.parseInt(line.substring(5));
                    if (last >= 150) {
                        break;
                    }
                }
            }
        } finally {
            child.destroyForcibly();
            child.waitFor(20, TimeUnit.SECONDS);
        }
        assertThat(last).isGreaterThanOrEqualTo(150);
        try (Journal j = Journal.embedded(dir)) {
            for (int i = 0; i <= last; i++) {
                JournalEntry e = j.find(Writer.key(i)).orElseThrow(() -> new AssertionError("lost entry"));
                assertThat(e.state()).as("sending %s", e.key()).isEqualTo(SendingState.SENT);
                assertThat(e.remoteIds()).as("sending %s", e.key()).isPresent();
            }
        }
    }

    /** Records sendings one after the other until killed. */
    public static final class Writer {
        static SendingKey key(int i) {
            return new SendingKey("CR-KILL-" + i, 1, Channel.MSSANTE_PROFESSIONAL, "dr@x.mssante.fr");
        }

        public static void main(String[] args) {
            Instant t = Instant.parse("2026-12-02T08:00:00Z");
            try (Journal j = Journal.embedded(Path.of(args[0]))) {
                for (int i = 0; i < 100_000; i++) {
                    SendingKey k = key(i);
                    j.plan(List.of(k), t);
                    j.claim("n", 1, t, Duration.ofMinutes(5));
                    j.recordRemoteIds(k, "n", "<" + i + "@lab.mssante.fr>");
                    j.markSent(k, "n", "250 OK");
                    System.out.println("done " + i);
                    System.out.flush();
                }
            }
        }
    }
}
