package fr.segurbio.dispatch;

import fr.segurbio.dispatch.journal.Journal;
import java.nio.file.Path;

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
}
