package fr.segurbio.psc;

import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.BadJWSException;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWT;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.JWTParser;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;

/**
 * Verifies an OpenID Connect ID token from Pro Santé Connect: the signature with the realm's keys (asymmetric
 * algorithms only; {@code none} and HMAC refused), the issuer, the audience (this software's client id), the
 * expiry and issue time with a small clock skew, the nonce of the request and the authentication level
 * ({@code acr}). Each failure is its own {@link PscError}.
 *
 * <pre>{@code
 * IdTokenVerifier verifier = IdTokenVerifier.builder(provider.issuer(), provider.keySource(), "my-sgl")
 *         .acceptedAcr("eidas1")
 *         .build();
 * VerifiedIdToken id = verifier.verify(idToken, nonce);
 * }</pre>
 *
 * <p>Thread-safe; build one per client and share it.
 */
public final class IdTokenVerifier {

    /** The signature algorithms accepted by default. */
    public static final Set<JWSAlgorithm> DEFAULT_ALGORITHMS = Set.of(JWSAlgorithm.RS256, JWSAlgorithm.RS384,
            JWSAlgorithm.RS512, JWSAlgorithm.PS256, JWSAlgorithm.PS384, JWSAlgorithm.PS512, JWSAlgorithm.ES256,
            JWSAlgorithm.ES384, JWSAlgorithm.ES512);

    private final String issuer;
    private final String clientId;
    private final Set<JWSAlgorithm> algorithms;
    private final Set<String> acceptedAcr;
    private final Duration clockSkew;
    private final Clock clock;
    private final DefaultJWTProcessor<SecurityContext> processor;

    private IdTokenVerifier(Builder b) {
        this.issuer = b.issuer;
        this.clientId = b.clientId;
        this.algorithms = Set.copyOf(b.algorithms);
        this.acceptedAcr = Set.copyOf(b.acceptedAcr);
        this.clockSkew = b.clockSkew;
        this.clock = b.clock;
        this.processor = new DefaultJWTProcessor<>();
        processor.setJWSKeySelector(new JWSVerificationKeySelector<>(this.algorithms, b.keys));
        // the claims are checked below, each with its own code
        processor.setJWTClaimsSetVerifier((claims, context) -> { });
    }

    /**
     * A builder.
     *
     * @param issuer the expected issuer
     * @param keys the issuer's keys (see {@link PscProvider#keySource()})
     * @param clientId this software's client id (the expected audience)
     * @return the builder
     */
    public static Builder builder(java.net.URI issuer, JWKSource<SecurityContext> keys, String clientId) {
        return new Builder(issuer, keys, clientId);
    }

    /**
     * Verifies an ID token.
     *
     * @param idToken the compact serialisation
     * @param expectedNonce the nonce sent with the request, or {@code null} when none was sent (CIBA)
     * @return the verified token
     * @throws PscException a {@code PSC-02x} code saying what is wrong
     */
    public VerifiedIdToken verify(String idToken, String expectedNonce) {
        JWT jwt;
        try {
            jwt = JWTParser.parse(Objects.requireNonNull(idToken, "idToken"));
        } catch (ParseException e) {
            throw new PscException(e, PscError.ID_TOKEN_MALFORMED, e.getMessage());
        }
        if (jwt instanceof PlainJWT) {
            throw new PscException(PscError.ID_TOKEN_UNSIGNED);
        }
        if (!(jwt instanceof SignedJWT)) {
            throw new PscException(PscError.ID_TOKEN_MALFORMED, "encrypted tokens are not expected");
        }
        SignedJWT signed = (SignedJWT) jwt;
        JWSAlgorithm alg = signed.getHeader().getAlgorithm();
        if (!algorithms.contains(alg)) {
            throw new PscException(PscError.ID_TOKEN_ALGORITHM_REFUSED, alg, algorithms.stream()
                    .map(JWSAlgorithm::getName).sorted().collect(Collectors.joining(", ")));
        }
        JWTClaimsSet claims;
        try {
            claims = processor.process(signed, null);
        } catch (BadJWSException e) {
            throw new PscException(e, PscError.ID_TOKEN_BAD_SIGNATURE, e.getMessage());
        } catch (BadJOSEException e) {
            String kid = signed.getHeader().getKeyID();
            throw new PscException(e, PscError.ID_TOKEN_UNKNOWN_KEY, kid == null ? "-" : kid);
        } catch (JOSEException e) {
            throw new PscException(e, PscError.ID_TOKEN_BAD_SIGNATURE, e.getMessage());
        }
        return checkClaims(claims, idToken, expectedNonce);
    }

