package fr.segurbio.psc;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.oauth2.sdk.ParseException;
import com.nimbusds.oauth2.sdk.http.HTTPRequest;
import com.nimbusds.oauth2.sdk.http.HTTPResponse;
import com.nimbusds.openid.connect.sdk.op.OIDCProviderMetadata;

import fr.segurbio.psc.internal.PscHttp;
import fr.segurbio.transport.ServiceConnection;

/**
 * A Pro Santé Connect realm as its discovery document describes it, with its signing keys (JWKS), both cached.
 * The discovery document is refused when it names another issuer than the one configured; it is read again
 * after {@code discoveryTtl}. The key set is read once and again when an ID token names a key it does not hold
 * (key rotation): one new read, at most once per {@code keyRefetchInterval}, so forged key ids cannot make the
 * SDK hammer the provider.
 *
 * <pre>{@code
 * PscProvider provider = PscProvider.builder(PscEnvironment.BAC_A_SABLE)
 *         .connection(ServiceConnection.builder().trustStore(trust).build())
 *         .build();                                  // reads the discovery document now
 * URI token = provider.tokenEndpoint();
 * }</pre>
 *
 * <p>Thread-safe; build one per realm and share it.
 */
public final class PscProvider {

    private final PscEnvironment environment;
    private final PscHttp http;
    private final Clock clock;
    private final Duration discoveryTtl;
    private final Duration keyRefetchInterval;
    private final Object lock = new Object();
    private final AtomicLong keyFetches = new AtomicLong();
    private final AtomicLong discoveryFetches = new AtomicLong();
    private volatile OIDCProviderMetadata metadata;
    private volatile Instant metadataReadAt;
    private volatile JWKSet keys;
    private volatile Instant keysReadAt;
    private final JWKSource<SecurityContext> keySource = this::select;

    private PscProvider(Builder b) {
        this.environment = b.environment;
        this.http = new PscHttp(b.connection.httpClient("PSC"));
        this.clock = b.clock;
        this.discoveryTtl = b.discoveryTtl;
        this.keyRefetchInterval = b.keyRefetchInterval;
        readDiscovery();
    }

    /**
     * A builder for a realm.
     *
     * @param environment the realm
     * @return the builder
     */
    public static Builder builder(PscEnvironment environment) {
        return new Builder(environment);
    }

    /**
     * Parses and checks a discovery document (without any network call): what {@link #builder} does with the
     * document it reads.
     *
     * @param json the discovery document
     * @param expectedIssuer the issuer configured
     * @return the provider metadata
     * @throws PscException {@link PscError#DISCOVERY_FAILED} when malformed, {@link PscError#ISSUER_MISMATCH}
     *         when it names another issuer
     */
    public static OIDCProviderMetadata parseDiscovery(String json, URI expectedIssuer) {
        OIDCProviderMetadata m;
        try {
            m = OIDCProviderMetadata.parse(json);
        } catch (ParseException e) {
            throw new PscException(e, PscError.DISCOVERY_FAILED, expectedIssuer, e.getMessage());
        } catch (IllegalArgumentException e) {
            // Nimbus refuses some values outside its ParseException (an empty issuer, a malformed identifier)
            throw new PscException(e, PscError.DISCOVERY_FAILED, expectedIssuer, e.getMessage());
        }
        String found = m.getIssuer().getValue();
        if (!found.equals(expectedIssuer.toString())) {
            throw new PscException(PscError.ISSUER_MISMATCH, found, expectedIssuer);
        }
        return m;
    }

    /**
     * The realm.
     *
     * @return the environment
     */
    public PscEnvironment environment() {
        return environment;
    }

    /**
     * The provider's metadata, read again when older than the discovery TTL (when PSC cannot be reached then,
     * the document held is kept and read again a minute later; a document naming another issuer is refused).
     *
     * @return the metadata
     */
    public OIDCProviderMetadata metadata() {
        if (Duration.between(metadataReadAt, clock.instant()).compareTo(discoveryTtl) >= 0) {
            synchronized (lock) {
                if (Duration.between(metadataReadAt, clock.instant()).compareTo(discoveryTtl) >= 0) {
                    try {
                        readDiscovery();
                    } catch (PscException e) {
                        if (e.code() != PscError.DISCOVERY_FAILED) {
                            throw e;          // another issuer now: never keep using the old document silently
                        }
                        // PSC unreachable for a moment: keep the document held, try again in a minute
                        metadataReadAt = clock.instant().minus(discoveryTtl).plus(Duration.ofMinutes(1));
                    }
                }
            }
        }
        return metadata;
    }

    /**
     * The issuer.
     *
     * @return the issuer
     */
    public URI issuer() {
        return environment.issuer();
    }

    /**
     * The authorization endpoint (the browser login page).
     *
     * @return the address
     */
    public URI authorizationEndpoint() {
        return required(metadata().getAuthorizationEndpointURI(), "authorization_endpoint");
    }

    /**
     * The token endpoint.
     *
     * @return the address
     */
    public URI tokenEndpoint() {
        return required(metadata().getTokenEndpointURI(), "token_endpoint");
    }

    /**
     * The userinfo endpoint.
     *
     * @return the address
     */
    public URI userInfoEndpoint() {
        return required(metadata().getUserInfoEndpointURI(), "userinfo_endpoint");
    }

    /**
     * The introspection endpoint.
     *
     * @return the address
     */
    public URI introspectionEndpoint() {
        return required(metadata().getIntrospectionEndpointURI(), "introspection_endpoint");
    }

    /**
     * The revocation endpoint.
     *
     * @return the address
     */
    public URI revocationEndpoint() {
        return required(metadata().getRevocationEndpointURI(), "revocation_endpoint");
    }

