package fr.segurbio.psc;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.stream.Collectors;

import javax.net.ssl.SSLSocketFactory;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jose.util.JSONObjectUtils;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.JWTParser;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import com.nimbusds.oauth2.sdk.AccessTokenResponse;
import com.nimbusds.oauth2.sdk.AuthorizationCode;
import com.nimbusds.oauth2.sdk.AuthorizationCodeGrant;
import com.nimbusds.oauth2.sdk.AuthorizationGrant;
import com.nimbusds.oauth2.sdk.ErrorObject;
import com.nimbusds.oauth2.sdk.ParseException;
import com.nimbusds.oauth2.sdk.RefreshTokenGrant;
import com.nimbusds.oauth2.sdk.ResponseType;
import com.nimbusds.oauth2.sdk.Scope;
import com.nimbusds.oauth2.sdk.TokenIntrospectionRequest;
import com.nimbusds.oauth2.sdk.TokenIntrospectionResponse;
import com.nimbusds.oauth2.sdk.TokenIntrospectionSuccessResponse;
import com.nimbusds.oauth2.sdk.TokenRequest;
import com.nimbusds.oauth2.sdk.TokenResponse;
import com.nimbusds.oauth2.sdk.TokenRevocationRequest;
import com.nimbusds.oauth2.sdk.auth.ClientAuthentication;
import com.nimbusds.oauth2.sdk.auth.ClientSecretBasic;
import com.nimbusds.oauth2.sdk.auth.Secret;
import com.nimbusds.oauth2.sdk.auth.PKITLSClientAuthentication;
import com.nimbusds.oauth2.sdk.ciba.AuthRequestID;
import com.nimbusds.oauth2.sdk.ciba.BackChannelTokenDeliveryMode;
import com.nimbusds.oauth2.sdk.ciba.CIBAGrant;
import com.nimbusds.oauth2.sdk.ciba.CIBARequest;
import com.nimbusds.oauth2.sdk.ciba.CIBARequestAcknowledgement;
import com.nimbusds.oauth2.sdk.ciba.CIBAResponse;
import com.nimbusds.oauth2.sdk.http.HTTPRequest;
import com.nimbusds.oauth2.sdk.http.HTTPResponse;
import com.nimbusds.oauth2.sdk.id.ClientID;
import com.nimbusds.oauth2.sdk.id.State;
import com.nimbusds.oauth2.sdk.pkce.CodeChallengeMethod;
import com.nimbusds.oauth2.sdk.pkce.CodeVerifier;
import com.nimbusds.oauth2.sdk.token.AccessToken;
import com.nimbusds.oauth2.sdk.token.BearerAccessToken;
import com.nimbusds.oauth2.sdk.token.RefreshToken;
import com.nimbusds.oauth2.sdk.token.Token;
import com.nimbusds.openid.connect.sdk.AuthenticationErrorResponse;
import com.nimbusds.openid.connect.sdk.AuthenticationRequest;
import com.nimbusds.openid.connect.sdk.AuthenticationResponse;
import com.nimbusds.openid.connect.sdk.AuthenticationResponseParser;
import com.nimbusds.openid.connect.sdk.LogoutRequest;
import com.nimbusds.openid.connect.sdk.Nonce;
import com.nimbusds.openid.connect.sdk.UserInfoRequest;
import com.nimbusds.openid.connect.sdk.UserInfoResponse;
import com.nimbusds.openid.connect.sdk.UserInfoSuccessResponse;
import com.nimbusds.openid.connect.sdk.claims.ACR;

import fr.segurbio.psc.internal.LoopbackReceiver;
import fr.segurbio.psc.internal.PscHttp;

/**
 * The Pro Santé Connect client of an SGL: browser login (authorization code with PKCE, for a web SGL or a
 * desktop one through a one-shot loopback listener), CIBA login (the professional validates on the e-CPS app),
 * refresh, revocation and logout, introspection and userinfo ({@link Practitioner}).
 *
 * <pre>{@code
 * PscClient psc = PscClient.builder(PscProvider.builder(PscEnvironment.BAC_A_SABLE).connection(connection).build())
 *         .clientId("sgl-labo-lilas")
 *         .clientSecret(secret)
 *         .scopes("openid", "scope_all")
 *         .acrValues("eidas1")
 *         .build();
 *
 * // desktop SGL: the system browser, back on http://127.0.0.1:PORT/callback
 * PscLogin login = psc.loginWithBrowser(sgl::openInSystemBrowser, Duration.ofMinutes(5));
 * PscSession session = psc.session(login);                   // refreshes before expiry, thread-safe
 * Practitioner who = session.practitioner();
 * }</pre>
 *
 * <p>Thread-safe: build one per SGL and share it; keep one {@link PscSession} per logged-in user.
 */
