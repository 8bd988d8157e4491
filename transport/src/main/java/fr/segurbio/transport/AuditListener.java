package fr.segurbio.transport;

/**
 * Receives one {@link AuditEvent} per remote call (after its retries), for the log the lab must keep. Called on
 * the caller's thread; must not throw (an exception is logged and ignored).
 *
 * <pre>{@code
 * SoapClient client = SoapClient.builder()
 *         ...
 *         .auditListener(event -> rgpdLog.append(event))
 *         .build();
 * }</pre>
 */
@FunctionalInterface
public interface AuditListener {

    /** A listener that does nothing. */
    AuditListener NONE = event -> { };

    /**
     * Receives an event.
     *
     * @param event the call's event
     */
    void onCall(AuditEvent event);
}
