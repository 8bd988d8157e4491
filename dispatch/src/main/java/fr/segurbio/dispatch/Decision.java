package fr.segurbio.dispatch;

import fr.segurbio.dispatch.journal.Channel;
import java.util.Locale;
import java.util.Objects;

/**
 * One decision of a {@link DispatchPlan}: a sending planned, held, or not made, and why, in French and English.
 *
 * <pre>{@code
 * for (Decision d : plan.decisions()) {
 *     System.out.println(d.message(Locale.FRENCH));   // "DMP : non envoyé, INS non qualifiée"
 * }
 * }</pre>
 *
 * @param channel the channel
 * @param recipient the recipient (an address, the patient's INS, or the professional's name without address)
 * @param outcome planned, held, or not sent
 * @param reasonFr the reason, in French
 * @param reasonEn the reason, in English
 */
public record Decision(Channel channel, String recipient, Outcome outcome, String reasonFr, String reasonEn) {

    /** What was decided. */
    public enum Outcome {
        /** Will be sent. */
        PLANNED,
        /** Will be sent after the "annonce" hold is released. */
        HELD,
        /** Will not be sent. */
        NOT_SENT
    }

    /**
     * Checks the fields.
     *
     * @param channel the channel
     * @param recipient the recipient
     * @param outcome the outcome
     * @param reasonFr the French reason
     * @param reasonEn the English reason
     */
    public Decision {
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(recipient, "recipient");
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(reasonFr, "reasonFr");
        Objects.requireNonNull(reasonEn, "reasonEn");
    }

    /**
     * The decision as one line.
     *
     * @param locale French or English (any other locale gives English)
     * @return e.g. {@code "MSSANTE_PATIENT: held until the announcement consultation"}
     */
    public String message(Locale locale) {
        boolean fr = "fr".equals(locale.getLanguage());
        return channel + " " + recipient + " : " + (fr ? reasonFr : reasonEn);
    }
}
