package fr.segurbio.psc;

import java.net.URI;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import com.nimbusds.oauth2.sdk.AccessTokenResponse;
import com.nimbusds.oauth2.sdk.ErrorObject;
import com.nimbusds.oauth2.sdk.ParseException;
import com.nimbusds.oauth2.sdk.Scope;
import com.nimbusds.oauth2.sdk.TokenRequest;
import com.nimbusds.oauth2.sdk.TokenResponse;
import com.nimbusds.oauth2.sdk.http.HTTPRequest;
import com.nimbusds.oauth2.sdk.http.HTTPResponse;
import com.nimbusds.oauth2.sdk.id.ClientID;
import com.nimbusds.oauth2.sdk.token.AccessToken;
import com.nimbusds.oauth2.sdk.token.TokenTypeURI;
import com.nimbusds.oauth2.sdk.token.TypelessAccessToken;
import com.nimbusds.oauth2.sdk.tokenexchange.TokenExchangeGrant;

import fr.segurbio.psc.internal.PscHttp;
import fr.segurbio.transport.ServiceConnection;
import fr.segurbio.transport.TransportError;
import fr.segurbio.transport.TransportException;

/**
 * RFC 8693 token exchange for the "API Pro Santé Connectées": the professional's PSC access token is exchanged
 * at the target API's authorization server for a token with that API's scopes. The SGL authenticates with its
 * IGC-Santé ORG AUTH_CLI certificate over mutual TLS (RFC 8705): the server maps the certificate's subject to
 * the SGL's client id, so no secret is sent. The service connection given carries that certificate.
 *
 * <pre>{@code
 * ServiceConnection mtls = ServiceConnection.builder()
 *         .certificate(Path.of("/etc/lab/org-auth-cli.p12"), password)   // IGC-Santé ORG AUTH_CLI
 *         .trustStore(TrustStore.fromPem(igcSante))
 *         .build();
 * TokenExchanger exchanger = TokenExchanger.builder(URI.create("https://as.api.example/token"), mtls)
 *         .clientId("sgl-labo-lilas")
 *         .build();
 * ExchangedToken api = exchanger.exchange(session.accessToken(), "api-lab:read");
 * }</pre>
 */
public final class TokenExchanger {

    private final URI tokenEndpoint;
    private final PscHttp http;
    private final ClientID clientId;
    private final TokenTypeURI subjectTokenType;
    private final Map<String, List<String>> extraParameters;
    private final Clock clock;

    private TokenExchanger(Builder b) {
        this.tokenEndpoint = b.tokenEndpoint;
        this.http = new PscHttp(b.connection.httpClient("PSC token exchange"));
        this.clientId = b.clientId == null ? null : new ClientID(b.clientId);
        this.subjectTokenType = b.subjectTokenType;
        this.extraParameters = Map.copyOf(b.extra);
        this.clock = b.clock;
    }

    /**
     * A builder.
     *
     * @param tokenEndpoint the target API authorization server's token endpoint
     * @param mutualTls a service connection with the ORG AUTH_CLI certificate and the IGC-Santé trust store
     * @return the builder
     */
    public static Builder builder(URI tokenEndpoint, ServiceConnection mutualTls) {
        return new Builder(tokenEndpoint, mutualTls);
    }