public final class PscClient {

    /** The CIBA polling interval when the provider gives none (CIBA core §7.3). */
    public static final Duration DEFAULT_CIBA_INTERVAL = Duration.ofSeconds(5);

    /** How much a {@code slow_down} answer adds to the CIBA polling interval (CIBA core §11). */
    public static final Duration SLOW_DOWN_STEP = Duration.ofSeconds(5);

    /** The longest token lifetime taken from a token response ({@code expires_in}, {@code refresh_expires_in}). */
    static final long MAX_LIFETIME_SECONDS = 366L * 24 * 3600;

    private final PscProvider provider;
    private final PscHttp http;
    private final ClientID clientId;
    private final ClientAuthentication authentication;
    private final Scope scope;
    private final List<ACR> acrValues;
    private final IdTokenVerifier verifier;
    private final Clock clock;
    private final Duration refreshMargin;
    private final Map<String, CibaAuthorization> pings = new ConcurrentHashMap<>();

    private PscClient(Builder b) {
        this.provider = b.provider;
        this.http = b.provider.http();
        this.clientId = new ClientID(b.clientId);
        if (b.secret != null) {
            this.authentication = new ClientSecretBasic(clientId, new Secret(b.secret));
        } else if (b.mutualTls) {
            this.authentication = new PKITLSClientAuthentication(clientId, (SSLSocketFactory) null);
        } else {
            this.authentication = null;
        }
        this.scope = new Scope(b.scopes.toArray(String[]::new));
        this.acrValues = b.acrValues.stream().map(ACR::new).collect(Collectors.toUnmodifiableList());
        this.clock = b.clock;
        this.refreshMargin = b.refreshMargin;
        IdTokenVerifier.Builder vb = IdTokenVerifier.builder(provider.issuer(), provider.keySource(), b.clientId)
                .clockSkew(b.clockSkew).clock(b.clock);
        if (b.requireAcr) {
            b.acrValues.forEach(vb::acceptedAcr);
        }
        this.verifier = vb.build();
    }

    /**
     * A builder for a realm.
     *
     * @param provider the realm (discovery done)
     * @return the builder
     */
    public static Builder builder(PscProvider provider) {
        return new Builder(provider);
    }

    /**
     * The realm.
     *
     * @return the provider
     */
    public PscProvider provider() {
        return provider;
    }

    /**
     * This software's client id.
     *
     * @return the client id
     */
    public String clientId() {
        return clientId.getValue();
    }

    /**
     * The ID token verifier this client uses.
     *
     * @return the verifier
     */
    public IdTokenVerifier idTokenVerifier() {
        return verifier;
    }

    Clock clock() {
        return clock;
    }

    Duration refreshMargin() {
        return refreshMargin;
    }

    // ---- authorization code flow -------------------------------------------------------------------------

    /**
     * Starts a browser login: a fresh state, nonce and PKCE verifier (S256), and the authorization address
     * with the configured scopes and {@code acr_values}.
     *
     * @param redirectUri the callback address registered for this SGL
     * @return the pending login, to keep until the callback
     */
    public LoginRequest startLogin(URI redirectUri) {
        Objects.requireNonNull(redirectUri, "redirectUri");
        State state = new State();
        Nonce nonce = new Nonce();
        CodeVerifier verifier = new CodeVerifier();
        AuthenticationRequest.Builder b = new AuthenticationRequest.Builder(ResponseType.CODE, scope, clientId,
                redirectUri)
                .endpointURI(provider.authorizationEndpoint())
                .state(state)
                .nonce(nonce)
                .codeChallenge(verifier, CodeChallengeMethod.S256);
        if (!acrValues.isEmpty()) {
            b.acrValues(acrValues);
        }
        return new LoginRequest(b.build().toURI(), redirectUri, state.getValue(), nonce.getValue(),
                verifier.getValue());
    }

