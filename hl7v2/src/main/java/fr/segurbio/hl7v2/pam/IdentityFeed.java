package fr.segurbio.hl7v2.pam;

import fr.segurbio.core.ValidationResult;
import java.util.Optional;

/**
 * The result of reading one PAM FR message: its control id and trigger, the event when the message could be
 * understood, and every problem found (errors included: nothing the message gets wrong is silently fixed).
 *
 * <pre>{@code
 * IdentityFeed feed = reader.read(message);
 * if (!feed.problems().isValid()) {
 *     answerWith(Acknowledgement.Code.AE, feed.problems());
 * }
 * }</pre>
 *
 * @param controlId MSH-10
 * @param trigger MSH-9.2
 * @param event the event, empty when the message could not be understood
 * @param problems every problem
 */
public record IdentityFeed(String controlId, String trigger, Optional<IdentityEvent> event, ValidationResult problems) {

    /**
     * The event as an identity update, when it is one.
     *
     * @return the update
     */
    public Optional<IdentityEvent.Update> update() {
        return event.filter(IdentityEvent.Update.class::isInstance).map(IdentityEvent.Update.class::cast);
    }
}
