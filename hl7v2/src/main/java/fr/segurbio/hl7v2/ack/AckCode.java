package fr.segurbio.hl7v2.ack;

import java.util.Optional;

/**
 * MSA-1 (HL7 table 0008): original mode {@code AA}/{@code AE}/{@code AR}, enhanced mode {@code CA}/{@code CE}/
 * {@code CR}.
 *
 * <pre>{@code
 * AckCode.AE.isAccepted();   // false: syntax errors, correct and send again
 * AckCode.AR.isRetryable();  // true: rejected for a circumstantial reason
 * }</pre>
 */
public enum AckCode {
    /** Application accept: understood and integrated, the receiver takes responsibility. */
    AA,
    /** Application error: the message has errors; do not send it again unchanged. */
    AE,
    /** Application reject: refused for a circumstantial reason, may be sent again later. */
    AR,
    /** Commit accept (enhanced mode). */
    CA,
    /** Commit error (enhanced mode). */
    CE,
    /** Commit reject (enhanced mode). */
    CR;

    /**
     * Whether the receiver took the message.
     *
     * @return {@code true} for AA and CA
     */
    public boolean isAccepted() {
        return this == AA || this == CA;
    }

    /**
     * Whether sending the same message again later may succeed.
     *
     * @return {@code true} for AR and CR
     */
    public boolean isRetryable() {
        return this == AR || this == CR;
    }

    /**
     * The code for an MSA-1 value.
     *
     * @param msa1 the value (trimmed)
     * @return the code, empty when unknown
     */
    public static Optional<AckCode> of(String msa1) {
        try {
            return Optional.of(valueOf(msa1.trim()));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
