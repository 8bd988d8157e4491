package fr.segurbio.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Objects;

/**
 * A certificate issued by a {@link TestPki}, its private key and chain, and the files it was written to: a
 * PKCS#12 keystore (key, certificate and intermediate, protected by {@link #password()}) and PEM files.
 *
 * <pre>{@code
 * TestIdentity insi = pki.insiAuto();
 * Path p12 = insi.pkcs12();          // what a lab would configure
 * char[] password = insi.password();
 * X509Certificate cert = insi.certificate();
 * }</pre>
 */
public final class TestIdentity {

    private final String alias;
    private final PrivateKey privateKey;
    private final List<X509Certificate> chain;
    private final Path pkcs12;
    private final Path certificatePem;
    private final Path privateKeyPem;
    private final char[] password;

    TestIdentity(String alias, PrivateKey privateKey, List<X509Certificate> chain, Path pkcs12, Path certificatePem,
            Path privateKeyPem, char[] password) {
        this.alias = Objects.requireNonNull(alias);
        this.privateKey = Objects.requireNonNull(privateKey);
        this.chain = List.copyOf(chain);
        this.pkcs12 = pkcs12;
        this.certificatePem = certificatePem;
        this.privateKeyPem = privateKeyPem;
        this.password = password.clone();
    }

    /**
     * The alias of the key entry in the PKCS#12 file.
     *
     * @return the alias
     */
    public String alias() {
        return alias;
    }

    /**
     * The end-entity certificate.
     *
     * @return the certificate
     */
    public X509Certificate certificate() {
        return chain.get(0);
    }

    /**
     * The certificate chain, end entity first, up to (not including) the root.
     *
     * @return the chain
     */
    public List<X509Certificate> chain() {
        return chain;
    }

    /**
     * The private key.
     *
     * @return the RSA private key
     */
    public PrivateKey privateKey() {
        return privateKey;
    }

    /**
     * The PKCS#12 file holding key, certificate and intermediate.
     *
     * @return the file
     */
    public Path pkcs12() {
        return pkcs12;
    }

    /**
     * The PEM file of the end-entity certificate followed by the intermediate.
     *
     * @return the file
     */
    public Path certificatePem() {
        return certificatePem;
    }

    /**
     * The PEM file of the private key (PKCS#8, unencrypted).
     *
     * @return the file
     */
    public Path privateKeyPem() {
        return privateKeyPem;
    }

    /**
     * The password of the PKCS#12 file (a copy).
     *
     * @return the password
     */
    public char[] password() {
        return password.clone();
    }

    /**
     * The subject's distinguished name, RFC 2253 form.
     *
     * @return the subject
     */
    public String subject() {
        return certificate().getSubjectX500Principal().getName();
    }

    /**
     * The PKCS#12 file loaded as a key store.
     *
     * @return the key store
     */
    public KeyStore keyStore() {
        try (InputStream in = Files.newInputStream(pkcs12)) {
            KeyStore ks = KeyStore.getInstance("PKCS12");
            ks.load(in, password);
            return ks;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public String toString() {
        return "TestIdentity[" + subject() + "]";
    }
}