    /**
     * Completes a browser login from the callback address the browser came back to: checks the state, turns
     * the code into tokens (with the PKCE verifier) and verifies the ID token (signature, issuer, audience,
     * expiry, nonce, acr).
     *
     * @param request the pending login
     * @param callback the full callback address, with its query
     * @return the login
     * @throws PscException {@link PscError#STATE_MISMATCH}, {@link PscError#AUTHORIZATION_DENIED}, a token
     *         endpoint error or an ID token refused
     */
    public PscLogin completeLogin(LoginRequest request, URI callback) {
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(callback, "callback");
        AuthenticationResponse response;
        try {
            response = AuthenticationResponseParser.parse(callback);
        } catch (ParseException e) {
            throw new PscException(e, PscError.CALLBACK_INVALID, e.getMessage());
        }
        State state = response.getState();
        if (state == null || !same(state.getValue(), request.state())) {
            throw new PscException(PscError.STATE_MISMATCH);
        }
        String iss = queryParameter(callback, "iss");
        if (iss != null && !iss.equals(provider.issuer().toString())) {
            throw new PscException(PscError.CALLBACK_INVALID, "the callback comes from the issuer " + iss);
        }
        if (!response.indicatesSuccess()) {
            AuthenticationErrorResponse error = response.toErrorResponse();
            ErrorObject e = error.getErrorObject();
            throw new PscException(PscError.AUTHORIZATION_DENIED, e.getCode(), describe(e));
        }
        AuthorizationCode code = response.toSuccessResponse().getAuthorizationCode();
        if (code == null) {
            throw new PscException(PscError.CALLBACK_INVALID, "no authorization code");
        }
        PscTokens tokens = tokenRequest(new AuthorizationCodeGrant(code, request.redirectUri(),
                new CodeVerifier(request.codeVerifier())), null);
        String idToken = tokens.idToken().orElseThrow(() -> new PscException(PscError.TOKEN_RESPONSE_INVALID,
                provider.tokenEndpoint(), "no id_token"));
        return new PscLogin(tokens, verifier.verify(idToken, request.nonce()));
    }

    /**
     * A desktop login: starts a one-shot listener on {@code 127.0.0.1} (any free port), hands the authorization
     * address to {@code browser} (which opens the system browser), waits for the redirect, then completes the
     * login. The listener closes after the first callback or the timeout.
     *
     * @param browser opens an address in the system browser
     * @param timeout how long to wait for the professional
     * @return the login
     * @throws PscException {@link PscError#LOGIN_TIMEOUT} when nothing came back in time, or as
     *         {@link #completeLogin}
     */
    public PscLogin loginWithBrowser(Consumer<URI> browser, Duration timeout) {
        return loginWithBrowser(browser, timeout, 0);
    }

    /**
     * A desktop login on a given loopback port (when the provider registration names the port).
     *
     * @param browser opens an address in the system browser
     * @param timeout how long to wait for the professional
     * @param port the port on {@code 127.0.0.1}, 0 for any free one
     * @return the login
     */
    public PscLogin loginWithBrowser(Consumer<URI> browser, Duration timeout, int port) {
        try (LoopbackReceiver receiver = new LoopbackReceiver(port, "/callback")) {
            LoginRequest request = startLogin(receiver.redirectUri());
            browser.accept(request.authorizationUri());
            URI callback;
            try {
                callback = receiver.await(timeout);
            } catch (TimeoutException e) {
                throw new PscException(e, PscError.LOGIN_TIMEOUT, timeout);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new PscException(e, PscError.LOGIN_TIMEOUT, "interrupted");
            }
            return completeLogin(request, callback);
        }
    }

    /**
     * The end-session address to send the browser to after {@link #logout}, when the provider has one.
     *
     * @param idToken the session's ID token (hint)
     * @param postLogoutRedirect where to come back, or {@code null}
     * @return the address, or empty when the provider announces no end-session endpoint
     */
    public Optional<URI> logoutUri(VerifiedIdToken idToken, URI postLogoutRedirect) {
        URI endSession = provider.endSessionEndpoint();
        if (endSession == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(new LogoutRequest(endSession, JWTParser.parse(idToken.raw()), postLogoutRedirect,
                    postLogoutRedirect == null ? null : new State()).toURI());
        } catch (java.text.ParseException e) {
            throw new PscException(e, PscError.ID_TOKEN_MALFORMED, e.getMessage());
        }
    }