    private VerifiedIdToken checkClaims(JWTClaimsSet claims, String raw, String expectedNonce) {
        Instant now = clock.instant();
        if (!issuer.equals(claims.getIssuer())) {
            throw new PscException(PscError.ID_TOKEN_WRONG_ISSUER, claims.getIssuer(), issuer);
        }
        List<String> aud = claims.getAudience();
        if (aud == null || !aud.contains(clientId)) {
            throw new PscException(PscError.ID_TOKEN_WRONG_AUDIENCE, aud, clientId);
        }
        Object azp = claims.getClaim("azp");
        if (aud.size() > 1 && azp != null && !clientId.equals(azp)) {
            throw new PscException(PscError.ID_TOKEN_WRONG_AUDIENCE, "azp " + azp, clientId);
        }
        Date exp = claims.getExpirationTime();
        if (exp == null) {
            throw new PscException(PscError.ID_TOKEN_MALFORMED, "no exp claim");
        }
        if (!exp.toInstant().plus(clockSkew).isAfter(now)) {
            throw new PscException(PscError.ID_TOKEN_EXPIRED, exp.toInstant(), now);
        }
        Date iat = claims.getIssueTime();
        if (iat == null) {
            throw new PscException(PscError.ID_TOKEN_MALFORMED, "no iat claim");
        }
        if (iat.toInstant().minus(clockSkew).isAfter(now)) {
            throw new PscException(PscError.ID_TOKEN_NOT_YET_VALID, iat.toInstant(), now);
        }
        if (claims.getSubject() == null || claims.getSubject().isBlank()) {
            throw new PscException(PscError.ID_TOKEN_MALFORMED, "no sub claim");
        }
        Object nonce = claims.getClaim("nonce");
        if (expectedNonce != null && !expectedNonce.equals(nonce)) {
            throw new PscException(PscError.ID_TOKEN_NONCE_MISMATCH);
        }
        Object acr = claims.getClaim("acr");
        if (!acceptedAcr.isEmpty() && (acr == null || !acceptedAcr.contains(acr.toString()))) {
            throw new PscException(PscError.ID_TOKEN_ACR_REFUSED, acr, String.join(", ", acceptedAcr));
        }
        return new VerifiedIdToken(raw, claims);
    }

    /** Configures an {@link IdTokenVerifier}. */
    public static final class Builder {
        private final String issuer;
        private final JWKSource<SecurityContext> keys;
        private final String clientId;
        private Set<JWSAlgorithm> algorithms = DEFAULT_ALGORITHMS;
        private final Set<String> acceptedAcr = new LinkedHashSet<>();
        private Duration clockSkew = Duration.ofSeconds(30);
        private Clock clock = Clock.systemUTC();

        private Builder(java.net.URI issuer, JWKSource<SecurityContext> keys, String clientId) {
            this.issuer = Objects.requireNonNull(issuer, "issuer").toString();
            this.keys = Objects.requireNonNull(keys, "keys");
            this.clientId = Objects.requireNonNull(clientId, "clientId");
        }

        /**
         * The accepted signature algorithms (asymmetric only; default RS, PS and ES families).
         *
         * @param algorithms the algorithms
         * @return this builder
         */
        public Builder algorithms(Set<JWSAlgorithm> algorithms) {
            for (JWSAlgorithm a : algorithms) {
                if (JWSAlgorithm.Family.HMAC_SHA.contains(a) || "none".equalsIgnoreCase(a.getName())) {
                    throw new PscException(PscError.INVALID_CONFIGURATION,
                            "only asymmetric signature algorithms are accepted for ID tokens, not " + a);
                }
            }
            if (algorithms.isEmpty()) {
                throw new PscException(PscError.INVALID_CONFIGURATION, "no ID token algorithm");
            }
            this.algorithms = Set.copyOf(algorithms);
            return this;
        }

        /**
         * An accepted authentication level ({@code acr}); when none is given, any level is accepted.
         *
         * @param acr the level, such as {@code eidas1}
         * @return this builder
         */
        public Builder acceptedAcr(String acr) {
            acceptedAcr.add(Objects.requireNonNull(acr, "acr"));
            return this;
        }

        /**
         * The tolerated clock difference (default 30 s, at most 5 min).
         *
         * @param skew the skew
         * @return this builder
         */
        public Builder clockSkew(Duration skew) {
            if (skew.isNegative() || skew.compareTo(Duration.ofMinutes(5)) > 0) {
                throw new PscException(PscError.INVALID_CONFIGURATION, "clock skew between 0 and 5 minutes");
            }
            this.clockSkew = skew;
            return this;
        }

        /**
         * The clock (tests).
         *
         * @param clock the clock
         * @return this builder
         */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /**
         * Builds the verifier.
         *
         * @return the verifier
         */
        public IdTokenVerifier build() {
            return new IdTokenVerifier(this);
        }
    }
}
