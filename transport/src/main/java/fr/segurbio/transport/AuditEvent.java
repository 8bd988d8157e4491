package fr.segurbio.transport;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * One remote call, as the lab's RGPD log keeps it: who (the certificate CN), when, which service and operation,
 * how long, the outcome and the correlation id. It never holds health data or identity traits.
 *
 * <pre>{@code
 * AuditListener log = e -> auditLog.write(e.start() + " " + e.service() + "." + e.operation() + " "
 *         + e.outcome() + " " + e.duration().toMillis() + "ms " + e.correlationId());
 * }</pre>
 *
 * @param service the service ({@code INSi}, {@code DMP}…)
 * @param operation the operation ({@code rechercherInsAvecTraitsIdentite}…)
 * @param endpoint the address called
 * @param principal the CN of the client certificate, or {@code null}
 * @param start when the call started
 * @param duration how long it took, retries included
 * @param outcome the outcome
 * @param errorCode the error's stable code ({@code TRANSPORT-015}) or fault subcode, {@code null} on success
 * @param correlationId the WS-Addressing MessageID of the call
 * @param attempts the number of attempts made
 */
public record AuditEvent(String service, String operation, URI endpoint, String principal, Instant start,
        Duration duration, Outcome outcome, String errorCode, String correlationId, int attempts) {

    /** How a call ended. */
    public enum Outcome {
        /** A usable answer. */
        SUCCESS,
        /** The service answered with a SOAP fault. */
        FAULT,
        /** The service answered with an HTTP error or an answer that is not SOAP. */
        REMOTE_ERROR,
        /** No answer: TLS, connection, timeout, refused XML, size limit. */
        TRANSPORT_ERROR
    }

    /**
     * Checks the fields.
     *
     * @param service the service
     * @param operation the operation
     * @param endpoint the address called
     * @param principal the CN of the client certificate, or {@code null}
     * @param start when the call started
     * @param duration how long it took
     * @param outcome the outcome
     * @param errorCode the error code, or {@code null}
     * @param correlationId the correlation id
     * @param attempts the number of attempts
     */
    public AuditEvent {
        Objects.requireNonNull(service, "service");
        Objects.requireNonNull(operation, "operation");
        Objects.requireNonNull(endpoint, "endpoint");
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(duration, "duration");
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(correlationId, "correlationId");
    }
}
