package fr.segurbio.psc.fuzz;

import fr.segurbio.core.fuzz.FuzzProperty;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jose.util.JSONObjectUtils;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

import fr.segurbio.psc.IdTokenVerifier;
import fr.segurbio.psc.PscException;
import fr.segurbio.psc.PscProvider;
import fr.segurbio.psc.Practitioner;

/**
 * Fuzz targets of psc-auth's readers of what Pro Santé Connect answers: the ID token (as received, and as claims
 * signed with the realm's key so that the claim checks are reached), the userinfo claims mapped to a
 * {@link Practitioner}, and the discovery document. A result or a {@link PscException} with its code, never another
 * exception. JSON that Nimbus itself cannot parse is where the SDK answers {@code PSC-*} from Nimbus's
 * {@code ParseException}; such inputs end here. Seeds: {@code PscFuzzTestInputs/<method>}.
 */
class PscFuzzTest {

    private static final URI ISSUER = URI.create("https://auth.esw.esante.gouv.fr/auth/realms/esante-wallet");
    private static final String CLIENT_ID = "segur-bio-fuzz";
    private static final RSAKey KEY = newKey();
    private static final IdTokenVerifier VERIFIER = IdTokenVerifier
            .builder(ISSUER, new ImmutableJWKSet<SecurityContext>(new JWKSet(KEY.toPublicJWK())), CLIENT_ID)
            .clock(Clock.fixed(Instant.parse("2026-12-02T10:00:00Z"), ZoneOffset.UTC))
            .build();

    /** A 2048-bit RSA signing key for the fuzz targets of this package. */
    static RSAKey newKey() {
        try {
            return new RSAKeyGenerator(2048).keyID("fuzz").generate();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The compact serialization as received. */
    @FuzzTest(maxDuration = "2m")
    void idToken(byte[] input) {
        String token = new String(input, StandardCharsets.UTF_8);
        FuzzProperty.check(PscException.class, input.length, () -> VERIFIER.verify(token, "nonce"))
                .ifPresent(v -> assertThat(v).isNotNull());
    }

    /** The claims, signed with the realm's key: the claim checks run on whatever the claims are. */
    @FuzzTest(maxDuration = "2m")
    void idTokenClaims(byte[] input) throws JOSEException {
        JWTClaimsSet claims;
        try {
            claims = JWTClaimsSet.parse(new String(input, StandardCharsets.UTF_8));
        } catch (java.text.ParseException e) {
            return;
        }
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("fuzz").build(), claims);
        jwt.sign(new RSASSASigner(KEY));
        String token = jwt.serialize();
        FuzzProperty.check(PscException.class, input.length, () -> VERIFIER.verify(token, "nonce"))
                .ifPresent(v -> assertThat(v).isNotNull());
    }

    @FuzzTest(maxDuration = "2m")
    void userInfo(byte[] input) {
        Map<String, Object> claims;
        try {
            claims = JSONObjectUtils.parse(new String(input, StandardCharsets.UTF_8));
        } catch (java.text.ParseException e) {
            return;
        }
        FuzzProperty.check(PscException.class, input.length, () -> Practitioner.fromUserInfo(claims))
                .ifPresent(p -> {
                    assertThat(p.situations()).isNotNull();
                    assertThat(p.toString()).isNotNull();
                });
    }

    @FuzzTest(maxDuration = "2m")
    void discovery(byte[] input) {
        String json = new String(input, StandardCharsets.UTF_8);
        FuzzProperty.check(PscException.class, input.length, () -> PscProvider.parseDiscovery(json, ISSUER))
                .ifPresent(m -> assertThat(m.getIssuer().getValue()).isEqualTo(ISSUER.toString()));
    }
}
