package fr.segurbio.dmp;

import java.net.URI;

import fr.segurbio.ins.InsEnvironment;

/**
 * The DMP environment a client talks to: its default base URL and the INS OIDs it accepts (the production DMP
 * refuses the INS test OIDs, a test DMP the production ones).
 *
 * <pre>{@code
 * DmpEnvironment.TEST.baseUrl();        // https://dev6.lps2.dmp.gouv.fr/si-dmp-server/v2/services
 * DmpEnvironment.PRODUCTION.insEnvironment();
 * }</pre>
 */
public enum DmpEnvironment {
    /** Production: {@code https://lps2.dmp.gouv.fr/si-dmp-server/v2/services}; production INS OIDs only. */
    PRODUCTION("https://lps2.dmp.gouv.fr/si-dmp-server/v2/services", InsEnvironment.PRODUCTION),
    /**
     * A test or formation environment (default: the CNAM kit's {@code dev6} address; formation environments are
     * {@code https://formationN.lps2.dmp.gouv.fr/si-dmp-server/v2/services}); test INS OIDs only.
     */
    TEST("https://dev6.lps2.dmp.gouv.fr/si-dmp-server/v2/services", InsEnvironment.TEST);

    private final URI baseUrl;
    private final InsEnvironment ins;

    DmpEnvironment(String baseUrl, InsEnvironment ins) {
        this.baseUrl = URI.create(baseUrl);
        this.ins = ins;
    }

    /**
     * The default base URL; the service name ({@code registry}, {@code repository}, {@code patients}) is appended.
     *
     * @return the base URL
     */
    public URI baseUrl() {
        return baseUrl;
    }

    /**
     * The INS environment whose OIDs this DMP accepts.
     *
     * @return the INS environment
     */
    public InsEnvironment insEnvironment() {
        return ins;
    }
}