    /**
     * The end-session (logout) endpoint, if announced.
     *
     * @return the address, or {@code null}
     */
    public URI endSessionEndpoint() {
        return metadata().getEndSessionEndpointURI();
    }

    /**
     * The CIBA backchannel authentication endpoint.
     *
     * @return the address
     */
    public URI backchannelAuthenticationEndpoint() {
        return required(metadata().getBackChannelAuthenticationEndpointURI(),
                "backchannel_authentication_endpoint");
    }

    /**
     * The key set's address.
     *
     * @return the address
     */
    public URI jwksUri() {
        return required(metadata().getJWKSetURI(), "jwks_uri");
    }

    /**
     * The signing keys as a Nimbus key source: cached, read again once when a key id is unknown.
     *
     * @return the key source
     */
    public JWKSource<SecurityContext> keySource() {
        return keySource;
    }

    /**
     * The key set held now (read at the first use).
     *
     * @return the key set
     */
    public JWKSet keys() {
        JWKSet k = keys;
        if (k == null) {
            synchronized (lock) {
                if (keys == null) {
                    readKeys();
                }
                k = keys;
            }
        }
        return k;
    }

    /**
     * How many times the key set was read (for monitoring and tests).
     *
     * @return the number of reads
     */
    public long keySetReads() {
        return keyFetches.get();
    }

    /**
     * How many times the discovery document was read.
     *
     * @return the number of reads
     */
    public long discoveryReads() {
        return discoveryFetches.get();
    }

    PscHttp http() {
        return http;
    }

    Clock clock() {
        return clock;
    }

    private List<JWK> select(JWKSelector selector, SecurityContext context) {
        JWKSet held = keys();
        List<JWK> found = selector.select(held);
        if (!found.isEmpty()) {
            return found;
        }
        synchronized (lock) {
            if (keys != held) {
                found = selector.select(keys);
                if (!found.isEmpty()) {
                    return found;
                }
            }
            if (Duration.between(keysReadAt, clock.instant()).compareTo(keyRefetchInterval) < 0) {
                return List.of();
            }
            readKeys();
            return selector.select(keys);
        }
    }

    private void readDiscovery() {
        HTTPResponse r;
        try {
            r = http.send(new HTTPRequest(HTTPRequest.Method.GET, environment.discovery()), "discovery");
        } catch (RuntimeException e) {
            throw new PscException(e, PscError.DISCOVERY_FAILED, environment.discovery(), e.getMessage());
        }
        discoveryFetches.incrementAndGet();
        if (r.getStatusCode() != 200) {
            throw new PscException(PscError.DISCOVERY_FAILED, environment.discovery(), "HTTP " + r.getStatusCode());
        }
        this.metadata = parseDiscovery(r.getBody(), environment.issuer());
        this.metadataReadAt = clock.instant();
    }

    private void readKeys() {
        URI uri = jwksUri();
        HTTPResponse r;
        try {
            r = http.send(new HTTPRequest(HTTPRequest.Method.GET, uri), "jwks");
        } catch (RuntimeException e) {
            throw new PscException(e, PscError.JWKS_FAILED, uri, e.getMessage());
        }
        keyFetches.incrementAndGet();
        if (r.getStatusCode() != 200) {
            throw new PscException(PscError.JWKS_FAILED, uri, "HTTP " + r.getStatusCode());
        }
        try {
            this.keys = JWKSet.parse(r.getBody());
        } catch (java.text.ParseException e) {
            throw new PscException(e, PscError.JWKS_FAILED, uri, e.getMessage());
        }
        this.keysReadAt = clock.instant();
    }

    private URI required(URI uri, String name) {
        if (uri == null) {
            throw new PscException(PscError.ENDPOINT_MISSING, environment.issuer(), name);
        }
        return uri;
    }

    /** Configures a {@link PscProvider}. */
    public static final class Builder {
        private final PscEnvironment environment;
        private ServiceConnection connection;
        private Clock clock = Clock.systemUTC();
        private Duration discoveryTtl = Duration.ofHours(24);
        private Duration keyRefetchInterval = Duration.ofSeconds(10);

        private Builder(PscEnvironment environment) {
            this.environment = Objects.requireNonNull(environment, "environment");
        }

        /**
         * The service connection (trust store, timeouts, proxy, audit, wire trace; the lab's certificate when
         * the SGL authenticates to PSC by mutual TLS) used to reach the realm.
         *
         * @param connection the connection
         * @return this builder
         */
        public Builder connection(ServiceConnection connection) {
            this.connection = Objects.requireNonNull(connection, "connection");
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
         * How long the discovery document is kept (default 24 h).
         *
         * @param ttl the duration
         * @return this builder
         */
        public Builder discoveryTtl(Duration ttl) {
            this.discoveryTtl = Objects.requireNonNull(ttl, "ttl");
            return this;
        }

        /**
         * The shortest time between two reads of the key set caused by unknown key ids (default 10 s).
         *
         * @param interval the interval, zero to read again at each unknown key
         * @return this builder
         */
        public Builder keyRefetchInterval(Duration interval) {
            if (interval.isNegative()) {
                throw new PscException(PscError.INVALID_CONFIGURATION, "negative key refetch interval");
            }
            this.keyRefetchInterval = interval;
            return this;
        }

        /**
         * Reads the discovery document and builds the provider.
         *
         * @return the provider
         * @throws PscException when the document cannot be read or names another issuer
         */
        public PscProvider build() {
            if (connection == null) {
                throw new PscException(PscError.INVALID_CONFIGURATION, "no service connection");
            }
            return new PscProvider(this);
        }
    }
}
