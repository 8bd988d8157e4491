package fr.segurbio.testkit.dmp;

import java.time.Duration;
import java.util.Objects;

/**
 * A fault the test asks the simulator to inject on one call ({@link DmpSimulator#inject}).
 *
 * <ul>
 * <li>{@link #delay}: the request is processed (and committed) normally, the answer leaves late — a client with
 * a shorter timeout gives up after the registry stored its documents;</li>
 * <li>{@link #httpStatus}: an HTTP error page (500, 503…), nothing processed;</li>
 * <li>{@link #soapFault}: a SOAP 1.2 {@code soap:Receiver} fault, nothing processed;</li>
 * <li>{@link #dropAfterCommit}: the request is processed and committed, then the connection is closed without
 * any response;</li>
 * <li>{@link #dropBeforeCommit}: the connection is closed without any response, nothing processed.</li>
 * </ul>
 *
 * <pre>{@code
 * simulator.inject(DmpTransaction.ITI_41, 1, DmpFault.dropAfterCommit());
 * simulator.injectNext(DmpTransaction.ITI_18, DmpFault.delay(Duration.ofSeconds(5)));
 * }</pre>
 *
 * @param kind what happens
 * @param delay the delay for {@link Kind#DELAY}, zero otherwise
 * @param httpStatus the status for {@link Kind#HTTP_STATUS}, 0 otherwise
 * @param reason the fault reason for {@link Kind#SOAP_FAULT}, {@code null} otherwise
 */
public record DmpFault(Kind kind, Duration delay, int httpStatus, String reason) {

    /** What an injected fault does. */
    public enum Kind {
        /** Processed, answered late. */
        DELAY,
        /** An HTTP error status, not processed. */
        HTTP_STATUS,
        /** A SOAP fault, not processed. */
        SOAP_FAULT,
        /** Processed and committed, then the connection is closed without a response. */
        DROP_AFTER_COMMIT,
        /** The connection is closed without a response, not processed. */
        DROP_BEFORE_COMMIT
    }

    /**
     * Checks the fields.
     *
     * @param kind what happens
     * @param delay the delay
     * @param httpStatus the HTTP status
     * @param reason the reason
     */
    public DmpFault {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(delay, "delay");
    }

    /**
     * The answer leaves after this delay (the request is processed first).
     *
     * @param delay the delay
     * @return the fault
     */
    public static DmpFault delay(Duration delay) {
        return new DmpFault(Kind.DELAY, delay, 0, null);
    }

    /**
     * An HTTP error status with a small HTML page, as a proxy answers.
     *
     * @param status such as 500 or 503
     * @return the fault
     */
    public static DmpFault httpStatus(int status) {
        if (status < 400 || status > 599) {
            throw new IllegalArgumentException("an HTTP error status is expected: " + status);
        }
        return new DmpFault(Kind.HTTP_STATUS, Duration.ZERO, status, null);
    }

    /**
     * A SOAP 1.2 {@code soap:Receiver} fault with this reason.
     *
     * @param reason the {@code Reason/Text}
     * @return the fault
     */
    public static DmpFault soapFault(String reason) {
        return new DmpFault(Kind.SOAP_FAULT, Duration.ZERO, 0, Objects.requireNonNull(reason, "reason"));
    }

    /**
     * Processed and committed, then the connection is closed without a response.
     *
     * @return the fault
     */
    public static DmpFault dropAfterCommit() {
        return new DmpFault(Kind.DROP_AFTER_COMMIT, Duration.ZERO, 0, null);
    }

    /**
     * The connection is closed without a response, nothing processed.
     *
     * @return the fault
     */
    public static DmpFault dropBeforeCommit() {
        return new DmpFault(Kind.DROP_BEFORE_COMMIT, Duration.ZERO, 0, null);
    }
}
