package fr.segurbio.psc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Set;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.openid.connect.sdk.op.OIDCProviderMetadata;

import fr.segurbio.transport.ServiceConnection;

/** ID token verification against a provider whose keys the test controls (rotation, unknown keys, forgeries). */
class IdTokenVerifierIT {

    RSAKey key;
    KeyServer op;
    ServiceConnection http;
    PscProvider provider;
    IdTokenVerifier verifier;

    @BeforeEach
    void start() {
        key = KeyServer.newKey();
        op = new KeyServer(key);
        http = Fixtures.transport();
        provider = PscProvider.builder(PscEnvironment.ofIssuer(op.issuer())).connection(http)
                .keyRefetchInterval(Duration.ZERO).build();
        verifier = IdTokenVerifier.builder(provider.issuer(), provider.keySource(), Fixtures.CLIENT_ID)
                .acceptedAcr("eidas1").build();
    }

    @AfterEach
    void stop() {
        op.close();
        http.close();
    }

    private PscException refused(String token, String nonce) {
        try {
            verifier.verify(token, nonce);
        } catch (PscException e) {
            return e;
        }
        throw new AssertionError("accepted");
    }

    @Test
    void validTokenAcceptedAndTheKeySetReadOnce() {
        for (int i = 0; i < 5; i++) {
            VerifiedIdToken id = verifier.verify(KeyServer.sign(key, op.claims(Fixtures.CLIENT_ID, "n").build()), "n");
            assertThat(id.acr()).contains("eidas1");
        }
        assertThat(op.jwksHits.get()).isEqualTo(1);
    }

    @Test
    void noneAlgorithmRefused() {
        String plain = new PlainJWT(op.claims(Fixtures.CLIENT_ID, "n").build()).serialize();
        assertThat(refused(plain, "n").code()).isEqualTo(PscError.ID_TOKEN_UNSIGNED);
    }

