package fr.segurbio.psc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.nimbusds.jwt.SignedJWT;

import fr.segurbio.core.auth.AuthenticatedPractitioner;
import fr.segurbio.transport.ServiceConnection;
import no.nav.security.mock.oauth2.MockOAuth2Server;

/**
 * The authorization code flow with PKCE against a real OpenID provider (mock-oauth2-server, its own keys), the
 * browser step driven by HTTP following the redirects to the SDK's loopback listener.
 */
class CodeFlowIT {

    static MockOAuth2Server server;
    static ServiceConnection http;
    static PscProvider provider;
    static PscClient psc;

    @BeforeAll
    static void start() {
        server = Fixtures.mockPsc(Fixtures.oneSituation(), Duration.ofMinutes(2));
        http = Fixtures.transport();
        provider = PscProvider.builder(PscEnvironment.ofIssuer(URI.create(server.issuerUrl("psc").toString())))
                .connection(http).build();
        psc = PscClient.builder(provider).clientId(Fixtures.CLIENT_ID).clientSecret(Fixtures.SECRET).build();
    }

    @AfterAll
    static void stop() {
        server.shutdown();
        http.close();
    }

    @Test
    void desktopLoginThroughTheLoopbackListener() {
        PscLogin login = psc.loginWithBrowser(Browser::follow, Duration.ofSeconds(20));

        assertThat(login.idToken().acr()).contains("eidas1");
        assertThat(login.tokens().refreshToken()).isPresent();
        Practitioner p = psc.userInfo(login.tokens().accessToken());
        assertThat(p.nationalId()).isEqualTo(Fixtures.NATIONAL_ID);
        assertThat(p.rpps()).contains(Fixtures.RPPS);
        AuthenticatedPractitioner who = p.toAuthenticated(p.onlySituation(), login.idToken().authenticatedAt());
        assertThat(who.structureId()).isEqualTo("3750000001/LAB1");
        assertThat(who.specialtyCode()).contains("SM99");
    }

    @Test
    void authorizationRequestCarriesPkceStateNonceAcrAndScopes() {
        LoginRequest pending = psc.startLogin(URI.create("http://127.0.0.1:1/callback"));
        String q = pending.authorizationUri().getRawQuery();
        assertThat(q).contains("code_challenge_method=S256", "code_challenge=", "state=" + pending.state(),
                "nonce=" + pending.nonce(), "acr_values=eidas1", "scope=openid+scope_all", "response_type=code");
        assertThat(q).doesNotContain(pending.codeVerifier());
    }

    @Test
    void webLoginCompletedFromTheCallbackAddress() {
        LoginRequest pending = psc.startLogin(URI.create("https://sgl.lab.test/psc/callback"));
        URI callback = Browser.redirectOf(pending.authorizationUri());
        assertThat(callback.toString()).startsWith("https://sgl.lab.test/psc/callback?");

        PscLogin login = psc.completeLogin(pending, callback);
        assertThat(login.idToken().subject()).isNotBlank();
    }

    @Test
    void wrongStateRefused() {
        LoginRequest pending = psc.startLogin(URI.create("https://sgl.lab.test/psc/callback"));
        URI callback = Browser.redirectOf(pending.authorizationUri());
        LoginRequest other = psc.startLogin(URI.create("https://sgl.lab.test/psc/callback"));

        assertThatThrownBy(() -> psc.completeLogin(other, callback))
                .isInstanceOfSatisfying(PscException.class, e -> assertThat(e.code()).isEqualTo(PscError.STATE_MISMATCH));
    }

    @Test
    void wrongNonceRefused() {
        LoginRequest pending = psc.startLogin(URI.create("https://sgl.lab.test/psc/callback"));
        URI callback = Browser.redirectOf(pending.authorizationUri());
        LoginRequest forged = new LoginRequest(pending.authorizationUri(), pending.redirectUri(), pending.state(),
                "another-nonce", pending.codeVerifier());

        assertThatThrownBy(() -> psc.completeLogin(forged, callback))
                .isInstanceOfSatisfying(PscException.class,
                        e -> assertThat(e.code()).isEqualTo(PscError.ID_TOKEN_NONCE_MISMATCH));
    }

    @Test
    void errorCallbackIsTyped() {
        LoginRequest pending = psc.startLogin(URI.create("https://sgl.lab.test/psc/callback"));
        URI callback = URI.create("https://sgl.lab.test/psc/callback?error=access_denied&error_description=refus"
                + "&state=" + pending.state());
        assertThatThrownBy(() -> psc.completeLogin(pending, callback))
                .isInstanceOfSatisfying(PscException.class,
                        e -> assertThat(e.code()).isEqualTo(PscError.AUTHORIZATION_DENIED));
    }

