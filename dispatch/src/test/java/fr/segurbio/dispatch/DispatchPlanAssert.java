package fr.segurbio.dispatch;

import static org.assertj.core.api.Assertions.assertThat;

import fr.segurbio.dispatch.journal.Journal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/** Publishes on a throwaway embedded journal and checks what the plan says. */
final class DispatchPlanAssert {

    private DispatchPlanAssert() {
    }

    static void notSentForLackOfAddress(Publication p) {
        try {
            Path dir = Files.createTempDirectory("plan");
            try (Journal journal = Journal.embedded(dir)) {
                DispatchPlan plan = Dispatcher.builder(journal).build().publish(p);
                assertThat(plan.decisions()).filteredOn(d -> d.outcome() == Decision.Outcome.NOT_SENT)
                        .extracting(d -> d.message(Locale.ENGLISH)).anySatisfy(m -> assertThat(m).endsWith("not sent, no MSSanté address"));
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
