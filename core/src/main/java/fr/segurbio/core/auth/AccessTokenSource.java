package fr.segurbio.core.auth;

/**
 * Where a client gets a current OAuth 2.0 access token (a Pro Santé Connect token, refreshed before expiry by
 * psc-auth) without depending on the module that obtains it: mssante-client uses it for the SASL XOAUTH2 /
 * OAUTHBEARER login of personal and organisational mailboxes.
 *
 * <pre>{@code
 * AccessTokenSource tokens = pscSession::accessToken;   // psc-auth refreshes it
 * String bearer = tokens.accessToken();
 * }</pre>
 */
@FunctionalInterface
public interface AccessTokenSource {

    /**
     * A token valid now, refreshed first when it is about to expire.
     *
     * @return the access token (opaque or JWT), never blank
     */
    String accessToken();
}
