package fr.segurbio.dispatch.chaos;

import fr.segurbio.dispatch.ChannelSender;
import fr.segurbio.dispatch.JournalHolder;
import fr.segurbio.dispatch.Dispatcher;
import fr.segurbio.dispatch.RetrySchedule;
import fr.segurbio.dispatch.journal.Journal;
import fr.segurbio.dispatch.journal.SendingState;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The dispatcher process of the chaos test, run in a child JVM that the test kills with {@code kill -9} and starts
 * again: it opens the embedded journal in the folder given, publishes the run's reports that the journal does not
 * know yet (a few at a time, sending in between, as an SGL does while biologists validate), and loops
 * {@link Dispatcher#runDue()} until nothing is left to send, then prints {@code DONE} and exits 0. It prints
 * {@code READY} once the dispatcher is built (after the release of the sendings a kill interrupted).
 *
 * <p>Arguments: {@code key=value}: {@code journal}, {@code run}, {@code reports}, {@code node}, and the settings
 * of {@link SimulatorClients}.
 */
public final class ChaosNode {

    private ChaosNode() {
    }

    /**
     * Runs the node.
     *
     * @param args {@code key=value} arguments
     * @throws Exception when it cannot run
     */
    public static void main(String[] args) throws Exception {
        Map<String, String> s = SimulatorClients.settings(args);
        Path dir = Path.of(s.get("journal"));
        String run = s.get("run");
        int reports = Integer.parseInt(s.get("reports"));
        try (SimulatorClients clients = SimulatorClients.of(s); Journal journal = JournalHolder.openWhenFree(dir)) {
            Dispatcher.Builder b = Dispatcher.builder(journal).node(s.getOrDefault("node", "chaos"))
                    .retrySchedule(new RetrySchedule(Duration.ofMillis(100), Duration.ofSeconds(2), 0.3, 1000))
                    .lease(Duration.ofMinutes(2)).batch(5).random(new SplittableRandom())
                    .listener(e -> System.out.println(e.key() + " " + e.state() + " attempt " + e.attempts()
                            + e.lastError().map(t -> " last error: " + t).orElse("")
                            + e.detail().map(t -> " detail: " + t).orElse("")));
            for (ChannelSender sender : clients.senders()) {
                b.sender(sender);
            }
            Dispatcher d = b.build();
            System.out.println("READY");
            System.out.flush();
            for (int n = 0; n < reports; n++) {
                String id = ChaosReports.id(run, n);
                if (journal.entries(id).isEmpty()) {
                    d.publish(ChaosReports.publication(id));
                    if (n % 5 == 4) {
                        d.runDue();
                    }
                }
            }
            while (true) {
                if (d.runDue() == 0) {
                    Map<SendingState, Integer> c = journal.counts();
                    if (c.get(SendingState.PLANNED) + c.get(SendingState.TO_RETRY) + c.get(SendingState.IN_FLIGHT)
                            == 0) {
                        System.out.println("DONE " + c);
                        System.out.flush();
                        return;
                    }
                    Thread.sleep(50);
                }
            }
        }
    }

}
