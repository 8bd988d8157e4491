package fr.segurbio.psc;

import java.util.Objects;

/**
 * A completed login: the tokens and the verified ID token.
 *
 * <pre>{@code
 * PscLogin login = psc.completeLogin(pending, callbackUri);
 * PscSession session = psc.session(login);
 * }</pre>
 *
 * @param tokens the tokens
 * @param idToken the verified ID token
 */
public record PscLogin(PscTokens tokens, VerifiedIdToken idToken) {

    /**
     * Checks the fields.
     *
     * @param tokens the tokens
     * @param idToken the ID token
     */
    public PscLogin {
        Objects.requireNonNull(tokens, "tokens");
        Objects.requireNonNull(idToken, "idToken");
    }
}
