package fr.segurbio.benchmarks;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.util.JSONObjectUtils;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;

import fr.segurbio.psc.IdTokenVerifier;
import fr.segurbio.psc.Practitioner;
import fr.segurbio.psc.PscEnvironment;
import fr.segurbio.psc.PscProvider;
import fr.segurbio.psc.VerifiedIdToken;
import fr.segurbio.transport.ServiceConnection;

/**
 * Pro Santé Connect hot paths: ID token verification (RS256 signature, issuer, audience, expiry, nonce, acr)
 * with the realm's key set cached by {@link PscProvider} (read once from a loopback provider at setup; target:
 * under 0.2 ms), the same with a fixed key set, and a userinfo read into the {@link Practitioner}.
 *
 * <pre>{@code
 * java -jar benchmarks/target/benchmarks.jar PscBenchmark -f 1 -wi 3 -w 1 -i 5 -r 1
 * }</pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class PscBenchmark {

    private static final String CLIENT = "sgl-labo-lilas";

    private HttpServer server;
    private ServiceConnection connection;
    private IdTokenVerifier cachedProvider;
    private IdTokenVerifier fixedKeys;
    private String idToken;
    private Map<String, Object> userInfo;

    /** Starts a loopback provider (discovery + JWKS), reads its keys once, signs one ID token. */
    @Setup(Level.Trial)
    public void setUp() throws JOSEException {
        RSAKey key = new RSAKeyGenerator(2048).keyID("k1").generate();
        String jwks = new JWKSet(key.toPublicJWK()).toString();
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String issuer = "http://127.0.0.1:" + server.getAddress().getPort() + "/psc";
        server.createContext("/psc/.well-known/openid-configuration", x -> send(x, JSONObjectUtils.toJSONString(
                Map.of("issuer", issuer, "authorization_endpoint", issuer + "/auth", "token_endpoint",
                        issuer + "/token", "jwks_uri", issuer + "/jwks", "response_types_supported", List.of("code"),
                        "subject_types_supported", List.of("public"), "id_token_signing_alg_values_supported",
                        List.of("RS256")))));
        server.createContext("/psc/jwks", x -> send(x, jwks));
        server.start();
        connection = ServiceConnection.builder().connectTimeout(Duration.ofSeconds(2)).build();
        PscProvider provider = PscProvider.builder(PscEnvironment.ofIssuer(URI.create(issuer)))
                .connection(connection).build();
        cachedProvider = IdTokenVerifier.builder(provider.issuer(), provider.keySource(), CLIENT)
                .acceptedAcr("eidas1").build();
        fixedKeys = IdTokenVerifier.builder(provider.issuer(), new ImmutableJWKSet<>(new JWKSet(key.toPublicJWK())),
                CLIENT).acceptedAcr("eidas1").build();
        Instant now = Instant.now();
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("k1").build(),
                new JWTClaimsSet.Builder().issuer(issuer).subject("f:psc:10001234567").audience(CLIENT)
                        .issueTime(Date.from(now)).expirationTime(Date.from(now.plus(Duration.ofHours(2))))
                        .claim("nonce", "n-1").claim("acr", "eidas1").build());
        jwt.sign(new RSASSASigner(key));
        idToken = jwt.serialize();
        cachedProvider.verify(idToken, "n-1");   // the key set is read here, once
        userInfo = Map.of("sub", "f:psc:10001234567", "SubjectNameID", "810001234567",
                "SubjectRefPro", Map.of("exercices", List.of(Map.of("codeProfession", "21", "codeSavoirFaire", "SM99",
                        "nomDexercice", "BIOLOGISTE", "prenomDexercice", "Anne", "activities", List.of(Map.of(
                                "codeSecteurDactivite", "SA07", "ancienIdentifiantDeLaStructure", "3750000001/LAB1",
                                "raisonSocialeSite", "Laboratoire des Lilas"))))));
    }

    /** Stops the provider. */
    @TearDown(Level.Trial)
    public void tearDown() {
        connection.close();
        server.stop(0);
    }

    /**
     * Verifies the ID token with the provider's cached key set.
     *
     * @return the verified token
     */
    @Benchmark
    public VerifiedIdToken verifyIdTokenCachedJwks() {
        return cachedProvider.verify(idToken, "n-1");
    }

    /**
     * Verifies the ID token with a fixed key set (no cache lookup).
     *
     * @return the verified token
     */
    @Benchmark
    public VerifiedIdToken verifyIdTokenFixedKeys() {
        return fixedKeys.verify(idToken, "n-1");
    }

    /**
     * Reads userinfo claims into the practitioner.
     *
     * @return the practitioner
     */
    @Benchmark
    public Practitioner userInfoToPractitioner() {
        return Practitioner.fromUserInfo(userInfo);
    }

    private static void send(com.sun.net.httpserver.HttpExchange x, String body) throws IOException {
        try (x) {
            byte[] b = body.getBytes(StandardCharsets.UTF_8);
            x.sendResponseHeaders(200, b.length);
            try (OutputStream o = x.getResponseBody()) {
                o.write(b);
            }
        }
    }
}
