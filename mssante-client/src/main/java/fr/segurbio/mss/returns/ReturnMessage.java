package fr.segurbio.mss.returns;

import java.util.Objects;
import java.util.Optional;

import fr.segurbio.mss.MailAddress;

/**
 * One return about one recipient of a sent message, read from an MDN, a DSN or a {@code [KO Intégration système
 * !]} message.
 *
 * <pre>{@code
 * for (ReturnMessage r : ReturnParser.create().parse(mime)) {
 *     tracker.apply(r);
 * }
 * }</pre>
 *
 * @param kind where it comes from
 * @param originalMessageId the Message-ID of the message it is about ({@code <…>})
 * @param recipient the recipient it is about, if the return names one
 * @param status the status it gives
 * @param errorCode the volet / HL7 0357 error code, or the DSN status ({@code 5.1.1}), if any
 * @param detail the human detail (error label, diagnostic), if any
 * @param returnMessageId the return's own Message-ID, if any
 */
public record ReturnMessage(Kind kind, String originalMessageId, Optional<MailAddress> recipient,
        RecipientStatus status, Optional<String> errorCode, Optional<String> detail,
        Optional<String> returnMessageId) {

    /** Where a return comes from. */
    public enum Kind {
        /** An RFC 8098 message disposition notification. */
        MDN,
        /** An RFC 3464 delivery status notification. */
        DSN,
        /** A plain message whose subject starts with {@code [KO Intégration système !]}. */
        KO_MESSAGE
    }

    /**
     * Checks the fields.
     *
     * @param kind the kind
     * @param originalMessageId the original Message-ID
     * @param recipient the recipient
     * @param status the status
     * @param errorCode the error code
     * @param detail the detail
     * @param returnMessageId the return's Message-ID
     */
    public ReturnMessage {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(originalMessageId, "originalMessageId");
        Objects.requireNonNull(recipient, "recipient");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(errorCode, "errorCode");
        Objects.requireNonNull(detail, "detail");
        Objects.requireNonNull(returnMessageId, "returnMessageId");
    }
}
