package fr.segurbio.testkit.psc;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import javax.security.auth.x500.X500Principal;

import com.nimbusds.jose.util.JSONObjectUtils;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import fr.segurbio.testkit.MutualTlsServer;
import fr.segurbio.testkit.ServerResponse;
import fr.segurbio.testkit.TestIdentity;

/**
 * A Pro Santé Connect simulator for CIBA (OpenID Connect Client-Initiated Backchannel Authentication Core 1.0),
 * on {@code http://127.0.0.1:PORT/psc}: discovery (both {@code openid-configuration} and PSC's
 * {@code wallet-openid-configuration}), JWKS, the backchannel authentication endpoint, the token endpoint
 * (CIBA grant: {@code authorization_pending}, {@code slow_down} when polled faster than the interval,
 * {@code access_denied}, {@code expired_token}, then signed ID and access tokens), userinfo with PSC's claims
 * ({@code SubjectNameID}, {@code SubjectRefPro}), and the ping mode (a POST to the client's registered
 * notification endpoint). It signs with its own RSA key. Clients authenticate with {@code client_secret_basic},
 * or, on HTTPS with client certificates ({@link Builder#mutualTls}), with {@code tls_client_auth}.
 *
 * <pre>{@code
 * try (PscCibaSimulator psc = PscCibaSimulator.builder()
 *         .client("sgl-test", "secret")
 *         .interval(Duration.ofSeconds(1))
 *         .start()) {
 *     psc.practitioner("810001234567", userInfoClaims);
 *     psc.behaviour("810001234567", CibaBehaviour.approveAfter(Duration.ofSeconds(2)));
 *     URI issuer = psc.issuer();
 *     ...
 * }
 * }</pre>
 */
public final class PscCibaSimulator implements AutoCloseable {

    private static final String CIBA_GRANT = "urn:openid:params:grant-type:ciba";

    private final HttpServer server;
    private final MutualTlsServer tlsServer;
    private final Map<X500Principal, String> tlsClients;
    private final ExecutorService executor;
    private final ScheduledExecutorService scheduler;
    private final HttpClient pinger = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final SigningKey key = new SigningKey();
    private final SecureRandom random = new SecureRandom();
    private final Map<String, String> secrets;
    private final Map<String, URI> notificationEndpoints;
    private final Duration interval;
    private final Duration expiresIn;
    private final Duration accessTokenLifetime;
    private final Map<String, Map<String, Object>> practitioners = new ConcurrentHashMap<>();
    private final Map<String, CibaBehaviour> behaviours = new ConcurrentHashMap<>();
    private final Map<String, AuthRequest> requests = new ConcurrentHashMap<>();
    private final Map<String, String> accessTokens = new ConcurrentHashMap<>();
    private final Map<String, AuthRequest> refreshTokens = new ConcurrentHashMap<>();
    private final AtomicInteger refreshes = new AtomicInteger();
    private final AtomicInteger tooFastPolls = new AtomicInteger();
    private volatile boolean signedUserInfo;

    /** One backchannel authentication request. */
    private static final class AuthRequest {
        final String id;
        final String clientId;
        final String loginHint;
        final String scope;
        final String acr;
        final String notificationToken;
        final Instant created;
        final Instant expires;
        final CibaBehaviour behaviour;
        final List<Instant> polls = Collections.synchronizedList(new ArrayList<>());
        volatile Instant lastPoll;
        volatile boolean slowedDown;
        volatile boolean redeemed;

        AuthRequest(String id, String clientId, String loginHint, String scope, String acr, String notificationToken,
                Instant created, Instant expires, CibaBehaviour behaviour) {
            this.id = id;
            this.clientId = clientId;
            this.loginHint = loginHint;
            this.scope = scope;
            this.acr = acr;
            this.notificationToken = notificationToken;
            this.created = created;
            this.expires = expires;
            this.behaviour = behaviour;
        }