    @Test
    void loopbackTimesOutWhenTheBrowserNeverComesBack() {
        assertThatThrownBy(() -> psc.loginWithBrowser(uri -> { }, Duration.ofMillis(300)))
                .isInstanceOfSatisfying(PscException.class, e -> assertThat(e.code()).isEqualTo(PscError.LOGIN_TIMEOUT));
    }

    @Test
    void acrNotRequestedIsRefused() {
        PscClient strict = PscClient.builder(provider).clientId(Fixtures.CLIENT_ID).clientSecret(Fixtures.SECRET)
                .acrValues("eidas2").build();
        assertThatThrownBy(() -> strict.loginWithBrowser(Browser::follow, Duration.ofSeconds(20)))
                .isInstanceOfSatisfying(PscException.class,
                        e -> assertThat(e.code()).isEqualTo(PscError.ID_TOKEN_ACR_REFUSED));
    }

    @Test
    void refreshIntrospectionRevocationAndLogout() {
        PscLogin login = psc.loginWithBrowser(Browser::follow, Duration.ofSeconds(20));
        PscTokens renewed = psc.refresh(login.tokens());
        assertThat(renewed.accessToken()).isNotEqualTo(login.tokens().accessToken());

        Introspection i = psc.introspect(renewed.accessToken());
        assertThat(i.active()).isTrue();
        assertThat(i.subject()).isPresent();

        PscSession session = psc.session(new PscLogin(renewed, login.idToken()));
        session.logout();
        assertThat(session.ended()).isTrue();
        assertThatThrownBy(session::accessToken)
                .isInstanceOfSatisfying(PscException.class, e -> assertThat(e.code()).isEqualTo(PscError.SESSION_ENDED));
    }

    @Test
    void sessionGivesTheAuthenticatedPractitionerForTheVihf() {
        PscSession session = psc.session(psc.loginWithBrowser(Browser::follow, Duration.ofSeconds(20)));
        Practitioner p = session.practitioner();
        AuthenticatedPractitioner who = session.authenticated(p.onlySituation());
        assertThat(who.nationalId()).isEqualTo(Fixtures.NATIONAL_ID);
        assertThat(who.sectorCode()).isEqualTo("SA07");
        assertThat(who.authenticationLevel()).contains("APPPRIP3^1.2.250.1.213.1.5.1.1.1");
    }

    @Test
    void idTokenFromTheProviderVerifiesAndForeignAudienceIsRefused() throws Exception {
        SignedJWT forOther = server.issueToken("psc", "other-client", "someone",
                Map.of("acr", "eidas1", "nonce", "n"));
        assertThatThrownBy(() -> psc.idTokenVerifier().verify(forOther.serialize(), "n"))
                .isInstanceOfSatisfying(PscException.class,
                        e -> assertThat(e.code()).isEqualTo(PscError.ID_TOKEN_WRONG_AUDIENCE));
        SignedJWT ok = server.issueToken("psc", Fixtures.CLIENT_ID, "someone", Map.of("acr", "eidas1", "nonce", "n",
                "aud", List.of(Fixtures.CLIENT_ID)));
        assertThat(psc.idTokenVerifier().verify(ok.serialize(), "n").subject()).isNotBlank();
    }

    @Test
    void endSessionAddressCarriesTheIdTokenHint() {
        PscLogin login = psc.loginWithBrowser(Browser::follow, Duration.ofSeconds(20));
        URI logout = psc.logoutUri(login.idToken(), URI.create("https://sgl.lab.test/bye")).orElseThrow();
        assertThat(logout.toString()).startsWith(server.endSessionEndpointUrl("psc").toString())
                .contains("id_token_hint=", "post_logout_redirect_uri=");
    }

    @Test
    void unknownTokenIsInactive() {
        assertThat(psc.introspect("not-a-token").active()).isFalse();
    }

    @Test
    void discoveryOfAnotherIssuerRefused() {
        PscEnvironment wrong = new PscEnvironment(URI.create("https://auth.esw.esante.gouv.fr/auth/realms/esante-wallet"),
                URI.create(server.wellKnownUrl("psc").toString()));
        assertThatThrownBy(() -> PscProvider.builder(wrong).connection(http).build())
                .isInstanceOfSatisfying(PscException.class, e -> assertThat(e.code()).isEqualTo(PscError.ISSUER_MISMATCH));
    }
}
