package fr.segurbio.transport;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Objects;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/**
 * {@link SSLContext}s for the SDK's calls: mutual TLS with a software certificate, or server-only TLS, both
 * trusting only the given {@link TrustStore}. The protocols are restricted to TLS 1.2 and 1.3 by
 * {@link HttpTransport}; hostname verification is always on there.
 *
 * <pre>{@code
 * SSLContext ctx = MutualTls.sslContext(cert, TrustStore.fromPem(caFile));
 * }</pre>
 */
public final class MutualTls {

    /** The protocols the SDK accepts. */
    public static final List<String> PROTOCOLS = List.of("TLSv1.3", "TLSv1.2");

    private MutualTls() {
    }

    /**
     * A context presenting the software certificate and trusting the trust store's CAs.
     *
     * @param certificate the client certificate and key
     * @param trust the CAs the server's certificate must come from
     * @return the context
     */
    public static SSLContext sslContext(SoftwareCertificate certificate, TrustStore trust) {
        Objects.requireNonNull(certificate, "certificate");
        Objects.requireNonNull(trust, "trust");
        try {
            char[] pw = "in-memory".toCharArray();
            KeyStore ks = KeyStore.getInstance("PKCS12");
            ks.load(null, null);
            ks.setKeyEntry("client", certificate.privateKey(), pw,
                    certificate.chain().toArray(X509Certificate[]::new));
            KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(ks, pw);
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(kmf.getKeyManagers(), trust.trustManagers(), null);
            return ctx;
        } catch (IOException | GeneralSecurityException e) {
            throw new TransportException(e, TransportError.INVALID_CONFIGURATION, "TLS: " + e.getMessage());
        }
    }

    /**
     * A context without client certificate, trusting the trust store's CAs.
     *
     * @param trust the CAs the server's certificate must come from
     * @return the context
     */
    public static SSLContext sslContext(TrustStore trust) {
        Objects.requireNonNull(trust, "trust");
        try {
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(null, trust.trustManagers(), null);
            return ctx;
        } catch (GeneralSecurityException e) {
            throw new TransportException(e, TransportError.INVALID_CONFIGURATION, "TLS: " + e.getMessage());
        }
    }
}
