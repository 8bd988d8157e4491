package fr.segurbio.psc;

import java.net.URI;
import java.util.Objects;

/**
 * Which Pro Santé Connect realm to use: its issuer (checked against the discovery document) and where its
 * discovery document is. PSC publishes its configuration at {@code .well-known/wallet-openid-configuration};
 * any other OpenID provider (a test server, a gateway) at {@code .well-known/openid-configuration}.
 *
 * <pre>{@code
 * PscEnvironment prod = PscEnvironment.PRODUCTION;
 * PscEnvironment bas  = PscEnvironment.BAC_A_SABLE;
 * PscEnvironment test = PscEnvironment.ofIssuer(URI.create("http://127.0.0.1:8080/psc"));
 * }</pre>
 *
 * @param issuer the issuer expected in the discovery document and in every ID token
 * @param discovery the address of the discovery document
 */
public record PscEnvironment(URI issuer, URI discovery) {

    /** Production ({@code auth.esw.esante.gouv.fr}). */
    public static final PscEnvironment PRODUCTION = wallet(
            URI.create("https://auth.esw.esante.gouv.fr/auth/realms/esante-wallet"));

    /** The bac à sable (integration) realm ({@code auth.bas.psc.esante.gouv.fr}). */
    public static final PscEnvironment BAC_A_SABLE = wallet(
            URI.create("https://auth.bas.psc.esante.gouv.fr/auth/realms/esante-wallet"));

    /**
     * Checks the fields.
     *
     * @param issuer the issuer
     * @param discovery the discovery document's address
     */
    public PscEnvironment {
        Objects.requireNonNull(issuer, "issuer");
        Objects.requireNonNull(discovery, "discovery");
        if (!issuer.isAbsolute() || issuer.getHost() == null) {
            throw new PscException(PscError.INVALID_CONFIGURATION, "the issuer must be an absolute URL: " + issuer);
        }
    }

    /**
     * Any OpenID provider, its discovery document at {@code ISSUER/.well-known/openid-configuration}.
     *
     * @param issuer the issuer
     * @return the environment
     */
    public static PscEnvironment ofIssuer(URI issuer) {
        return new PscEnvironment(issuer, URI.create(strip(issuer) + "/.well-known/openid-configuration"));
    }

    /**
     * A PSC realm, its discovery document at {@code ISSUER/.well-known/wallet-openid-configuration}.
     *
     * @param issuer the realm's issuer
     * @return the environment
     */
    public static PscEnvironment wallet(URI issuer) {
        return new PscEnvironment(issuer, URI.create(strip(issuer) + "/.well-known/wallet-openid-configuration"));
    }

    /**
     * The environment for a name used in configuration files: {@code production}, {@code bas}
     * ({@code bac-a-sable}), or an issuer URL.
     *
     * @param name the name or URL
     * @return the environment
     */
    public static PscEnvironment named(String name) {
        String n = Objects.requireNonNull(name, "name").strip();
        switch (n.toLowerCase(java.util.Locale.ROOT)) {
            case "production":
            case "prod":
                return PRODUCTION;
            case "bas":
            case "bac-a-sable":
            case "sandbox":
                return BAC_A_SABLE;
            default:
                try {
                    return ofIssuer(URI.create(n));
                } catch (IllegalArgumentException e) {
                    throw new PscException(PscError.INVALID_CONFIGURATION,
                            "unknown environment (production, bas or an issuer URL): " + n);
                }
        }
    }

    private static String strip(URI issuer) {
        String s = issuer.toString();
        return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
    }
}