        boolean answered(Instant now) {
            return behaviour.outcome() != CibaBehaviour.Outcome.IGNORE && !now.isBefore(created.plus(behaviour.after()));
        }
    }

    private PscCibaSimulator(Builder b) {
        this.secrets = Map.copyOf(b.secrets);
        this.notificationEndpoints = Map.copyOf(b.notificationEndpoints);
        this.interval = b.interval;
        this.expiresIn = b.expiresIn;
        this.accessTokenLifetime = b.accessTokenLifetime;
        this.tlsClients = Map.copyOf(b.tlsClients);
        AtomicInteger n = new AtomicInteger();
        executor = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "psc-ciba-simulator-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "psc-ciba-ping");
            t.setDaemon(true);
            return t;
        });
        if (b.tlsIdentity != null) {
            server = null;
            tlsServer = MutualTlsServer.builder(b.tlsIdentity, b.tlsAnchors).handle("/psc", request -> {
                Answer a = answer(request.method(), request.path().substring("/psc".length()),
                        request.header("Authorization"), request.bodyAsString(), request.clientCertificate());
                return ServerResponse.of(a.status, a.contentType, a.body.getBytes(StandardCharsets.UTF_8))
                        .withHeader("Cache-Control", "no-store");
            }).start();
        } else {
            tlsServer = null;
            try {
                server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            server.setExecutor(executor);
            server.createContext("/psc", this::dispatch);
            server.start();
        }
    }

    /**
     * A builder.
     *
     * @return the builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * The issuer, {@code http://127.0.0.1:PORT/psc} ({@code https://} with {@link Builder#mutualTls}).
     *
     * @return the issuer
     */
    public URI issuer() {
        return tlsServer != null ? tlsServer.uri("/psc")
                : URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/psc");
    }

    /**
     * Registers a professional: the userinfo claims returned for their access tokens ({@code sub} and
     * {@code SubjectNameID} are set to the national id when absent).
     *
     * @param nationalId the national id ({@code 8} + RPPS), the CIBA login hint
     * @param userInfo the userinfo claims
     */
    public void practitioner(String nationalId, Map<String, Object> userInfo) {
        Map<String, Object> claims = new LinkedHashMap<>(userInfo);
        claims.putIfAbsent("sub", nationalId);
        claims.putIfAbsent("SubjectNameID", nationalId);
        practitioners.put(nationalId, claims);
    }

    /**
     * What the professional does with the next requests (default: approves after one second).
     *
     * @param nationalId the national id
     * @param behaviour the behaviour
     */
    public void behaviour(String nationalId, CibaBehaviour behaviour) {
        behaviours.put(nationalId, Objects.requireNonNull(behaviour, "behaviour"));
    }

    /**
     * The instants of every poll of a request, first first.
     *
     * @param authReqId the request id
     * @return the polls
     */
    public List<Instant> polls(String authReqId) {
        AuthRequest r = requests.get(authReqId);
        if (r == null) {
            return List.of();
        }
        synchronized (r.polls) {
            return List.copyOf(r.polls);
        }
    }

    /**
     * How many polls came sooner than the interval (each answered {@code slow_down}).
     *
     * @return the count
     */
    public int tooFastPolls() {
        return tooFastPolls.get();
    }

    /**
     * The ids of the requests received, in no particular order.
     *
     * @return the ids
     */
    public List<String> requestIds() {
        return List.copyOf(requests.keySet());
    }

    /** Stops the simulator. */
    @Override
    public void close() {
        if (tlsServer != null) {
            tlsServer.close();
        } else {
            server.stop(0);
        }
        executor.shutdownNow();
        scheduler.shutdownNow();
    }

    // ---- HTTP -------------------------------------------------------------------------------------------------

    private void dispatch(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath().substring("/psc".length());
            byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
                body = in.readAllBytes();
            }
            Answer a;
            try {
                a = answer(exchange.getRequestMethod(), path, exchange.getRequestHeaders().getFirst("Authorization"),
                        new String(body, StandardCharsets.UTF_8), null);
            } catch (RuntimeException e) {
                a = error(500, "server_error", String.valueOf(e));
            }
            byte[] out = a.body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", a.contentType);
            exchange.getResponseHeaders().add("Cache-Control", "no-store");
            exchange.sendResponseHeaders(a.status, out.length);
            try (OutputStream o = exchange.getResponseBody()) {
                o.write(out);
            }
        }
    }

    private static final class Answer {
        final int status;
        final String body;
        final String contentType;

        Answer(int status, String body) {
            this(status, body, "application/json");
        }

        Answer(int status, String body, String contentType) {
            this.status = status;
            this.body = body;
            this.contentType = contentType;
        }
    }

    private Answer answer(String method, String path, String authorization, String body,
            X509Certificate clientCertificate) {
        switch (path) {
            case "/.well-known/openid-configuration":
            case "/.well-known/wallet-openid-configuration":
                return new Answer(200, JSONObjectUtils.toJSONString(discovery()));
            case "/jwks":
                return new Answer(200, key.jwks());
            case "/ciba":
                return "POST".equals(method) ? backchannel(client(authorization, clientCertificate, form(body)), form(body))
                        : error(405, "invalid_request", "POST only");
            case "/token":
                return "POST".equals(method) ? token(client(authorization, clientCertificate, form(body)), form(body))
                        : error(405, "invalid_request", "POST only");
            case "/userinfo":
                return userInfo(authorization);
            case "/revoke":
                return "POST".equals(method) ? revoke(client(authorization, clientCertificate, form(body)), form(body))
                        : error(405, "invalid_request", "POST only");
            default:
                return error(404, "invalid_request", "unknown endpoint " + path);
        }
    }

    private Map<String, Object> discovery() {
        String iss = issuer().toString();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("issuer", iss);
        m.put("authorization_endpoint", iss + "/auth");
        m.put("token_endpoint", iss + "/token");
        m.put("userinfo_endpoint", iss + "/userinfo");
        m.put("jwks_uri", iss + "/jwks");
        m.put("backchannel_authentication_endpoint", iss + "/ciba");
        m.put("revocation_endpoint", iss + "/revoke");
        m.put("backchannel_token_delivery_modes_supported", List.of("poll", "ping"));
        m.put("backchannel_user_code_parameter_supported", false);
        m.put("grant_types_supported", List.of(CIBA_GRANT, "refresh_token"));
        m.put("response_types_supported", List.of("code"));
        m.put("subject_types_supported", List.of("public"));
        m.put("id_token_signing_alg_values_supported", List.of("RS256"));
        m.put("token_endpoint_auth_methods_supported", tlsServer != null
                ? List.of("client_secret_basic", "tls_client_auth") : List.of("client_secret_basic"));
        m.put("tls_client_certificate_bound_access_tokens", false);
        m.put("scopes_supported", List.of("openid", "scope_all"));
        m.put("acr_values_supported", List.of("eidas1"));
        return m;
    }

    /**
     * The authenticated client: {@code client_secret_basic}, or {@code tls_client_auth} (RFC 8705 §2: the
     * {@code client_id} parameter names a client registered with the certificate's subject DN).
     */
    private String client(String authorization, X509Certificate certificate, Map<String, String> form) {
        if (authorization != null) {
            return authenticatedClient(authorization);
        }
        String id = form.get("client_id");
        if (certificate == null || id == null) {
            return null;
        }
        return id.equals(tlsClients.get(certificate.getSubjectX500Principal())) ? id : null;
    }

    private String authenticatedClient(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            return null;
        }
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(authorization.substring(6).strip()),
                    StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return null;
        }
        int colon = decoded.indexOf(':');
        if (colon < 0) {
            return null;
        }
        String id = URLDecoder.decode(decoded.substring(0, colon), StandardCharsets.UTF_8);
        String secret = URLDecoder.decode(decoded.substring(colon + 1), StandardCharsets.UTF_8);
        return secret.equals(secrets.get(id)) ? id : null;
    }

    private Answer backchannel(String client, Map<String, String> form) {
        if (client == null) {
            return error(401, "invalid_client", "client authentication failed");
        }
        String scope = form.get("scope");
        if (scope == null || !List.of(scope.split(" ")).contains("openid")) {
            return error(400, "invalid_scope", "the scope must include openid");
        }
        String hint = form.get("login_hint");
        int hints = (hint == null ? 0 : 1) + (form.containsKey("id_token_hint") ? 1 : 0)
                + (form.containsKey("login_hint_token") ? 1 : 0);
        if (hints != 1) {
            return error(400, "invalid_request", "exactly one of login_hint, id_token_hint, login_hint_token");
        }
        if (!practitioners.containsKey(hint)) {
            return error(400, "unknown_user_id", "no professional " + hint);
        }
        String notificationToken = form.get("client_notification_token");
        if (notificationToken != null && !notificationEndpoints.containsKey(client)) {
            return error(400, "invalid_request", "the client registered no ping notification endpoint");
        }
        if (notificationToken == null && notificationEndpoints.containsKey(client)) {
            return error(400, "invalid_request", "ping mode: client_notification_token missing");
        }
        String id = randomId();
        Instant now = Instant.now();
        CibaBehaviour behaviour = behaviours.getOrDefault(hint, CibaBehaviour.approveAfter(Duration.ofSeconds(1)));
        AuthRequest r = new AuthRequest(id, client, hint, scope, form.get("acr_values"), notificationToken, now,
                now.plus(expiresIn), behaviour);
        requests.put(id, r);
        if (notificationToken != null && behaviour.outcome() != CibaBehaviour.Outcome.IGNORE) {
            scheduler.schedule(() -> ping(r), behaviour.after().toMillis(), TimeUnit.MILLISECONDS);
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("auth_req_id", id);
        m.put("expires_in", expiresIn.toSeconds());
        m.put("interval", interval.toSeconds());
        return new Answer(200, JSONObjectUtils.toJSONString(m));
    }

    private void ping(AuthRequest r) {
        URI endpoint = notificationEndpoints.get(r.clientId);
        HttpRequest request = HttpRequest.newBuilder(endpoint)
                .header("Authorization", "Bearer " + r.notificationToken)
                .header("Content-Type", "application/json")
                .timeout(Duration.ofSeconds(5))
                .POST(HttpRequest.BodyPublishers.ofString(JSONObjectUtils.toJSONString(Map.of("auth_req_id", r.id))))
                .build();
        try {
            pinger.send(request, HttpResponse.BodyHandlers.discarding());
        } catch (IOException e) {
            // the client's endpoint is down: the client may still poll
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private Answer token(String client, Map<String, String> form) {
        if (client == null) {
            return error(401, "invalid_client", "client authentication failed");
        }
        if ("refresh_token".equals(form.get("grant_type"))) {
            return refresh(client, form.get("refresh_token"));
        }
        if (!CIBA_GRANT.equals(form.get("grant_type"))) {
            return error(400, "unsupported_grant_type", "this simulator serves the CIBA and refresh grants");
        }
        AuthRequest r = requests.get(form.getOrDefault("auth_req_id", ""));
        if (r == null || !r.clientId.equals(client) || r.redeemed) {
            return error(400, "invalid_grant", "unknown or used auth_req_id");
        }
        Instant now = Instant.now();
        r.polls.add(now);
        Instant previous = r.lastPoll;
        r.lastPoll = now;
        if (now.isAfter(r.expires)) {
            return error(400, "expired_token", "the authentication request expired");
        }
        if (r.behaviour.slowDownFirstPoll() && !r.slowedDown) {
            r.slowedDown = true;
            return error(400, "slow_down", "polling too often");
        }
        boolean pingMode = r.notificationToken != null;
        // CIBA core §7.3: at least the interval between two polls (the first one included, counted from the
        // request); a ping-mode client polls only when notified
        Instant reference = previous == null ? r.created : previous;
        if (!pingMode && Duration.between(reference, now).compareTo(interval.minusMillis(50)) < 0) {
            tooFastPolls.incrementAndGet();
            return error(400, "slow_down", "polled sooner than the interval of " + interval.toSeconds() + " s");
        }
        if (!r.answered(now)) {
            return error(400, "authorization_pending", "the professional has not answered yet");
        }
        if (r.behaviour.outcome() == CibaBehaviour.Outcome.DENY) {
            return error(403, "access_denied", "the professional refused");
        }
        r.redeemed = true;
        return new Answer(200, JSONObjectUtils.toJSONString(tokens(r, now)));
    }

    private Map<String, Object> tokens(AuthRequest r, Instant now) {
        String iss = issuer().toString();
        Map<String, Object> id = new LinkedHashMap<>();
        id.put("iss", iss);
        id.put("sub", r.loginHint);
        id.put("aud", r.clientId);
        id.put("iat", now);
        id.put("exp", now.plus(Duration.ofMinutes(5)));
        id.put("auth_time", now.getEpochSecond());
        id.put("acr", r.acr == null ? "eidas1" : r.acr.split(" ")[0]);
        id.put("urn:openid:params:jwt:claim:auth_req_id", r.id);
        Map<String, Object> access = new LinkedHashMap<>();
        access.put("iss", iss);
        access.put("sub", r.loginHint);
        access.put("aud", "psc");
        access.put("azp", r.clientId);
        access.put("iat", now);
        access.put("exp", now.plus(accessTokenLifetime));
        access.put("scope", r.scope);
        access.put("jti", randomId());
        String accessToken = key.sign(access, "at+jwt");
        accessTokens.put(accessToken, r.loginHint);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("access_token", accessToken);
        m.put("token_type", "Bearer");
        m.put("expires_in", accessTokenLifetime.toSeconds());
        String refresh = randomId();
        refreshTokens.put(refresh, r);
        m.put("refresh_token", refresh);
        m.put("id_token", key.sign(id, "JWT"));
        m.put("scope", r.scope);
        return m;
    }

    private Answer refresh(String client, String refreshToken) {
        AuthRequest r = refreshToken == null ? null : refreshTokens.remove(refreshToken);
        if (r == null || !r.clientId.equals(client)) {
            return error(400, "invalid_grant", "refresh token unknown, used or revoked");
        }
        refreshes.incrementAndGet();
        Map<String, Object> m = tokens(r, Instant.now());
        m.remove("id_token");
        return new Answer(200, JSONObjectUtils.toJSONString(m));
    }

    private Answer revoke(String client, Map<String, String> form) {
        if (client == null) {
            return error(401, "invalid_client", "client authentication failed");
        }
        String token = form.getOrDefault("token", "");
        refreshTokens.remove(token);
        accessTokens.remove(token);
        return new Answer(200, "{}");
    }

    /**
     * Revokes every refresh token of a professional (their PSC session ended elsewhere).
     *
     * @param nationalId the national id
     */
    public void revokeSessions(String nationalId) {
        refreshTokens.values().removeIf(r -> r.loginHint.equals(nationalId));
    }

    /**
     * Answers userinfo as a signed JWT ({@code application/jwt}) instead of JSON, as OpenID Connect allows.
     *
     * @param signed true for signed answers
     */
    public void signedUserInfo(boolean signed) {
        this.signedUserInfo = signed;
    }

    /**
     * How many refresh grants were served.
     *
     * @return the count
     */
    public int refreshCount() {
        return refreshes.get();
    }

    private Answer userInfo(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return error(401, "invalid_token", "bearer token required");
        }
        String who = accessTokens.get(authorization.substring(7).strip());
        if (who == null) {
            return error(401, "invalid_token", "unknown access token");
        }
        if (signedUserInfo) {
            Map<String, Object> claims = new LinkedHashMap<>(practitioners.get(who));
            claims.put("iss", issuer().toString());
            return new Answer(200, key.sign(claims, "JWT"), "application/jwt");
        }
        return new Answer(200, JSONObjectUtils.toJSONString(practitioners.get(who)));
    }

    private static Answer error(int status, String code, String description) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("error", code);
        m.put("error_description", description);
        return new Answer(status, JSONObjectUtils.toJSONString(m));
    }

    private String randomId() {
        byte[] b = new byte[24];
        random.nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }

    private static Map<String, String> form(String body) {
        Map<String, String> m = new LinkedHashMap<>();
        if (body == null || body.isEmpty()) {
            return m;
        }
        for (String pair : body.split("&")) {
            int eq = pair.indexOf('=');
            String k = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String v = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            m.put(k, v);
        }
        return m;
    }

    /** Configures a {@link PscCibaSimulator}. */
    public static final class Builder {
        private final Map<String, String> secrets = new LinkedHashMap<>();
        private final Map<String, URI> notificationEndpoints = new LinkedHashMap<>();
        private Duration interval = Duration.ofSeconds(1);
        private Duration expiresIn = Duration.ofSeconds(30);
        private Duration accessTokenLifetime = Duration.ofMinutes(2);
        private TestIdentity tlsIdentity;
        private List<X509Certificate> tlsAnchors = List.of();
        private final Map<X500Principal, String> tlsClients = new LinkedHashMap<>();

        private Builder() {
        }

        /**
         * Serves over HTTPS with a client certificate required (testkit's {@link MutualTlsServer}), as PSC's
         * mutual-TLS endpoint aliases do.
         *
         * @param identity the server's TLS identity
         * @param clientAnchors the CAs whose client certificates are accepted
         * @return this builder
         */
        public Builder mutualTls(TestIdentity identity, Collection<X509Certificate> clientAnchors) {
            this.tlsIdentity = identity;
            this.tlsAnchors = List.copyOf(clientAnchors);
            return this;
        }

        /**
         * Registers a client that authenticates by its certificate ({@code tls_client_auth}).
         *
         * @param clientId the client id
         * @param certificateSubject the certificate's subject DN (RFC 2253)
         * @return this builder
         */
        public Builder tlsClient(String clientId, String certificateSubject) {
            tlsClients.put(new X500Principal(certificateSubject), clientId);
            return this;
        }

        /**
         * Registers a client (poll mode).
         *
         * @param clientId the client id
         * @param secret its secret
         * @return this builder
         */
        public Builder client(String clientId, String secret) {
            secrets.put(clientId, secret);
            return this;
        }

        /**
         * Registers a client in ping mode, with its notification endpoint.
         *
         * @param clientId the client id
         * @param secret its secret
         * @param notificationEndpoint where pings are sent
         * @return this builder
         */
        public Builder pingClient(String clientId, String secret, URI notificationEndpoint) {
            secrets.put(clientId, secret);
            notificationEndpoints.put(clientId, notificationEndpoint);
            return this;
        }

        /**
         * The polling interval announced (whole seconds, default 1 s).
         *
         * @param interval the interval
         * @return this builder
         */
        public Builder interval(Duration interval) {
            this.interval = interval;
            return this;
        }

        /**
         * How long a request lives (whole seconds, default 30 s).
         *
         * @param expiresIn the lifetime
         * @return this builder
         */
        public Builder expiresIn(Duration expiresIn) {
            this.expiresIn = expiresIn;
            return this;
        }

        /**
         * The access tokens' lifetime (default 2 min).
         *
         * @param lifetime the lifetime
         * @return this builder
         */
        public Builder accessTokenLifetime(Duration lifetime) {
            this.accessTokenLifetime = lifetime;
            return this;
        }

        /**
         * Starts the simulator.
         *
         * @return the running simulator
         */
        public PscCibaSimulator start() {
            return new PscCibaSimulator(this);
        }
    }
}
