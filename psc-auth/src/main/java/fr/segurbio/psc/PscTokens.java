package fr.segurbio.psc;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * The tokens of one Pro Santé Connect session. The access token lives minutes; the refresh token renews it
 * (see {@link PscSession}). {@link #toString()} never shows a token.
 *
 * <pre>{@code
 * PscTokens t = login.tokens();
 * if (t.expiresAt().isBefore(Instant.now().plusSeconds(30))) t = psc.refresh(t);
 * }</pre>
 *
 * @param accessToken the access token
 * @param refreshToken the refresh token, if any
 * @param idToken the ID token (compact), if any
 * @param scope the granted scope (space-separated), if known
 * @param expiresAt when the access token expires
 * @param refreshExpiresAt when the refresh token expires, if announced ({@code refresh_expires_in})
 */
public record PscTokens(String accessToken, Optional<String> refreshToken, Optional<String> idToken,
        Optional<String> scope, Instant expiresAt, Optional<Instant> refreshExpiresAt) {

    /**
     * Checks the fields.
     *
     * @param accessToken the access token
     * @param refreshToken the refresh token
     * @param idToken the ID token
     * @param scope the scope
     * @param expiresAt the expiry
     * @param refreshExpiresAt the refresh token's expiry
     */
    public PscTokens {
        Objects.requireNonNull(accessToken, "accessToken");
        if (accessToken.isBlank()) {
            throw new PscException(PscError.TOKEN_RESPONSE_INVALID, "-", "blank access token");
        }
        Objects.requireNonNull(refreshToken, "refreshToken");
        Objects.requireNonNull(idToken, "idToken");
        Objects.requireNonNull(scope, "scope");
        Objects.requireNonNull(expiresAt, "expiresAt");
        Objects.requireNonNull(refreshExpiresAt, "refreshExpiresAt");
    }

    /**
     * These tokens after a refresh: the new ones, keeping the refresh and ID tokens the answer did not repeat.
     *
     * @param renewed the refresh answer
     * @return the merged tokens
     */
    public PscTokens renewedBy(PscTokens renewed) {
        return new PscTokens(renewed.accessToken,
                renewed.refreshToken.isPresent() ? renewed.refreshToken : refreshToken,
                renewed.idToken.isPresent() ? renewed.idToken : idToken,
                renewed.scope.isPresent() ? renewed.scope : scope,
                renewed.expiresAt,
                renewed.refreshToken.isPresent() ? renewed.refreshExpiresAt : refreshExpiresAt);
    }

    @Override
    public String toString() {
        return "PscTokens[expiresAt=" + expiresAt + ", refresh=" + refreshToken.isPresent() + ", scope="
                + scope.orElse("-") + "]";
    }
}
