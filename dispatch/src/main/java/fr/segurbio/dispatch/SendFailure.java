package fr.segurbio.dispatch;

import java.util.Objects;

/**
 * What a {@link ChannelSender} throws when a sending did not go through: whether retrying may help, and the
 * error's stable code and text (the remote's own text kept), which the journal records.
 *
 * <pre>{@code
 * throw SendFailure.retryable("DMP-030", "HTTP 503 from the DMP");
 * throw SendFailure.permanent("DMP-012", "patient opposed to the DMP");
 * }</pre>
 */
public final class SendFailure extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final boolean retryable;
    private final String code;

    private SendFailure(boolean retryable, String code, String text, Throwable cause) {
        super(Objects.requireNonNull(code, "code") + ": " + Objects.requireNonNull(text, "text"), cause);
        this.retryable = retryable;
        this.code = code;
    }

    /**
     * A failure that may go away (timeout, 5xx, SMTP 4xx, connection dropped).
     *
     * @param code the stable code
     * @param text the text
     * @return the failure
     */
    public static SendFailure retryable(String code, String text) {
        return new SendFailure(true, code, text, null);
    }

    /**
     * A failure that retrying cannot fix (refused certificate, opposed patient, unknown recipient).
     *
     * @param code the stable code
     * @param text the text
     * @return the failure
     */
    public static SendFailure permanent(String code, String text) {
        return new SendFailure(false, code, text, null);
    }

    /**
     * A failure with its cause.
     *
     * @param retryable whether retrying may help
     * @param code the stable code
     * @param text the text
     * @param cause the cause
     * @return the failure
     */
    public static SendFailure of(boolean retryable, String code, String text, Throwable cause) {
        return new SendFailure(retryable, code, text, cause);
    }

    /**
     * Whether retrying may help.
     *
     * @return true for a transient failure
     */
    public boolean retryable() {
        return retryable;
    }

    /**
     * The stable code.
     *
     * @return e.g. {@code "DMP-030"}
     */
    public String code() {
        return code;
    }
}
