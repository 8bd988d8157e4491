package fr.segurbio.psc;

import java.net.URI;
import java.util.Objects;

/**
 * A browser login in progress: the address to send the browser to, and what the callback is checked against
 * (state, nonce, PKCE verifier). A web SGL keeps it in the user's server-side session between the redirect and
 * the callback; it must never reach the browser.
 *
 * <pre>{@code
 * LoginRequest pending = psc.startLogin(URI.create("https://sgl.lab.fr/psc/callback"));
 * httpSession.setAttribute("psc", pending);
 * response.sendRedirect(pending.authorizationUri().toString());
 * }</pre>
 *
 * @param authorizationUri where the browser goes
 * @param redirectUri the callback address sent
 * @param state the state sent
 * @param nonce the nonce sent
 * @param codeVerifier the PKCE code verifier
 */
public record LoginRequest(URI authorizationUri, URI redirectUri, String state, String nonce, String codeVerifier) {

    /**
     * Checks the fields.
     *
     * @param authorizationUri the authorization address
     * @param redirectUri the callback address
     * @param state the state
     * @param nonce the nonce
     * @param codeVerifier the code verifier
     */
    public LoginRequest {
        Objects.requireNonNull(authorizationUri, "authorizationUri");
        Objects.requireNonNull(redirectUri, "redirectUri");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(nonce, "nonce");
        Objects.requireNonNull(codeVerifier, "codeVerifier");
    }

    @Override
    public String toString() {
        return "LoginRequest[" + redirectUri + "]";
    }
}
