package fr.segurbio.mss.mail;

/**
 * The SASL mechanism that carries a bearer token (a Pro Santé Connect access token); which one an operator
 * wants is configuration (the référentiel does not name it).
 *
 * <pre>{@code
 * Authentication auth = Authentication.token(SaslMechanism.OAUTHBEARER, pscSession::accessToken);
 * }</pre>
 */
public enum SaslMechanism {
    /** Google's {@code XOAUTH2} ({@code user=…^Aauth=Bearer …^A^A}). */
    XOAUTH2,
    /** RFC 7628 {@code OAUTHBEARER} ({@code n,a=…,^Ahost=…^Aauth=Bearer …^A^A}). */
    OAUTHBEARER
}
