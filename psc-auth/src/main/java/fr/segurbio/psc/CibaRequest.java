package fr.segurbio.psc;

import java.util.Objects;
import java.util.Optional;

/**
 * A CIBA (client-initiated backchannel authentication) request: the professional validates on the e-CPS app
 * (or with the CPS card) a request the SGL starts without a browser.
 *
 * <pre>{@code
 * CibaRequest r = CibaRequest.forRpps("10001234567")
 *         .bindingMessage("SGL labo : connexion")
 *         .channel("MOBILE")
 *         .build();
 * PscLogin login = psc.loginWithCiba(r);
 * }</pre>
 *
 * @param loginHint the national id ({@code 8} + RPPS) of the professional
 * @param bindingMessage the short text shown on the e-CPS app, if any
 * @param channel PSC's {@code channel} parameter ({@code CARD} or {@code MOBILE}), if any
 * @param mode poll or ping
 * @param clientNotificationToken the bearer token the provider sends back with a ping (ping mode only)
 */
public record CibaRequest(String loginHint, Optional<String> bindingMessage, Optional<String> channel,
        CibaMode mode, Optional<String> clientNotificationToken) {

    /** How the SGL learns that the professional answered. */
    public enum CibaMode {
        /** The SGL polls the token endpoint at the interval given (the mode the ANS documentation uses). */
        POLL,
        /** The provider calls the SGL's registered notification endpoint, then the SGL fetches the tokens. */
        PING
    }

    /**
     * Checks the fields.
     *
     * @param loginHint the login hint
     * @param bindingMessage the binding message
     * @param channel the channel
     * @param mode the mode
     * @param clientNotificationToken the notification token
     */
    public CibaRequest {
        Objects.requireNonNull(loginHint, "loginHint");
        if (loginHint.isBlank()) {
            throw new PscException(PscError.INVALID_CONFIGURATION, "blank CIBA login hint");
        }
        Objects.requireNonNull(bindingMessage, "bindingMessage");
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(clientNotificationToken, "clientNotificationToken");
        if (mode == CibaMode.PING && clientNotificationToken.isEmpty()) {
            throw new PscException(PscError.INVALID_CONFIGURATION, "ping mode needs a client notification token");
        }
    }

    /**
     * A builder for a professional by RPPS (the login hint is {@code 8} + RPPS).
     *
     * @param rpps the 11-digit RPPS number
     * @return the builder
     */
    public static Builder forRpps(String rpps) {
        if (rpps == null || !rpps.matches("\\d{11}")) {
            throw new PscException(PscError.INVALID_CONFIGURATION, "an RPPS number has 11 digits: " + rpps);
        }
        return new Builder("8" + rpps);
    }

    /**
     * A builder for any login hint (a national id such as {@code 500000001815646/CPAT00045}).
     *
     * @param loginHint the login hint
     * @return the builder
     */
    public static Builder forLoginHint(String loginHint) {
        return new Builder(loginHint);
    }

    /** Builds a {@link CibaRequest}. */
    public static final class Builder {
        private final String loginHint;
        private String bindingMessage;
        private String channel;
        private CibaMode mode = CibaMode.POLL;
        private String notificationToken;

        private Builder(String loginHint) {
            this.loginHint = loginHint;
        }

        /**
         * The text shown on the e-CPS app.
         *
         * @param message the message
         * @return this builder
         */
        public Builder bindingMessage(String message) {
            this.bindingMessage = message;
            return this;
        }

        /**
         * PSC's channel: {@code CARD} (CPS card) or {@code MOBILE} (e-CPS app).
         *
         * @param channel the channel
         * @return this builder
         */
        public Builder channel(String channel) {
            this.channel = channel;
            return this;
        }

        /**
         * Ping mode with the token the provider will present (the SGL's notification endpoint is registered
         * with the provider beforehand).
         *
         * @param clientNotificationToken the token
         * @return this builder
         */
        public Builder ping(String clientNotificationToken) {
            this.mode = CibaMode.PING;
            this.notificationToken = clientNotificationToken;
            return this;
        }

        /**
         * Builds the request.
         *
         * @return the request
         */
        public CibaRequest build() {
            return new CibaRequest(loginHint, Optional.ofNullable(bindingMessage), Optional.ofNullable(channel), mode,
                    Optional.ofNullable(notificationToken));
        }
    }
}
