package fr.segurbio.psc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import fr.segurbio.testkit.TestIdentity;
import fr.segurbio.testkit.TestPki;
import fr.segurbio.testkit.psc.ApiAuthorizationServerSimulator;
import fr.segurbio.transport.ServiceConnection;
import fr.segurbio.transport.TrustStore;
import no.nav.security.mock.oauth2.MockOAuth2Server;

/**
 * RFC 8693 token exchange over real mutual TLS (testkit's TestPki): a PSC access token from a real OpenID
 * provider exchanged at an "API Pro Santé Connectée" authorization server that knows the lab by its ORG AUTH_CLI
 * certificate.
 */
class TokenExchangeIT {

    static TestPki pki;
    static MockOAuth2Server psc;
    static ApiAuthorizationServerSimulator as;

    @BeforeAll
    static void start() {
        pki = TestPki.create();
        psc = Fixtures.mockPsc(Fixtures.oneSituation(), Duration.ofMinutes(2));
        as = ApiAuthorizationServerSimulator.builder(pki.serverIdentity(), pki.trustAnchors(),
                        psc.issuerUrl("psc").toString(), URI.create(psc.jwksUrl("psc").toString()))
                .client(pki.orgAuthCli().subject(), Fixtures.CLIENT_ID, Set.of("api-lab:read", "api-lab:write"))
                .start();
    }

    @AfterAll
    static void stop() {
        as.close();
        psc.shutdown();
        pki.close();
    }

    static ServiceConnection mtls(TestIdentity identity) {
        return ServiceConnection.builder()
                .certificate(identity.pkcs12(), identity.password())
                .trustStore(TrustStore.of(pki.trustAnchors()))
                .connectTimeout(Duration.ofSeconds(5)).responseTimeout(Duration.ofSeconds(10))
                .noCircuitBreaker()
                .build();
    }

    static String pscAccessToken() {
        return psc.issueToken("psc", Fixtures.CLIENT_ID, "psc", Map.of("sub", Fixtures.NATIONAL_ID)).serialize();
    }

    @Test
    void exchangedWithTheLabCertificate() {
        try (ServiceConnection c = mtls(pki.orgAuthCli())) {
            ExchangedToken t = TokenExchanger.builder(as.tokenEndpoint(), c).clientId(Fixtures.CLIENT_ID).build()
                    .exchange(pscAccessToken(), "api-lab:read");
            assertThat(t.accessToken()).isNotBlank();
            assertThat(t.issuedTokenType()).isEqualTo("urn:ietf:params:oauth:token-type:access_token");
            assertThat(t.scope()).contains("api-lab:read");
        }
    }

    @Test
    void certificateNotRegisteredRefused() {
        try (ServiceConnection c = mtls(pki.newIdentity("AUTRE LABO").issue())) {
            TokenExchanger exchanger = TokenExchanger.builder(as.tokenEndpoint(), c).build();
            assertThatThrownBy(() -> exchanger.exchange(pscAccessToken(), "api-lab:read"))
                    .isInstanceOfSatisfying(PscException.class,
                            e -> assertThat(e.code()).isEqualTo(PscError.EXCHANGE_CLIENT_REFUSED));
        }
    }

    @Test
    void certificateFromAnUntrustedCaRefusedAtTls() {
        try (ServiceConnection c = mtls(pki.wronglyIssued())) {
            TokenExchanger exchanger = TokenExchanger.builder(as.tokenEndpoint(), c).build();
            assertThatThrownBy(() -> exchanger.exchange(pscAccessToken(), "api-lab:read"))
                    .isInstanceOfSatisfying(PscException.class,
                            e -> assertThat(e.code()).isEqualTo(PscError.EXCHANGE_CLIENT_REFUSED));
        }
    }

    @Test
    void scopeNotAllowedRefused() {
        try (ServiceConnection c = mtls(pki.orgAuthCli())) {
            TokenExchanger exchanger = TokenExchanger.builder(as.tokenEndpoint(), c).clientId(Fixtures.CLIENT_ID)
                    .build();
            assertThatThrownBy(() -> exchanger.exchange(pscAccessToken(), "api-lab:admin"))
                    .isInstanceOfSatisfying(PscException.class,
                            e -> assertThat(e.code()).isEqualTo(PscError.EXCHANGE_SCOPE_REFUSED));
        }
    }

    @Test
    void subjectTokenFromAnotherIssuerRefused() {
        String foreign = psc.issueToken("other", Fixtures.CLIENT_ID, "psc", Map.of()).serialize();
        try (ServiceConnection c = mtls(pki.orgAuthCli())) {
            TokenExchanger exchanger = TokenExchanger.builder(as.tokenEndpoint(), c).clientId(Fixtures.CLIENT_ID)
                    .build();
            assertThatThrownBy(() -> exchanger.exchange(foreign, "api-lab:read"))
                    .isInstanceOfSatisfying(PscException.class,
                            e -> assertThat(e.code()).isEqualTo(PscError.EXCHANGE_FAILED));
        }
    }

    @Test
    void aConnectionWithoutCertificateIsAConfigurationError() {
        try (ServiceConnection c = ServiceConnection.builder().trustStore(TrustStore.of(pki.trustAnchors())).build()) {
            assertThatThrownBy(() -> TokenExchanger.builder(as.tokenEndpoint(), c))
                    .isInstanceOfSatisfying(PscException.class,
                            e -> assertThat(e.code()).isEqualTo(PscError.INVALID_CONFIGURATION));
        }
    }
}