    // ---- CIBA ---------------------------------------------------------------------------------------------

    /**
     * Sends a CIBA authentication request: the professional gets it on the e-CPS app.
     *
     * @param request the request
     * @return the acknowledged request
     * @throws PscException {@link PscError#CIBA_REQUEST_REFUSED}, {@link PscError#CIBA_MODE_NOT_OFFERED}
     */
    public CibaAuthorization startCiba(CibaRequest request) {
        Objects.requireNonNull(request, "request");
        if (authentication == null) {
            throw new PscException(PscError.INVALID_CONFIGURATION,
                    "CIBA needs client authentication (a client secret or mutual TLS)");
        }
        if (request.mode() == CibaRequest.CibaMode.PING) {
            List<BackChannelTokenDeliveryMode> modes = provider.metadata().getBackChannelTokenDeliveryModes();
            if (modes == null || !modes.contains(BackChannelTokenDeliveryMode.PING)) {
                throw new PscException(PscError.CIBA_MODE_NOT_OFFERED, provider.issuer(), "ping", modes);
            }
        }
        CIBARequest.Builder b = new CIBARequest.Builder(authentication, scope)
                .endpointURI(provider.backchannelAuthenticationEndpoint())
                .loginHint(request.loginHint());
        request.bindingMessage().ifPresent(b::bindingMessage);
        request.channel().ifPresent(c -> b.customParameter("channel", c));
        request.clientNotificationToken().ifPresent(t -> b.clientNotificationToken(new BearerAccessToken(t)));
        if (!acrValues.isEmpty()) {
            b.acrValues(acrValues);
        }
        HTTPResponse r = http.send(b.build().toHTTPRequest(), "ciba");
        CIBAResponse response;
        try {
            response = CIBAResponse.parse(r);
        } catch (ParseException e) {
            throw new PscException(e, PscError.CIBA_REQUEST_REFUSED, "HTTP " + r.getStatusCode(), e.getMessage());
        }
        if (!response.indicatesSuccess()) {
            ErrorObject e = response.toErrorResponse().getErrorObject();
            throw new PscException(PscError.CIBA_REQUEST_REFUSED, e.getCode(), describe(e));
        }
        CIBARequestAcknowledgement ack = response.toRequestAcknowledgement();
        Duration interval = ack.getMinWaitInterval() > 0 ? Duration.ofSeconds(ack.getMinWaitInterval())
                : DEFAULT_CIBA_INTERVAL;
        CibaAuthorization pending = new CibaAuthorization(ack.getAuthRequestID().getValue(),
                clock.instant().plusSeconds(ack.getExpiresIn()), interval, request);
        if (request.mode() == CibaRequest.CibaMode.PING) {
            pings.put(pending.authReqId(), pending);
        }
        return pending;
    }

