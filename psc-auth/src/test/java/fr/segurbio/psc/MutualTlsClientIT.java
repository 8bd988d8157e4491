package fr.segurbio.psc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import fr.segurbio.testkit.TestIdentity;
import fr.segurbio.testkit.TestPki;
import fr.segurbio.testkit.psc.CibaBehaviour;
import fr.segurbio.testkit.psc.PscCibaSimulator;
import fr.segurbio.transport.ServiceConnection;
import fr.segurbio.transport.TrustStore;

/**
 * The SGL authenticating to PSC with its ORG AUTH_CLI certificate ({@code tls_client_auth}, RFC 8705) instead
 * of a secret: PSC's mutual-TLS endpoints, played by the CIBA simulator over testkit's mutual-TLS server.
 */
class MutualTlsClientIT {

    static TestPki pki;
    static PscCibaSimulator psc;

    @BeforeAll
    static void start() {
        pki = TestPki.create();
        psc = PscCibaSimulator.builder()
                .mutualTls(pki.serverIdentity(), pki.trustAnchors())
                .tlsClient(Fixtures.CLIENT_ID, pki.orgAuthCli().subject())
                .interval(Duration.ofSeconds(1))
                .start();
        psc.practitioner(Fixtures.NATIONAL_ID, Fixtures.oneSituation());
        psc.behaviour(Fixtures.NATIONAL_ID, CibaBehaviour.approveAfter(Duration.ZERO));
    }

    @AfterAll
    static void stop() {
        psc.close();
        pki.close();
    }

    static ServiceConnection connection(TestIdentity identity) {
        return ServiceConnection.builder().certificate(identity.pkcs12(), identity.password())
                .trustStore(TrustStore.of(pki.trustAnchors())).noCircuitBreaker().build();
    }

    @Test
    void cibaWithTheLabCertificateInsteadOfASecret() {
        try (ServiceConnection c = connection(pki.orgAuthCli())) {
            PscClient client = PscClient.builder(PscProvider.builder(PscEnvironment.ofIssuer(psc.issuer()))
                    .connection(c).build()).clientId(Fixtures.CLIENT_ID).mutualTlsAuthentication().build();
            PscLogin login = client.loginWithCiba(CibaRequest.forRpps(Fixtures.RPPS).build());
            assertThat(client.userInfo(login.tokens().accessToken()).nationalId()).isEqualTo(Fixtures.NATIONAL_ID);
        }
    }

    @Test
    void certificateOfAnotherStructureRefused() {
        try (ServiceConnection c = connection(pki.newIdentity("AUTRE LABO").organizationalUnit("ORG AUTH_CLI")
                .issue())) {
            PscClient client = PscClient.builder(PscProvider.builder(PscEnvironment.ofIssuer(psc.issuer()))
                    .connection(c).build()).clientId(Fixtures.CLIENT_ID).mutualTlsAuthentication().build();
            assertThatThrownBy(() -> client.startCiba(CibaRequest.forRpps(Fixtures.RPPS).build()))
                    .isInstanceOfSatisfying(PscException.class,
                            e -> assertThat(e.code()).isEqualTo(PscError.CIBA_REQUEST_REFUSED));
        }
    }

    @Test
    void secretAndCertificateAuthenticationAreExclusive() {
        try (ServiceConnection c = connection(pki.orgAuthCli())) {
            PscProvider provider = PscProvider.builder(PscEnvironment.ofIssuer(psc.issuer())).connection(c).build();
            assertThatThrownBy(() -> PscClient.builder(provider).clientId("x").clientSecret("s")
                    .mutualTlsAuthentication().build()).isInstanceOfSatisfying(PscException.class,
                            e -> assertThat(e.code()).isEqualTo(PscError.INVALID_CONFIGURATION));
        }
    }
}
