package fr.segurbio.dispatch;

import fr.segurbio.dispatch.journal.Journal;
import java.nio.file.Path;
import java.time.Duration;

/** Another SGL process: opens the embedded journal of the folder given, says {@code holding}, and keeps it. */
public final class JournalHolder {

    private JournalHolder() {
    }

    /**
     * Holds the journal for two minutes or until killed.
     *
     * @param args the journal's folder
     * @throws Exception when it cannot be opened
     */
    public static void main(String[] args) throws Exception {
        try (Journal j = Journal.embedded(Path.of(args[0]))) {
            System.out.println("holding");
            System.out.flush();
            Thread.sleep(120_000);
        }
    }

    /**
     * Opens the embedded journal, waiting up to 30 s while another process still holds it (a predecessor that
     * is being killed: the operating system releases its lock when it is gone).
     *
     * @param dir the journal's folder
     * @return the journal
     * @throws InterruptedException when interrupted while waiting
     */
    public static Journal openWhenFree(Path dir) throws InterruptedException {
        long until = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (true) {
            try {
                return Journal.embedded(dir);
            } catch (DispatchException e) {
                if (e.code() != DispatchError.JOURNAL_LOCKED || System.nanoTime() > until) {
                    throw e;
                }
                Thread.sleep(100);
            }
        }
    }
}
