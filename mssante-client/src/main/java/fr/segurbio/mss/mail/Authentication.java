package fr.segurbio.mss.mail;

import java.util.Objects;

import fr.segurbio.core.auth.AccessTokenSource;

/**
 * How the client proves which mailbox it opens: the TLS client certificate alone (an application mailbox: SMTP
 * by the envelope sender, IMAP by SASL EXTERNAL), or a bearer token from Pro Santé Connect through SASL (personal
 * and organisational mailboxes; the client certificate is still presented when one is configured).
 *
 * <pre>{@code
 * Authentication app = Authentication.clientCertificate();
 * Authentication per = Authentication.token(SaslMechanism.XOAUTH2, pscSession::accessToken);
 * }</pre>
 */
public sealed interface Authentication {

    /**
     * The TLS client certificate authenticates the (application) mailbox.
     *
     * @return the authentication
     */
    static Authentication clientCertificate() {
        return ClientCertificate.INSTANCE;
    }

    /**
     * A bearer token, asked afresh from its source for every connection.
     *
     * @param mechanism the SASL mechanism the operator wants
     * @param tokens where the current token comes from (psc-auth refreshes it)
     * @return the authentication
     */
    static Authentication token(SaslMechanism mechanism, AccessTokenSource tokens) {
        return new Token(mechanism, tokens);
    }

    /** The client certificate authenticates. */
    final class ClientCertificate implements Authentication {
        static final ClientCertificate INSTANCE = new ClientCertificate();

        private ClientCertificate() {
        }

        @Override
        public String toString() {
            return "client certificate";
        }
    }

    /**
     * A bearer token through SASL.
     *
     * @param mechanism the mechanism
     * @param tokens the token source
     */
    record Token(SaslMechanism mechanism, AccessTokenSource tokens) implements Authentication {
        /**
         * Checks the fields.
         *
         * @param mechanism the mechanism
         * @param tokens the token source
         */
        public Token {
            Objects.requireNonNull(mechanism, "mechanism");
            Objects.requireNonNull(tokens, "tokens");
        }

        @Override
        public String toString() {
            return "token (" + mechanism + ")";
        }
    }
}