    /**
     * Exchanges a PSC access token for a token of the target API.
     *
     * @param subjectToken the PSC access token
     * @param scopes the target API's scopes
     * @return the token for the API
     * @throws PscException {@link PscError#EXCHANGE_CLIENT_REFUSED} (certificate not recognised, at TLS or by the
     *         server), {@link PscError#EXCHANGE_SCOPE_REFUSED}, {@link PscError#EXCHANGE_FAILED}
     */
    public ExchangedToken exchange(String subjectToken, String... scopes) {
        Objects.requireNonNull(subjectToken, "subjectToken");
        if (scopes.length == 0) {
            throw new PscException(PscError.INVALID_CONFIGURATION, "the token exchange needs the target scopes");
        }
        Scope scope = new Scope(scopes);
        TokenExchangeGrant grant = new TokenExchangeGrant(new TypelessAccessToken(subjectToken), subjectTokenType);
        TokenRequest.Builder b = (clientId != null ? new TokenRequest.Builder(tokenEndpoint, clientId, grant)
                : new TokenRequest.Builder(tokenEndpoint, grant)).scope(scope);
        extraParameters.forEach((k, v) -> b.customParameter(k, v.toArray(String[]::new)));
        HTTPRequest httpRequest = b.build().toHTTPRequest();
        HTTPResponse r;
        try {
            r = http.send(httpRequest, "tokenExchange");
        } catch (TransportException e) {
            if (e.code() == TransportError.CLIENT_CERTIFICATE_REFUSED) {
                throw new PscException(e, PscError.EXCHANGE_CLIENT_REFUSED, "tls", e.getMessage());
            }
            throw new PscException(e, PscError.EXCHANGE_FAILED, e.code().id(), e.getMessage());
        }
        TokenResponse response;
        try {
            response = TokenResponse.parse(r);
        } catch (ParseException e) {
            throw new PscException(e, PscError.EXCHANGE_FAILED, "HTTP " + r.getStatusCode(), e.getMessage());
        }
        if (!response.indicatesSuccess()) {
            ErrorObject e = response.toErrorResponse().getErrorObject();
            String code = String.valueOf(e.getCode());
            String description = PscClient.describe(e);
            if ("invalid_client".equals(code) || "unauthorized_client".equals(code)) {
                throw new PscException(PscError.EXCHANGE_CLIENT_REFUSED, code, description);
            }
            if ("invalid_scope".equals(code)) {
                throw new PscException(PscError.EXCHANGE_SCOPE_REFUSED, scope, description);
            }
            throw new PscException(PscError.EXCHANGE_FAILED, code, description);
        }
        AccessTokenResponse ok = response.toSuccessResponse();
        AccessToken at = ok.getTokens().getAccessToken();
        Object issued = ok.getCustomParameters().get("issued_token_type");
        if (issued == null && ok.getTokens().getAccessToken().getIssuedTokenType() != null) {
            issued = ok.getTokens().getAccessToken().getIssuedTokenType().getURI().toString();
        }
        return new ExchangedToken(at.getValue(), issued == null ? TokenTypeURI.ACCESS_TOKEN.getURI().toString()
                : issued.toString(), Optional.ofNullable(at.getScope()).map(Scope::toString),
                clock.instant().plusSeconds(at.getLifetime() > 0 ? at.getLifetime() : 60));
    }

    /** Configures a {@link TokenExchanger}. */
    public static final class Builder {
        private final URI tokenEndpoint;
        private final ServiceConnection connection;
        private String clientId;
        private TokenTypeURI subjectTokenType = TokenTypeURI.ACCESS_TOKEN;
        private final Map<String, List<String>> extra = new java.util.LinkedHashMap<>();
        private Clock clock = Clock.systemUTC();

        private Builder(URI tokenEndpoint, ServiceConnection connection) {
            this.tokenEndpoint = Objects.requireNonNull(tokenEndpoint, "tokenEndpoint");
            this.connection = Objects.requireNonNull(connection, "connection");
            if (connection.certificate().isEmpty() && !connection.isStandIn()) {
                throw new PscException(PscError.INVALID_CONFIGURATION,
                        "the token exchange needs the lab's ORG AUTH_CLI certificate in the service connection");
            }
        }

        /**
         * The client id sent as {@code client_id} ({@code tls_client_auth}); some servers identify the client by
         * its certificate alone.
         *
         * @param clientId the client id
         * @return this builder
         */
        public Builder clientId(String clientId) {
            this.clientId = clientId;
            return this;
        }

        /**
         * Sends the subject token as {@code urn:ietf:params:oauth:token-type:jwt} instead of
         * {@code …:access_token} (the IG allows both).
         *
         * @return this builder
         */
        public Builder subjectTokenTypeJwt() {
            this.subjectTokenType = TokenTypeURI.JWT;
            return this;
        }

        /**
         * An extra form parameter (such as Keycloak's {@code subject_issuer=psc}).
         *
         * @param name the name
         * @param value the value
         * @return this builder
         */
        public Builder parameter(String name, String value) {
            extra.put(Objects.requireNonNull(name, "name"), List.of(Objects.requireNonNull(value, "value")));
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
         * Builds the exchanger.
         *
         * @return the exchanger
         */
        public TokenExchanger build() {
            return new TokenExchanger(this);
        }
    }
}
