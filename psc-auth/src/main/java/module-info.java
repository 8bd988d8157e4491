/**
 * Ségur Bio SDK — Pro Santé Connect: practitioner authentication (OpenID Connect code flow with PKCE, CIBA),
 * tokens, the practitioner from userinfo and the RFC 8693 token exchange.
 */
module fr.segurbio.psc {
    requires transitive fr.segurbio.core;
    requires transitive fr.segurbio.transport;
    requires transitive oauth2.oidc.sdk;
    requires transitive com.nimbusds.jose.jwt;
    requires jdk.httpserver;

    exports fr.segurbio.psc;
}
