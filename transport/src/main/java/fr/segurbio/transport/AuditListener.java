package fr.segurbio.transport;

/**
 * Receives one {@link AuditEvent} per remote call (after its retries), for the log the lab must keep. Called on
 * the caller's thread; must not throw (an exception is logged and ignored).
 *
 * <pre>{@code
 * ServiceConnection connection = ServiceConnection.builder()   // every client made from it uses it
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

    /**
     * Runs a remote call that is not SOAP (a REST lookup, a token request…) and gives this listener its event:
     * the outcome is {@code SUCCESS} when the call returns, {@code FAULT} for a {@link SoapFaultException},
     * {@code REMOTE_ERROR} for a {@link RemoteServiceException}, {@code TRANSPORT_ERROR} for any other exception
     * (which is rethrown). A listener that throws is ignored.
     *
     * <pre>{@code
     * HttpResult r = audit.around("Annuaire Santé", "searchPractitioner", uri, http.principal(), requestId,
     *         () -> http.get(uri, Map.of("Accept", "application/fhir+json"), 1 << 20));
     * }</pre>
     *
     * @param <T> the call's result type
     * @param service the service
     * @param operation the operation
     * @param endpoint the address called
     * @param principal the caller's certificate CN, or {@code null}
     * @param correlationId the call's correlation id
     * @param call the call
     * @return the call's result
     */
    default <T> T around(String service, String operation, java.net.URI endpoint, String principal,
            String correlationId, java.util.function.Supplier<T> call) {
        java.time.Instant start = java.time.Instant.now();
        long t0 = System.nanoTime();
        AuditEvent.Outcome outcome = AuditEvent.Outcome.SUCCESS;
        String code = null;
        try {
            return call.get();
        } catch (SoapFaultException e) {
            outcome = AuditEvent.Outcome.FAULT;
            code = e.serviceCodes().isEmpty() ? e.code().id() : String.join("/", e.serviceCodes());
            throw e;
        } catch (RemoteServiceException e) {
            outcome = AuditEvent.Outcome.REMOTE_ERROR;
            code = e.code().id();
            throw e;
        } catch (fr.segurbio.core.SegurException e) {
            outcome = AuditEvent.Outcome.TRANSPORT_ERROR;
            code = e.code().id();
            throw e;
        } catch (RuntimeException e) {
            outcome = AuditEvent.Outcome.TRANSPORT_ERROR;
            code = e.getClass().getSimpleName();
            throw e;
        } finally {
            try {
                onCall(new AuditEvent(service, operation, endpoint, principal, start,
                        java.time.Duration.ofNanos(System.nanoTime() - t0), outcome, code, correlationId, 1));
            } catch (RuntimeException ignored) {
                // the audit must never break the call
            }
        }
    }
}
