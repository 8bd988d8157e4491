package fr.segurbio.testkit.psc;

import java.time.Duration;
import java.util.Objects;

/**
 * What the simulated professional does with a CIBA request on the e-CPS app.
 *
 * <pre>{@code
 * simulator.behaviour("810001234567", CibaBehaviour.approveAfter(Duration.ofSeconds(1)));
 * simulator.behaviour("810009999999", CibaBehaviour.deny(Duration.ZERO));
 * }</pre>
 *
 * @param outcome approve, deny, or never answer (the request expires)
 * @param after how long after the request the professional answers
 * @param slowDownFirstPoll whether the first poll is answered {@code slow_down} whatever its timing
 */
public record CibaBehaviour(Outcome outcome, Duration after, boolean slowDownFirstPoll) {

    /** The professional's answer. */
    public enum Outcome {
        /** Validated on the app. */
        APPROVE,
        /** Refused on the app. */
        DENY,
        /** No answer: the request expires. */
        IGNORE
    }

    /**
     * Checks the fields.
     *
     * @param outcome the outcome
     * @param after the delay
     * @param slowDownFirstPoll the slow-down flag
     */
    public CibaBehaviour {
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(after, "after");
    }

    /**
     * Validates after a delay.
     *
     * @param after the delay
     * @return the behaviour
     */
    public static CibaBehaviour approveAfter(Duration after) {
        return new CibaBehaviour(Outcome.APPROVE, after, false);
    }

    /**
     * Refuses after a delay.
     *
     * @param after the delay
     * @return the behaviour
     */
    public static CibaBehaviour deny(Duration after) {
        return new CibaBehaviour(Outcome.DENY, after, false);
    }

    /**
     * Never answers.
     *
     * @return the behaviour
     */
    public static CibaBehaviour ignore() {
        return new CibaBehaviour(Outcome.IGNORE, Duration.ZERO, false);
    }

    /**
     * The same behaviour, the first poll answered {@code slow_down}.
     *
     * @return the behaviour
     */
    public CibaBehaviour withSlowDownOnFirstPoll() {
        return new CibaBehaviour(outcome, after, true);
    }
}
