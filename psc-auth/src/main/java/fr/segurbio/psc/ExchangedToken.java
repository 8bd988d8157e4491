package fr.segurbio.psc;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A token obtained by RFC 8693 token exchange for an "API Pro Santé Connectée".
 *
 * <pre>{@code
 * ExchangedToken t = exchanger.exchange(session.accessToken(), "api-lab:read");
 * http.get(api, Map.of("Authorization", "Bearer " + t.accessToken()), max);
 * }</pre>
 *
 * @param accessToken the token for the target API
 * @param issuedTokenType the {@code issued_token_type}
 * @param scope the scope granted, if told
 * @param expiresAt when it expires
 */
public record ExchangedToken(String accessToken, String issuedTokenType, Optional<String> scope,
        Instant expiresAt) {

    /**
     * Checks the fields.
     *
     * @param accessToken the token
     * @param issuedTokenType the type
     * @param scope the scope
     * @param expiresAt the expiry
     */
    public ExchangedToken {
        Objects.requireNonNull(accessToken, "accessToken");
        Objects.requireNonNull(issuedTokenType, "issuedTokenType");
        Objects.requireNonNull(scope, "scope");
        Objects.requireNonNull(expiresAt, "expiresAt");
    }

    @Override
    public String toString() {
        return "ExchangedToken[" + issuedTokenType + ", scope=" + scope.orElse("-") + ", expiresAt=" + expiresAt
                + "]";
    }
}
