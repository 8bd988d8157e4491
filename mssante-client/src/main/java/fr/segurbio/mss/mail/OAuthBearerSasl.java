package fr.segurbio.mss.mail;

import java.nio.charset.StandardCharsets;
import java.security.Provider;
import java.security.Security;
import java.util.Map;

import javax.security.auth.callback.Callback;
import javax.security.auth.callback.CallbackHandler;
import javax.security.auth.callback.NameCallback;
import javax.security.auth.callback.PasswordCallback;
import javax.security.auth.callback.UnsupportedCallbackException;
import javax.security.sasl.SaslClient;
import javax.security.sasl.SaslClientFactory;
import javax.security.sasl.SaslException;

/**
 * The RFC 7628 {@code OAUTHBEARER} SASL client, registered once as a security provider so that Jakarta Mail's
 * SASL support ({@code mail.smtp.sasl.*}, {@code mail.imap.sasl.*}) finds it, as Angus registers its own
 * {@code XOAUTH2}. The user name is the mailbox (authzid in the GS2 header), the password the bearer token.
 */
final class OAuthBearerSasl {

    static final String MECHANISM = "OAUTHBEARER";
    private static volatile boolean registered;

    private OAuthBearerSasl() {
    }

    static void register() {
        if (registered) {
            return;
        }
        synchronized (OAuthBearerSasl.class) {
            if (!registered) {
                if (Security.getProvider(SaslProvider.NAME) == null) {
                    Security.addProvider(new SaslProvider());
                }
                registered = true;
            }
        }
    }

    /** The provider holding the factory. */
    static final class SaslProvider extends Provider {
        private static final long serialVersionUID = 1L;
        static final String NAME = "SegurBioMssSasl";

        SaslProvider() {
            super(NAME, "1.0", "Ségur Bio SDK: SASL OAUTHBEARER client (RFC 7628)");
            putService(new Service(this, "SaslClientFactory", MECHANISM, Factory.class.getName(), null, null) {
                @Override
                public Object newInstance(Object constructorParameter) {
                    return new Factory();
                }
            });
        }
    }

    /** Creates {@link Client}s. */
    static final class Factory implements SaslClientFactory {
        @Override
        public SaslClient createSaslClient(String[] mechanisms, String authorizationId, String protocol,
                String serverName, Map<String, ?> props, CallbackHandler cbh) {
            for (String m : mechanisms) {
                if (MECHANISM.equalsIgnoreCase(m)) {
                    return new Client(authorizationId, serverName, cbh);
                }
            }
            return null;
        }

        @Override
        public String[] getMechanismNames(Map<String, ?> props) {
            return new String[] {MECHANISM};
        }
    }

    /** One exchange. */
    static final class Client implements SaslClient {
        private final String authorizationId;
        private final String host;
        private final CallbackHandler callbacks;
        private boolean sent;
        private boolean complete;

        Client(String authorizationId, String host, CallbackHandler callbacks) {
            this.authorizationId = authorizationId;
            this.host = host;
            this.callbacks = callbacks;
        }

        @Override
        public String getMechanismName() {
            return MECHANISM;
        }

        @Override
        public boolean hasInitialResponse() {
            return true;
        }

        @Override
        public byte[] evaluateChallenge(byte[] challenge) throws SaslException {
            if (sent) {
                // an error challenge (JSON status): answer the dummy %x01 so that the server sends its failure
                complete = true;
                return new byte[] {1};
            }
            NameCallback name = new NameCallback("mailbox");
            PasswordCallback token = new PasswordCallback("token", false);
            try {
                callbacks.handle(new Callback[] {name, token});
            } catch (java.io.IOException | UnsupportedCallbackException e) {
                throw new SaslException("OAUTHBEARER: cannot get the token", e);
            }
            String user = authorizationId != null && !authorizationId.isEmpty() ? authorizationId : name.getName();
            char[] t = token.getPassword();
            if (user == null || t == null || t.length == 0) {
                throw new SaslException("OAUTHBEARER: mailbox and token are required");
            }
            String gs2 = "n,a=" + user.replace("=", "=3D").replace(",", "=2C") + ",";
            String msg = gs2 + "\u0001host=" + host + "\u0001auth=Bearer " + new String(t) + "\u0001\u0001";
            token.clearPassword();
            sent = true;
            complete = true;
            return msg.getBytes(StandardCharsets.UTF_8);
        }

        @Override
        public boolean isComplete() {
            return complete;
        }

        @Override
        public byte[] unwrap(byte[] incoming, int offset, int len) throws SaslException {
            throw new SaslException("OAUTHBEARER has no security layer");
        }

        @Override
        public byte[] wrap(byte[] outgoing, int offset, int len) throws SaslException {
            throw new SaslException("OAUTHBEARER has no security layer");
        }

        @Override
        public Object getNegotiatedProperty(String propName) {
            return null;
        }

        @Override
        public void dispose() {
            // nothing held
        }
    }
}
