package fr.segurbio.testkit.psc;

import java.io.IOException;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import javax.security.auth.x500.X500Principal;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.util.JSONObjectUtils;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

import fr.segurbio.testkit.MutualTlsServer;
import fr.segurbio.testkit.ServerRequest;
import fr.segurbio.testkit.ServerResponse;
import fr.segurbio.testkit.TestIdentity;

/**
 * The authorization server of an "API Pro Santé Connectée" for RFC 8693 token exchange, over mutual TLS
 * (RFC 8705): the client is identified by its certificate's subject DN (no secret), the subject token must be
 * a JWT signed by the trusted PSC issuer (its keys read from that issuer's JWKS) and still valid, and the scopes
 * asked for must be allowed for that client. It answers {@code invalid_client} for an unknown certificate,
 * {@code invalid_scope} for a scope not allowed, {@code invalid_grant} for a bad subject token, and issues
 * access tokens signed with its own key.
 *
 * <pre>{@code
 * try (ApiAuthorizationServerSimulator as = ApiAuthorizationServerSimulator.builder(pki.serverIdentity(),
 *                 pki.trustAnchors(), pscIssuer, pscJwks)
 *         .client(pki.orgAuthCli().subject(), "sgl-test", Set.of("api-lab:read"))
 *         .start()) {
 *     URI token = as.tokenEndpoint();
 * }
 * }</pre>
 */
public final class ApiAuthorizationServerSimulator implements AutoCloseable {

    private static final String TOKEN_EXCHANGE = "urn:ietf:params:oauth:grant-type:token-exchange";
    private static final Set<String> SUBJECT_TYPES = Set.of("urn:ietf:params:oauth:token-type:access_token",
            "urn:ietf:params:oauth:token-type:jwt");

    private final MutualTlsServer server;
    private final String pscIssuer;
    private final URI pscJwks;
    private final Map<X500Principal, Client> clients;
    private final SigningKey key = new SigningKey();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final AtomicInteger issued = new AtomicInteger();

    private record Client(String clientId, Set<String> scopes) {
    }

    private ApiAuthorizationServerSimulator(Builder b) {
        this.pscIssuer = b.pscIssuer;
        this.pscJwks = b.pscJwks;
        this.clients = Map.copyOf(b.clients);
        this.server = MutualTlsServer.builder(b.identity, b.anchors).handle("/token", this::token).start();
    }

    /**
     * A builder.
     *
     * @param identity the server's TLS identity
     * @param clientAnchors the CAs whose client certificates are accepted at TLS
     * @param pscIssuer the issuer whose access tokens may be exchanged
     * @param pscJwks that issuer's JWKS address
     * @return the builder
     */
    public static Builder builder(TestIdentity identity, Collection<X509Certificate> clientAnchors, String pscIssuer,
            URI pscJwks) {
        return new Builder(identity, clientAnchors, pscIssuer, pscJwks);
    }

    /**
     * The token endpoint, {@code https://127.0.0.1:PORT/token}.
     *
     * @return the address
     */
    public URI tokenEndpoint() {
        return server.uri("/token");
    }

    /**
     * The public key set of the tokens this server issues (for the target API).
     *
     * @return the JWKS JSON
     */
    public String jwks() {
        return key.jwks();
    }

    /**
     * How many tokens were issued.
     *
     * @return the count
     */
    public int issuedCount() {
        return issued.get();
    }

    /** Stops the server. */
    @Override
    public void close() {
        server.close();
    }

