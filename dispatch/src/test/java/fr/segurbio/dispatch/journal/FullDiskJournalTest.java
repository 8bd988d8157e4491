package fr.segurbio.dispatch.journal;

import static org.assertj.core.api.Assertions.assertThat;

import fr.segurbio.dispatch.DispatchError;
import fr.segurbio.dispatch.DispatchException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A journal on a full disk: a small tmpfs mounted for the test (as root, as CI runs; skipped with a message
 * elsewhere). The journal refuses the write with DISPATCH-004, so the dispatcher sends nothing it could not
 * record.
 */
class FullDiskJournalTest {

    private Path mountPoint;

    @BeforeEach
    void mountSmallDisk() throws Exception {
        mountPoint = Files.createTempDirectory("segur-full");
        Process p = new ProcessBuilder("mount", "-t", "tmpfs", "-o", "size=640k", "tmpfs", mountPoint.toString())
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        boolean ok = p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
        Assumptions.assumeTrue(ok, "cannot mount a small tmpfs here (needs root), full-disk test skipped: " + out);
    }

    @AfterEach
    void unmount() throws Exception {
        if (mountPoint != null) {
            new ProcessBuilder("umount", "-l", mountPoint.toString()).start().waitFor(30, TimeUnit.SECONDS);
            Files.deleteIfExists(mountPoint);
        }
    }

    @Test
    void aFullDiskIsRefusedClearly() {
        Instant t0 = Instant.parse("2026-12-02T08:00:00Z");
        DispatchException failure = null;
        int planned = 0;
        Journal j = null;
        try {
            j = Journal.embedded(mountPoint.resolve("journal"));
            for (int batch = 0; batch < 2_000 && failure == null; batch++) {
                List<SendingKey> keys = new ArrayList<>();
                for (int i = 0; i < 50; i++) {
                    keys.add(new SendingKey("CR-FULL-" + batch + "-" + i + "-" + "x".repeat(150), 1,
                            Channel.MSSANTE_PROFESSIONAL, "correspondant-" + i + "@hopital.mssante.fr"));
                }
                try {
                    planned += j.plan(keys, t0);
                } catch (DispatchException e) {
                    failure = e;
                }
            }
        } catch (DispatchException e) {
            failure = e;
        } finally {
            if (j != null) {
                try {
                    j.close();
                } catch (RuntimeException ignored) {
                    // the database may already have closed itself after the failed write
                }
            }
        }
        assertThat(failure).as("the disk filled up after %d entries", planned).isNotNull();
        assertThat(failure.code()).isEqualTo(DispatchError.JOURNAL_WRITE_FAILED);
        assertThat(failure.getMessage()).contains("journal.mv.db").contains("does not take place");
    }
}
