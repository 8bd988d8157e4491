package fr.segurbio.psc;

import java.time.Instant;
import java.util.Date;
import java.util.Objects;
import java.util.Optional;

import com.nimbusds.jwt.JWTClaimsSet;

/**
 * An ID token whose signature, issuer, audience, expiry, nonce and level were checked by
 * {@link IdTokenVerifier}.
 *
 * <pre>{@code
 * VerifiedIdToken id = verifier.verify(token, nonce);
 * String sub = id.subject();
 * Optional<String> acr = id.acr();   // "eidas1"
 * }</pre>
 *
 * @param raw the compact serialisation (for {@code id_token_hint} at logout)
 * @param claims the claims
 */
public record VerifiedIdToken(String raw, JWTClaimsSet claims) {

    /**
     * Checks the fields.
     *
     * @param raw the token
     * @param claims its claims
     */
    public VerifiedIdToken {
        Objects.requireNonNull(raw, "raw");
        Objects.requireNonNull(claims, "claims");
    }

    /**
     * The subject ({@code sub}).
     *
     * @return the subject
     */
    public String subject() {
        return claims.getSubject();
    }

    /**
     * The authentication level ({@code acr}).
     *
     * @return the level, if present
     */
    public Optional<String> acr() {
        return Optional.ofNullable(claims.getClaim("acr")).map(Object::toString);
    }

    /**
     * When the professional authenticated ({@code auth_time}, else {@code iat}).
     *
     * @return the instant
     */
    public Instant authenticatedAt() {
        Object at = claims.getClaim("auth_time");
        if (at instanceof Date) {
            return ((Date) at).toInstant();
        }
        if (at instanceof Number) {
            return Instant.ofEpochSecond(((Number) at).longValue());
        }
        return claims.getIssueTime().toInstant();
    }

    /**
     * When the token expires.
     *
     * @return the instant
     */
    public Instant expiresAt() {
        return claims.getExpirationTime().toInstant();
    }

    /**
     * The session id ({@code sid}), if any.
     *
     * @return the session id
     */
    public Optional<String> sessionId() {
        return Optional.ofNullable(claims.getClaim("sid")).map(Object::toString);
    }

    @Override
    public String toString() {
        return "VerifiedIdToken[sub=" + subject() + ", acr=" + acr().orElse("-") + "]";
    }
}