    private ServerResponse token(ServerRequest request) throws IOException, InterruptedException {
        if (!"POST".equals(request.method())) {
            return error(405, "invalid_request", "POST only");
        }
        Client client = clients.get(request.clientCertificate().getSubjectX500Principal());
        Map<String, String> form = form(request.bodyAsString());
        if (client == null || (form.containsKey("client_id") && !client.clientId.equals(form.get("client_id")))) {
            return error(401, "invalid_client", "certificate " + request.clientSubject() + " is not a registered client");
        }
        if (!TOKEN_EXCHANGE.equals(form.get("grant_type"))) {
            return error(400, "unsupported_grant_type", "token exchange only");
        }
        String subjectToken = form.get("subject_token");
        if (subjectToken == null || !SUBJECT_TYPES.contains(form.get("subject_token_type"))) {
            return error(400, "invalid_request", "subject_token and a supported subject_token_type required");
        }
        String scope = form.getOrDefault("scope", "");
        List<String> asked = List.of(scope.trim().split("\\s+"));
        if (scope.isBlank() || !client.scopes.containsAll(asked)) {
            return error(400, "invalid_scope", "scope not allowed for " + client.clientId + ": " + scope);
        }
        JWTClaimsSet subject;
        try {
            subject = verify(subjectToken);
        } catch (java.text.ParseException | JOSEException e) {
            return error(400, "invalid_grant", "subject token refused: " + e.getMessage());
        }
        if (subject == null) {
            return error(400, "invalid_grant", "subject token not signed by " + pscIssuer + " or expired");
        }
        Instant now = Instant.now();
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("iss", "https://127.0.0.1:" + server.port());
        claims.put("sub", subject.getSubject());
        claims.put("aud", "api");
        claims.put("client_id", client.clientId);
        claims.put("scope", String.join(" ", asked));
        claims.put("iat", now);
        claims.put("exp", now.plusSeconds(60));
        claims.put("jti", UUID.randomUUID().toString());
        claims.put("act", Map.of("sub", client.clientId));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("access_token", key.sign(claims, "at+jwt"));
        body.put("issued_token_type", "urn:ietf:params:oauth:token-type:access_token");
        body.put("token_type", "Bearer");
        body.put("expires_in", 60);
        body.put("scope", String.join(" ", asked));
        issued.incrementAndGet();
        return ServerResponse.of(200, "application/json", JSONObjectUtils.toJSONString(body)
                .getBytes(StandardCharsets.UTF_8)).withHeader("Cache-Control", "no-store");
    }

    private JWTClaimsSet verify(String token) throws java.text.ParseException, JOSEException, IOException,
            InterruptedException {
        SignedJWT jwt = SignedJWT.parse(token);
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(pscJwks).timeout(Duration.ofSeconds(5)).build(),
                HttpResponse.BodyHandlers.ofString());
        JWKSet keys = JWKSet.parse(r.body());
        JWK k = keys.getKeyByKeyId(jwt.getHeader().getKeyID());
        boolean valid;
        if (k instanceof RSAKey) {
            valid = jwt.verify(new RSASSAVerifier((RSAKey) k));
        } else if (k instanceof ECKey) {
            valid = jwt.verify(new ECDSAVerifier((ECKey) k));
        } else {
            valid = false;
        }
        JWTClaimsSet claims = jwt.getJWTClaimsSet();
        if (!valid || !pscIssuer.equals(claims.getIssuer()) || claims.getExpirationTime() == null
                || claims.getExpirationTime().toInstant().isBefore(Instant.now())) {
            return null;
        }
        return claims;
    }

    private static ServerResponse error(int status, String code, String description) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("error", code);
        m.put("error_description", description);
        return ServerResponse.of(status, "application/json",
                JSONObjectUtils.toJSONString(m).getBytes(StandardCharsets.UTF_8));
    }

    private static Map<String, String> form(String body) {
        Map<String, String> m = new LinkedHashMap<>();
        if (body == null || body.isEmpty()) {
            return m;
        }
        for (String pair : body.split("&")) {
            int eq = pair.indexOf('=');
            m.put(URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8),
                    eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return m;
    }

    /** Configures an {@link ApiAuthorizationServerSimulator}. */
    public static final class Builder {
        private final TestIdentity identity;
        private final List<X509Certificate> anchors;
        private final String pscIssuer;
        private final URI pscJwks;
        private final Map<X500Principal, Client> clients = new LinkedHashMap<>();

        private Builder(TestIdentity identity, Collection<X509Certificate> anchors, String pscIssuer, URI pscJwks) {
            this.identity = identity;
            this.anchors = List.copyOf(anchors);
            this.pscIssuer = pscIssuer;
            this.pscJwks = pscJwks;
        }

        /**
         * Registers a client by its certificate's subject DN, with the scopes it may get.
         *
         * @param certificateSubject the subject DN (RFC 2253)
         * @param clientId the client id ({@code Client_ID_AS})
         * @param scopes the allowed scopes
         * @return this builder
         */
        public Builder client(String certificateSubject, String clientId, Set<String> scopes) {
            clients.put(new X500Principal(certificateSubject), new Client(clientId, Set.copyOf(scopes)));
            return this;
        }

        /**
         * Starts the server.
         *
         * @return the running server
         */
        public ApiAuthorizationServerSimulator start() {
            return new ApiAuthorizationServerSimulator(this);
        }
    }
}
