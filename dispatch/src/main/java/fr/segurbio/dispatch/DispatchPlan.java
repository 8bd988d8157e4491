package fr.segurbio.dispatch;

import fr.segurbio.dispatch.journal.Channel;
import java.util.List;
import java.util.Objects;

/**
 * What {@link Dispatcher#publish} decided for one report version: every sending planned, held or refused, each
 * with its reason.
 *
 * <pre>{@code
 * DispatchPlan plan = dispatcher.publish(publication);
 * plan.decisions().forEach(d -> System.out.println(d.message(Locale.ENGLISH)));
 * plan.planned(Channel.DMP);   // false when the INS is not qualified or the patient opposed
 * }</pre>
 *
 * @param reportId the report
 * @param reportVersion its version
 * @param decisions every decision, DMP first, then professionals, then the patient
 */
public record DispatchPlan(String reportId, int reportVersion, List<Decision> decisions) {

    /**
     * Copies the list.
     *
     * @param reportId the report
     * @param reportVersion the version
     * @param decisions the decisions
     */
    public DispatchPlan {
        Objects.requireNonNull(reportId, "reportId");
        decisions = List.copyOf(decisions);
    }

    /**
     * Whether something goes (now or after the hold) on a channel.
     *
     * @param channel the channel
     * @return true when at least one sending is planned or held on it
     */
    public boolean planned(Channel channel) {
        return decisions.stream().anyMatch(d -> d.channel() == channel && d.outcome() != Decision.Outcome.NOT_SENT);
    }
}