    @Test
    void hmacRefused() throws Exception {
        SignedJWT hs = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), op.claims(Fixtures.CLIENT_ID, "n").build());
        hs.sign(new MACSigner("0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.UTF_8)));
        assertThat(refused(hs.serialize(), "n").code()).isEqualTo(PscError.ID_TOKEN_ALGORITHM_REFUSED);
        assertThatThrownBy(() -> IdTokenVerifier.builder(provider.issuer(), provider.keySource(), "x")
                .algorithms(Set.of(JWSAlgorithm.HS256)))
                .isInstanceOfSatisfying(PscException.class,
                        e -> assertThat(e.code()).isEqualTo(PscError.INVALID_CONFIGURATION));
    }

    @Test
    void unknownKeyRefusedAfterOneRefetch() {
        verifier.verify(KeyServer.sign(key, op.claims(Fixtures.CLIENT_ID, "n").build()), "n");
        int before = op.jwksHits.get();
        String forged = KeyServer.sign(KeyServer.newKey(), op.claims(Fixtures.CLIENT_ID, "n").build());
        assertThat(refused(forged, "n").code()).isEqualTo(PscError.ID_TOKEN_UNKNOWN_KEY);
        assertThat(op.jwksHits.get()).isEqualTo(before + 1);
    }

    @Test
    void forgedSignatureWithAKnownKeyIdRefused() {
        RSAKey other = new RSAKey.Builder(KeyServer.newKey()).keyID(key.getKeyID()).build();
        String forged = KeyServer.sign(other, op.claims(Fixtures.CLIENT_ID, "n").build());
        assertThat(refused(forged, "n").code()).isEqualTo(PscError.ID_TOKEN_BAD_SIGNATURE);
    }

    @Test
    void keyRotationMidSession() {
        verifier.verify(KeyServer.sign(key, op.claims(Fixtures.CLIENT_ID, "n").build()), "n");
        RSAKey next = KeyServer.newKey();
        op.published.set(new com.nimbusds.jose.jwk.JWKSet(java.util.List.of(next.toPublicJWK(), key.toPublicJWK())));
        int before = op.jwksHits.get();

        verifier.verify(KeyServer.sign(next, op.claims(Fixtures.CLIENT_ID, "n").build()), "n");
        verifier.verify(KeyServer.sign(next, op.claims(Fixtures.CLIENT_ID, "n").build()), "n");
        verifier.verify(KeyServer.sign(key, op.claims(Fixtures.CLIENT_ID, "n").build()), "n");
        assertThat(op.jwksHits.get()).isEqualTo(before + 1);
    }

    @Test
    void unknownKeysDoNotHammerTheProvider() {
        PscProvider guarded = PscProvider.builder(PscEnvironment.ofIssuer(op.issuer())).connection(http).build();
        IdTokenVerifier v = IdTokenVerifier.builder(guarded.issuer(), guarded.keySource(), Fixtures.CLIENT_ID).build();
        v.verify(KeyServer.sign(key, op.claims(Fixtures.CLIENT_ID, "n").build()), "n");
        int before = op.jwksHits.get();
        for (int i = 0; i < 5; i++) {
            String forged = KeyServer.sign(KeyServer.newKey(), op.claims(Fixtures.CLIENT_ID, "n").build());
            assertThatThrownBy(() -> v.verify(forged, "n")).isInstanceOf(PscException.class);
        }
        assertThat(op.jwksHits.get()).isEqualTo(before);
    }

    @Test
    void expiredRefusedButSmallSkewTolerated() {
        Instant now = Instant.now();
        String expired = KeyServer.sign(key, op.claims(Fixtures.CLIENT_ID, "n")
                .issueTime(Date.from(now.minusSeconds(600))).expirationTime(Date.from(now.minusSeconds(120))).build());
        assertThat(refused(expired, "n").code()).isEqualTo(PscError.ID_TOKEN_EXPIRED);
        String justExpired = KeyServer.sign(key, op.claims(Fixtures.CLIENT_ID, "n")
                .expirationTime(Date.from(now.minusSeconds(10))).build());
        assertThat(verifier.verify(justExpired, "n").subject()).isNotBlank();
    }

    @Test
    void issuedInTheFutureRefused() {
        String future = KeyServer.sign(key, op.claims(Fixtures.CLIENT_ID, "n")
                .issueTime(Date.from(Instant.now().plusSeconds(600))).build());
        assertThat(refused(future, "n").code()).isEqualTo(PscError.ID_TOKEN_NOT_YET_VALID);
    }

    @Test
    void otherIssuerRefused() {
        String other = KeyServer.sign(key, op.claims(Fixtures.CLIENT_ID, "n").issuer("https://evil.example/op")
                .build());
        assertThat(refused(other, "n").code()).isEqualTo(PscError.ID_TOKEN_WRONG_ISSUER);
    }

    @Test
    void otherAudienceRefused() {
        String other = KeyServer.sign(key, op.claims("another-sgl", "n").build());
        assertThat(refused(other, "n").code()).isEqualTo(PscError.ID_TOKEN_WRONG_AUDIENCE);
    }

    @Test
    void wrongNonceRefused() {
        String token = KeyServer.sign(key, op.claims(Fixtures.CLIENT_ID, "n1").build());
        assertThat(refused(token, "n2").code()).isEqualTo(PscError.ID_TOKEN_NONCE_MISMATCH);
    }

    @Test
    void lowerAcrRefused() {
        String token = KeyServer.sign(key, op.claims(Fixtures.CLIENT_ID, "n").claim("acr", "0").build());
        assertThat(refused(token, "n").code()).isEqualTo(PscError.ID_TOKEN_ACR_REFUSED);
    }

    @Test
    void malformedRefused() {
        assertThat(refused("not.a.jwt", "n").code()).isEqualTo(PscError.ID_TOKEN_MALFORMED);
    }

    @Test
    void discoveryKeptWhilePscIsUnreachable() {
        PscProvider p = PscProvider.builder(PscEnvironment.ofIssuer(op.issuer())).connection(http)
                .discoveryTtl(Duration.ZERO).build();
        String issuer = op.issuer().toString();
        op.close();
        assertThat(p.metadata().getIssuer().getValue()).isEqualTo(issuer);
        assertThat(p.discoveryReads()).isEqualTo(1);
    }

    @Test
    void pscDiscoverySampleParsedAndIssuerChecked() throws Exception {
        String sample = Files.readString(Path.of(System.getProperty("segur.shared", "../../shared"),
                "conformance/psc/discovery-sample.json"));
        OIDCProviderMetadata m = PscProvider.parseDiscovery(sample,
                URI.create("http://localhost:8443/auth/realms/esante-wallet"));
        assertThat(m.getAuthorizationEndpointURI()).hasToString("https://wallet.bas.psc.esante.gouv.fr/auth");
        assertThat(m.getBackChannelAuthenticationEndpointURI().toString()).endsWith("/ext/ciba/auth");
        assertThat(m.getBackChannelTokenDeliveryModes()).hasSize(2);
        assertThat(m.getIntrospectionEndpointURI().toString()).endsWith("/token/introspect");

        assertThatThrownBy(() -> PscProvider.parseDiscovery(sample, PscEnvironment.BAC_A_SABLE.issuer()))
                .isInstanceOfSatisfying(PscException.class, e -> assertThat(e.code()).isEqualTo(PscError.ISSUER_MISMATCH));
    }

    @Test
    void pscEnvironmentsPointAtTheWalletConfiguration() {
        assertThat(PscEnvironment.PRODUCTION.discovery()).hasToString(
                "https://auth.esw.esante.gouv.fr/auth/realms/esante-wallet/.well-known/wallet-openid-configuration");
        assertThat(PscEnvironment.named("bas").discovery().getHost()).isEqualTo("auth.bas.psc.esante.gouv.fr");
        assertThat(PscEnvironment.named("http://127.0.0.1:9/op").discovery().getPath())
                .isEqualTo("/op/.well-known/openid-configuration");
    }
}