    /**
     * Waits for the professional's answer: polls the token endpoint at the provider's interval (longer by 5 s
     * after each {@code slow_down}), or in ping mode waits for {@link #acceptCibaPing} then fetches the tokens.
     *
     * @param pending the acknowledged request
     * @return the login
     * @throws PscException {@link PscError#CIBA_DENIED}, {@link PscError#CIBA_EXPIRED}, a token endpoint error or
     *         an ID token refused
     */
    public PscLogin awaitCiba(CibaAuthorization pending) {
        Objects.requireNonNull(pending, "pending");
        Duration interval = pending.interval();
        try {
            if (pending.request().mode() == CibaRequest.CibaMode.PING) {
                boolean pinged = pending.awaitPing(Duration.between(clock.instant(), pending.expiresAt()));
                if (!pinged) {
                    throw new PscException(PscError.CIBA_EXPIRED);
                }
                interval = Duration.ZERO;
            }
            while (true) {
                if (!clock.instant().isBefore(pending.expiresAt())) {
                    throw new PscException(PscError.CIBA_EXPIRED);
                }
                if (!interval.isZero()) {
                    Thread.sleep(interval.toMillis());
                }
                TokenRequest tr = new TokenRequest.Builder(provider.tokenEndpoint(), authentication,
                        new CIBAGrant(new AuthRequestID(pending.authReqId()))).build();
                HTTPResponse r = http.send(tr.toHTTPRequest(), "cibaPoll");
                TokenResponse response = parseToken(r);
                if (response.indicatesSuccess()) {
                    PscTokens tokens = tokens(response.toSuccessResponse());
                    String idToken = tokens.idToken().orElseThrow(() -> new PscException(
                            PscError.TOKEN_RESPONSE_INVALID, provider.tokenEndpoint(), "no id_token"));
                    return new PscLogin(tokens, verifier.verify(idToken, null));
                }
                ErrorObject e = response.toErrorResponse().getErrorObject();
                String code = String.valueOf(e.getCode());
                switch (code) {
                    case "authorization_pending":
                        if (interval.isZero()) {
                            interval = pending.interval();
                        }
                        break;
                    case "slow_down":
                        interval = (interval.isZero() ? pending.interval() : interval).plus(SLOW_DOWN_STEP);
                        break;
                    case "expired_token":
                        throw new PscException(PscError.CIBA_EXPIRED);
                    case "access_denied":
                        throw new PscException(PscError.CIBA_DENIED);
                    default:
                        throw new PscException(PscError.TOKEN_ERROR, provider.tokenEndpoint(), code, describe(e));
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PscException(e, PscError.LOGIN_TIMEOUT, "interrupted");
        } finally {
            pings.remove(pending.authReqId());
        }
    }

    /**
     * A CIBA login in one call: {@link #startCiba} then {@link #awaitCiba}.
     *
     * @param request the request
     * @return the login
     */
    public PscLogin loginWithCiba(CibaRequest request) {
        return awaitCiba(startCiba(request));
    }

    /**
     * Hands a ping notification received on the SGL's CIBA notification endpoint to the waiting login.
     *
     * @param authorizationHeader the request's {@code Authorization} header ({@code Bearer} + the client
     *        notification token)
     * @param body the request body ({@code {"auth_req_id": "…"}})
     * @throws PscException {@link PscError#CIBA_PING_INVALID} when the request or its token is unknown
     */
    public void acceptCibaPing(String authorizationHeader, String body) {
        String id;
        try {
            Object v = JSONObjectUtils.parse(body == null ? "" : body).get("auth_req_id");
            id = v == null ? null : v.toString();
        } catch (java.text.ParseException e) {
            throw new PscException(e, PscError.CIBA_PING_INVALID, "the body is not JSON");
        }
        CibaAuthorization pending = id == null ? null : pings.get(id);
        if (pending == null) {
            throw new PscException(PscError.CIBA_PING_INVALID, "unknown auth_req_id");
        }
        String expected = "Bearer " + pending.request().clientNotificationToken().orElse("");
        if (authorizationHeader == null || !same(authorizationHeader.strip(), expected)) {
            throw new PscException(PscError.CIBA_PING_INVALID, "wrong client notification token");
        }
        pending.ping();
    }

    // ---- tokens ---------------------------------------------------------------------------------------------

    /**
     * Renews the tokens with the refresh token.
     *
     * @param tokens the current tokens
     * @return the renewed tokens (the refresh token kept when the answer has none)
     * @throws PscException {@link PscError#REFRESH_REFUSED} when the refresh token is revoked or expired
     */
    public PscTokens refresh(PscTokens tokens) {
        String refresh = tokens.refreshToken().orElseThrow(() -> new PscException(PscError.REFRESH_REFUSED,
                "no_refresh_token", "the login gave no refresh token"));
        TokenResponse response = sendToken(new RefreshTokenGrant(new RefreshToken(refresh)), null);
        if (!response.indicatesSuccess()) {
            ErrorObject e = response.toErrorResponse().getErrorObject();
            throw new PscException(PscError.REFRESH_REFUSED, e.getCode(), describe(e));
        }
        PscTokens renewed = tokens(response.toSuccessResponse());
        renewed.idToken().ifPresent(id -> verifier.verify(id, null));
        return tokens.renewedBy(renewed);
    }

    /**
     * Revokes a token (RFC 7009).
     *
     * @param token the token
     * @param refreshToken whether it is a refresh token (else an access token)
     * @return true when revoked, false when the provider does not revoke this type of token
     *         ({@code unsupported_token_type}: PSC access tokens then simply expire within minutes)
     * @throws PscException {@link PscError#REVOCATION_FAILED}
     */
    public boolean revoke(String token, boolean refreshToken) {
        Token t = refreshToken ? new RefreshToken(token) : new BearerAccessToken(token);
        TokenRevocationRequest request = authentication != null
                ? new TokenRevocationRequest(provider.revocationEndpoint(), authentication, t)
                : new TokenRevocationRequest(provider.revocationEndpoint(), clientId, t);
        HTTPResponse r = http.send(request.toHTTPRequest(), "revoke");
        if (r.getStatusCode() == 200) {
            return true;
        }
        String error;
        try {
            Object e = JSONObjectUtils.parse(r.getBody()).get("error");
            error = e == null ? null : e.toString();
        } catch (java.text.ParseException e) {
            error = null;
        }
        if ("unsupported_token_type".equals(error)) {
            return false;
        }
        throw new PscException(PscError.REVOCATION_FAILED, "HTTP " + r.getStatusCode() + " " + r.getBody());
    }

    /**
     * Ends a session at the provider: revokes the refresh token (required: a refresh token left valid would
     * keep the session alive), then the access token. Send the browser to {@link #logoutUri} as well to end the
     * PSC single sign-on session.
     *
     * @param tokens the session's tokens
     * @return true when the access token was revoked too; false when the provider refused to revoke it (many
     *         revoke refresh tokens only: a PSC access token then expires within minutes)
     * @throws PscException {@link PscError#REVOCATION_FAILED} when the refresh token could not be revoked
     */
    public boolean logout(PscTokens tokens) {
        tokens.refreshToken().ifPresent(r -> revoke(r, true));
        try {
            return revoke(tokens.accessToken(), false);
        } catch (PscException e) {
            if (e.code() == PscError.REVOCATION_FAILED) {
                return false;
            }
            throw e;
        }
    }

    /**
     * Asks the provider about a token (RFC 7662).
     *
     * @param token the token
     * @return the answer
     * @throws PscException {@link PscError#INTROSPECTION_FAILED}
     */
    public Introspection introspect(String token) {
        if (authentication == null) {
            throw new PscException(PscError.INVALID_CONFIGURATION,
                    "introspection needs client authentication (a client secret or mutual TLS)");
        }
        HTTPRequest request = new TokenIntrospectionRequest(provider.introspectionEndpoint(), authentication,
                new BearerAccessToken(token)).toHTTPRequest();
        HTTPResponse r = http.send(request, "introspect");
        TokenIntrospectionResponse response;
        try {
            response = TokenIntrospectionResponse.parse(r);
        } catch (ParseException e) {
            throw new PscException(e, PscError.INTROSPECTION_FAILED, "HTTP " + r.getStatusCode() + ": "
                    + e.getMessage());
        }
        if (!response.indicatesSuccess()) {
            throw new PscException(PscError.INTROSPECTION_FAILED,
                    describe(response.toErrorResponse().getErrorObject()));
        }
        TokenIntrospectionSuccessResponse ok = response.toSuccessResponse();
        return new Introspection(ok.isActive(), Optional.ofNullable(ok.getSubject()).map(Object::toString),
                Optional.ofNullable(ok.getClientID()).map(ClientID::getValue),
                Optional.ofNullable(ok.getScope()).map(Scope::toString),
                Optional.ofNullable(ok.getExpirationTime()).map(Date::toInstant), ok.toJSONObject());
    }

    /**
     * Reads the professional from the userinfo endpoint with an access token.
     *
     * @param accessToken the access token
     * @return the practitioner
     * @throws PscException {@link PscError#USERINFO_FAILED}, {@link PscError#USERINFO_INVALID}
     */
    public Practitioner userInfo(String accessToken) {
        return Practitioner.fromUserInfo(userInfoClaims(accessToken));
    }

    /**
     * The raw userinfo claims (a signed userinfo is verified with the realm's keys).
     *
     * @param accessToken the access token
     * @return the claims
     */
    public Map<String, Object> userInfoClaims(String accessToken) {
        HTTPResponse r = http.send(new UserInfoRequest(provider.userInfoEndpoint(),
                new BearerAccessToken(accessToken)).toHTTPRequest(), "userinfo");
        UserInfoResponse response;
        try {
            response = UserInfoResponse.parse(r);
        } catch (ParseException e) {
            throw new PscException(e, PscError.USERINFO_FAILED, "HTTP " + r.getStatusCode() + ": " + e.getMessage());
        }
        if (!response.indicatesSuccess()) {
            throw new PscException(PscError.USERINFO_FAILED,
                    describe(response.toErrorResponse().getErrorObject()));
        }
        UserInfoSuccessResponse ok = response.toSuccessResponse();
        if (ok.getUserInfo() != null) {
            return ok.getUserInfo().toJSONObject();
        }
        try {
            DefaultJWTProcessor<SecurityContext> p = new DefaultJWTProcessor<>();
            p.setJWSKeySelector(new JWSVerificationKeySelector<>(IdTokenVerifier.DEFAULT_ALGORITHMS,
                    provider.keySource()));
            p.setJWTClaimsSetVerifier((claims, context) -> { });
            JWTClaimsSet claims = p.process(ok.getUserInfoJWT(), null);
            if (claims.getIssuer() != null && !claims.getIssuer().equals(provider.issuer().toString())) {
                throw new PscException(PscError.USERINFO_FAILED, "signed userinfo from the issuer "
                        + claims.getIssuer());
            }
            return claims.toJSONObject();
        } catch (BadJOSEException | JOSEException e) {
            throw new PscException(e, PscError.USERINFO_FAILED, "signed userinfo refused: " + e.getMessage());
        }
    }

    /**
     * A session for a login: its access token renewed before expiry, its practitioner, its logout.
     *
     * @param login the login
     * @return the session
     */
    public PscSession session(PscLogin login) {
        return new PscSession(this, login);
    }

    // ---- internals ----------------------------------------------------------------------------------------

    private TokenResponse sendToken(AuthorizationGrant grant, Scope requested) {
        String operation = grant instanceof RefreshTokenGrant ? "refresh"
                : grant instanceof AuthorizationCodeGrant ? "authorizationCode" : "token";
        TokenRequest request = authentication != null
                ? new TokenRequest(provider.tokenEndpoint(), authentication, grant, requested)
                : new TokenRequest(provider.tokenEndpoint(), clientId, grant, requested);
        return parseToken(http.send(request.toHTTPRequest(), operation));
    }

    private PscTokens tokenRequest(AuthorizationGrant grant, Scope requested) {
        TokenResponse response = sendToken(grant, requested);
        if (!response.indicatesSuccess()) {
            ErrorObject e = response.toErrorResponse().getErrorObject();
            throw new PscException(PscError.TOKEN_ERROR, provider.tokenEndpoint(), e.getCode(), describe(e));
        }
        return tokens(response.toSuccessResponse());
    }

    private TokenResponse parseToken(HTTPResponse r) {
        try {
            return TokenResponse.parse(r);
        } catch (ParseException e) {
            throw new PscException(e, PscError.TOKEN_RESPONSE_INVALID, provider.tokenEndpoint(),
                    "HTTP " + r.getStatusCode() + ": " + e.getMessage());
        }
    }

    private PscTokens tokens(AccessTokenResponse response) {
        AccessToken at = response.getTokens().getAccessToken();
        // a lifetime beyond a year is read as a year: the instant would overflow (expires_in 9223372036854775807)
        long life = at.getLifetime() > 0 ? Math.min(at.getLifetime(), MAX_LIFETIME_SECONDS) : 60;
        Instant now = clock.instant();
        Map<String, Object> extra = response.getCustomParameters();
        Object id = extra.get("id_token");
        Object refreshLife = extra.get("refresh_expires_in");
        Optional<Instant> refreshExpiry = refreshLife instanceof Number && ((Number) refreshLife).longValue() > 0
                ? Optional.of(now.plusSeconds(Math.min(((Number) refreshLife).longValue(), MAX_LIFETIME_SECONDS)))
                : Optional.empty();
        return new PscTokens(at.getValue(),
                Optional.ofNullable(response.getTokens().getRefreshToken()).map(Token::getValue),
                Optional.ofNullable(id).map(Object::toString),
                Optional.ofNullable(at.getScope()).map(Scope::toString),
                now.plusSeconds(life), refreshExpiry);
    }

    static String describe(ErrorObject e) {
        return e.getDescription() == null ? "-" : e.getDescription();
    }

    private static boolean same(String a, String b) {
        return MessageDigest.isEqual(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
    }

    private static String queryParameter(URI uri, String name) {
        String q = uri.getRawQuery();
        if (q == null) {
            return null;
        }
        for (String pair : q.split("&")) {
            int eq = pair.indexOf('=');
            String k = eq < 0 ? pair : pair.substring(0, eq);
            if (k.equals(name)) {
                return eq < 0 ? "" : java.net.URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            }
        }
        return null;
    }

    /** Configures a {@link PscClient}. */
    public static final class Builder {
        private final PscProvider provider;
        private String clientId;
        private String secret;
        private boolean mutualTls;
        private List<String> scopes = List.of("openid", "scope_all");
        private List<String> acrValues = List.of("eidas1");
        private boolean requireAcr = true;
        private Duration clockSkew = Duration.ofSeconds(30);
        private Clock clock = Clock.systemUTC();
        private Duration refreshMargin = Duration.ofSeconds(30);

        private Builder(PscProvider provider) {
            this.provider = Objects.requireNonNull(provider, "provider");
        }

        /**
         * The client id PSC gave this SGL.
         *
         * @param clientId the client id
         * @return this builder
         */
        public Builder clientId(String clientId) {
            this.clientId = clientId;
            return this;
        }

        /**
         * The client secret ({@code client_secret_basic}).
         *
         * @param secret the secret
         * @return this builder
         */
        public Builder clientSecret(String secret) {
            this.secret = secret;
            return this;
        }

        /**
         * Client authentication by the transport's certificate ({@code tls_client_auth}, RFC 8705) instead of
         * a secret.
         *
         * @return this builder
         */
        public Builder mutualTlsAuthentication() {
            this.mutualTls = true;
            return this;
        }

        /**
         * The scopes asked for (default {@code openid scope_all}).
         *
         * @param scopes the scopes
         * @return this builder
         */
        public Builder scopes(String... scopes) {
            this.scopes = List.of(scopes);
            return this;
        }

        /**
         * The {@code acr_values} sent (default {@code eidas1}); the ID token's {@code acr} must be one of them.
         *
         * @param acr the values, none to send none
         * @return this builder
         */
        public Builder acrValues(String... acr) {
            this.acrValues = List.of(acr);
            return this;
        }

        /**
         * Whether the ID token's {@code acr} must be one of the {@code acr_values} (default true).
         *
         * @param require the choice
         * @return this builder
         */
        public Builder requireAcr(boolean require) {
            this.requireAcr = require;
            return this;
        }

        /**
         * The tolerated clock difference for ID tokens (default 30 s).
         *
         * @param skew the skew
         * @return this builder
         */
        public Builder clockSkew(Duration skew) {
            this.clockSkew = Objects.requireNonNull(skew, "skew");
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
         * How long before its expiry a session renews its access token (default 30 s).
         *
         * @param margin the margin
         * @return this builder
         */
        public Builder refreshMargin(Duration margin) {
            if (margin.isNegative()) {
                throw new PscException(PscError.INVALID_CONFIGURATION, "negative refresh margin");
            }
            this.refreshMargin = margin;
            return this;
        }

        /**
         * Builds the client.
         *
         * @return the client
         */
        public PscClient build() {
            if (clientId == null || clientId.isBlank()) {
                throw new PscException(PscError.INVALID_CONFIGURATION, "no client id");
            }
            if (secret != null && mutualTls) {
                throw new PscException(PscError.INVALID_CONFIGURATION,
                        "choose a client secret or mutual TLS authentication, not both");
            }
            if (!scopes.contains("openid")) {
                throw new PscException(PscError.INVALID_CONFIGURATION, "the scopes must include openid");
            }
            return new PscClient(this);
        }
    }
}
