package fr.segurbio.transport;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertPathBuilder;
import java.security.cert.CertPathBuilderException;
import java.security.cert.CertStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.CollectionCertStoreParameters;
import java.security.cert.PKIXBuilderParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509CertSelector;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;

/**
 * The certificate authorities the caller trusts: the IGC-Santé chain (and, for a public endpoint, the CA of
 * its server certificate). Loaded from PEM or PKCS#12; never the JDK's default {@code cacerts} unless given.
 * Immutable and thread-safe.
 *
 * <pre>{@code
 * TrustStore igcSante = TrustStore.fromPem(Path.of("/etc/lab/igc-sante-ca.pem"));
 * TrustStore same = TrustStore.fromPkcs12(Path.of("/etc/lab/truststore.p12"), password);
 * igcSante.validate(signerChain, Instant.now());   // throws TransportException when not trusted
 * }</pre>
 */
public final class TrustStore {

    private final List<X509Certificate> certificates;
    private final String name;

    private TrustStore(String name, List<X509Certificate> certificates) {
        if (certificates.isEmpty()) {
            throw new TransportException(TransportError.TRUST_STORE_EMPTY, name);
        }
        this.name = name;
        this.certificates = List.copyOf(certificates);
    }

    /**
     * The certificates of a PEM file (one or more {@code BEGIN CERTIFICATE} blocks).
     *
     * @param file the file
     * @return the trust store
     * @throws TransportException when the file cannot be read or holds no certificate
     */
    public static TrustStore fromPem(Path file) {
        try {
            return fromPem(new ByteArrayInputStream(Files.readAllBytes(file)), file.toString());
        } catch (IOException e) {
            throw new TransportException(e, TransportError.TRUST_STORE_UNREADABLE, file, e.getMessage());
        }
    }

    /**
     * The certificates of PEM (or DER) content.
     *
     * @param in the content (read entirely, not closed)
     * @param name a name for messages
     * @return the trust store
     */
    public static TrustStore fromPem(InputStream in, String name) {
        try {
            CertificateFactory cf = CertificateFactory.getInstance("X.509");
            List<X509Certificate> certs = new ArrayList<>();
            for (Certificate c : cf.generateCertificates(in)) {
                certs.add((X509Certificate) c);
            }
            return new TrustStore(name, certs);
        } catch (GeneralSecurityException e) {
            throw new TransportException(e, TransportError.TRUST_STORE_UNREADABLE, name, e.getMessage());
        }
    }

    /**
     * The certificates of a PKCS#12 trust store (its certificate entries, and the chains of its key entries).
     *
     * @param file the file
     * @param password its password
     * @return the trust store
     */
    public static TrustStore fromPkcs12(Path file, char[] password) {
        try (InputStream in = Files.newInputStream(file)) {
            KeyStore ks = KeyStore.getInstance("PKCS12");
            ks.load(in, password);
            List<X509Certificate> certs = new ArrayList<>();
            for (String alias : Collections.list(ks.aliases())) {
                if (ks.isCertificateEntry(alias)) {
                    certs.add((X509Certificate) ks.getCertificate(alias));
                }
            }
            return new TrustStore(file.toString(), certs);
        } catch (IOException | GeneralSecurityException e) {
            throw new TransportException(e, TransportError.TRUST_STORE_UNREADABLE, file, e.getMessage());
        }
    }

    /**
     * A trust store of the given certificates.
     *
     * @param certificates the trusted CAs
     * @return the trust store
     */
    public static TrustStore of(Collection<X509Certificate> certificates) {
        return new TrustStore("(memory)", new ArrayList<>(certificates));
    }

    /**
     * The trusted certificates.
     *
     * @return the certificates
     */
    public List<X509Certificate> certificates() {
        return certificates;
    }

    /**
     * This trust store as a JCA key store (certificate entries only).
     *
     * @return a new key store
     */
    public KeyStore asKeyStore() {
        try {
            KeyStore ks = KeyStore.getInstance("PKCS12");
            ks.load(null, null);
            int i = 0;
            for (X509Certificate c : certificates) {
                ks.setCertificateEntry("ca-" + i++, c);
            }
            return ks;
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * PKIX trust managers over these certificates (for an {@link javax.net.ssl.SSLContext}).
     *
     * @return the trust managers
     */
    public TrustManager[] trustManagers() {
        try {
            TrustManagerFactory tmf = TrustManagerFactory.getInstance("PKIX");
            tmf.init(asKeyStore());
            return tmf.getTrustManagers();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Checks that a certificate leads to one of these CAs and is valid at the given time (PKIX path building,
     * without revocation checks); the intermediates may come from the chain, in any order, or from this store.
     *
     * @param chain the end-entity certificate first, then any intermediates
     * @param at the time of validity
     * @throws TransportException {@link TransportError#SIGNATURE_INVALID} when the chain is not trusted
     */
    public void validate(List<X509Certificate> chain, Instant at) {
        Objects.requireNonNull(chain, "chain");
        if (chain.isEmpty()) {
            throw new TransportException(TransportError.SIGNATURE_INVALID, "no certificate");
        }
        X509Certificate target = chain.get(0);
        if (certificates.contains(target)) {
            checkDate(target, at);
            return;
        }
        try {
            Set<TrustAnchor> anchors = new HashSet<>();
            certificates.forEach(c -> anchors.add(new TrustAnchor(c, null)));
            X509CertSelector selector = new X509CertSelector();
            selector.setCertificate(target);
            PKIXBuilderParameters params = new PKIXBuilderParameters(anchors, selector);
            params.setRevocationEnabled(false);
            params.setDate(Date.from(at));
            List<X509Certificate> pool = new ArrayList<>(chain);
            pool.addAll(certificates);
            params.addCertStore(CertStore.getInstance("Collection", new CollectionCertStoreParameters(pool)));
            CertPathBuilder.getInstance("PKIX").build(params);
        } catch (CertPathBuilderException e) {
            throw new TransportException(e, TransportError.SIGNATURE_INVALID,
                    "the signer's certificate " + target.getSubjectX500Principal().getName()
                            + " is not trusted: " + e.getMessage());
        } catch (GeneralSecurityException e) {
            throw new TransportException(e, TransportError.SIGNATURE_INVALID, e.getMessage());
        }
    }

    private static void checkDate(X509Certificate c, Instant at) {
        try {
            c.checkValidity(Date.from(at));
        } catch (java.security.cert.CertificateException e) {
            throw new TransportException(e, TransportError.SIGNATURE_INVALID,
                    "the signer's certificate " + c.getSubjectX500Principal().getName() + " is not valid: "
                            + e.getMessage());
        }
    }

    @Override
    public String toString() {
        return "TrustStore[" + name + ", " + certificates.size() + " certificates]";
    }
}
