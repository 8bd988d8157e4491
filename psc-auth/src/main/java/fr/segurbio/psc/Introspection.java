package fr.segurbio.psc;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The provider's view of a token (RFC 7662 introspection).
 *
 * <pre>{@code
 * Introspection i = psc.introspect(accessToken);
 * if (!i.active()) { ... log in again ... }
 * }</pre>
 *
 * @param active whether the token is valid now
 * @param subject the subject, if told
 * @param clientId the client the token was issued to, if told
 * @param scope the scope, if told
 * @param expiresAt the expiry, if told
 * @param claims every member of the answer
 */
public record Introspection(boolean active, Optional<String> subject, Optional<String> clientId,
        Optional<String> scope, Optional<Instant> expiresAt, Map<String, Object> claims) {

    /**
     * Checks the fields.
     *
     * @param active the state
     * @param subject the subject
     * @param clientId the client id
     * @param scope the scope
     * @param expiresAt the expiry
     * @param claims the members
     */
    public Introspection {
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(clientId, "clientId");
        Objects.requireNonNull(scope, "scope");
        Objects.requireNonNull(expiresAt, "expiresAt");
        claims = Map.copyOf(Objects.requireNonNull(claims, "claims"));
    }
}
