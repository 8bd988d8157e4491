package fr.segurbio.ins.insi;

import java.time.Duration;
import java.util.Objects;

/**
 * The facts of one INSi call, without any identity trait: which operation, the WS-Addressing message id, how
 * many attempts, how long it took, and whether the answer came from a CNDA test file.
 *
 * <pre>{@code
 * InsiCall call = result.call();
 * log.info("INSi {} {} in {} ms ({} attempts)", call.operation(), call.messageId(), call.duration().toMillis(),
 *         call.attempts());
 * }</pre>
 *
 * @param operation {@code rechercherInsAvecTraitsIdentite} or {@code rechercherInsAvecCarteVitale}
 * @param messageId the {@code wsa:MessageID} of the last attempt
 * @param attempts how many requests were sent (0 when the circuit breaker was open)
 * @param duration the time spent, retries included
 * @param cndaFile the CNDA test response file that answered, or {@code null} for a network call
 */
public record InsiCall(String operation, String messageId, int attempts, Duration duration, String cndaFile) {

    /**
     * Checks the fields.
     *
     * @param operation the operation
     * @param messageId the message id
     * @param attempts the attempts
     * @param duration the duration
     * @param cndaFile the CNDA file or {@code null}
     */
    public InsiCall {
        Objects.requireNonNull(operation, "operation");
        Objects.requireNonNull(duration, "duration");
    }
}
