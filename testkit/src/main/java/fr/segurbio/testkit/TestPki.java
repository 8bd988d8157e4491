package fr.segurbio.testkit;

import java.io.IOException;
import java.io.OutputStream;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A throw-away public key infrastructure shaped like IGC-Santé, generated at test time: a root CA, an
 * intermediate CA, and organisation certificates with a chosen CN/OU, written as PKCS#12 and PEM files into a
 * folder. Nothing of it is ever committed. A second, unrelated "rogue" root CA issues the wrongly-issued
 * certificates.
 *
 * <pre>{@code
 * @TempDir static Path dir;
 * static TestPki pki;
 *
 * @BeforeAll static void pki() { pki = TestPki.create(dir); }
 *
 * TestIdentity insi = pki.insiAuto();                 // CN=INSI-AUTO, client authentication
 * Path trust = pki.trustAnchorsPem();                 // root + intermediate, PEM
 * TestIdentity old = pki.expired();                   // valid from -2 years to -1 day
 * TestIdentity custom = pki.newIdentity("LABO DUPONT")
 *         .organizationalUnit("ORG AUTH_CLI")
 *         .profile(CertificateProfile.ORG_AUTH_CLI)
 *         .issue();
 * }</pre>
 *
 * <p>Keys are RSA 2048 and certificates SHA256withRSA. Every key of one PKI is distinct; to save time, the
 * PKIs of one JVM draw their keys from the same pool (the n-th key of each PKI is the same pair). Instances
 * are thread-safe.
 */
public final class TestPki implements AutoCloseable {

    /** The organisation name in every subject. */
    public static final String ORGANIZATION = "LABO BIO TEST";

    private static final SecureRandom RANDOM = new SecureRandom();

    private final Path dir;
    private final boolean ownsDir;
    private final char[] password;
    private final AtomicLong serial = new AtomicLong(1000);
    private final Instant now = Instant.now();

    private final KeyPair rootKey;
    private final X509Certificate root;
    private final KeyPair intermediateKey;
    private final X509Certificate intermediate;
    private final KeyPair rogueKey;
    private final X509Certificate rogueRoot;

    private final Path trustAnchorsPem;
    private final Path trustStorePkcs12;
    private final Path rogueTrustAnchorsPem;

    private TestIdentity insiAuto;
    private TestIdentity insiManu;
    private TestIdentity orgAuthCli;
    private TestIdentity orgSign;
    private TestIdentity expired;
    private TestIdentity notYetValid;
    private TestIdentity wronglyIssued;
    private TestIdentity server;
    private TestIdentity rogueServer;
    private Path keystoreWithoutKey;

    private TestPki(Path dir, boolean ownsDir) {
        this.dir = dir;
        this.ownsDir = ownsDir;
        this.password = ("test-" + Long.toHexString(RANDOM.nextLong())).toCharArray();
        try {
            Files.createDirectories(dir);
            rootKey = newKeyPair();
            root = caCertificate(name("IGC-SANTE TEST ROOT CA", "AC RACINE TEST"), rootKey, null, null,
                    now.minus(Duration.ofDays(3650)), now.plus(Duration.ofDays(3650)), 1);
            intermediateKey = newKeyPair();
            intermediate = caCertificate(name("IGC-SANTE TEST ORGANISATIONS", "AC ORGANISATIONS TEST"),
                    intermediateKey, root, rootKey.getPrivate(), now.minus(Duration.ofDays(1825)),
                    now.plus(Duration.ofDays(1825)), 0);
            rogueKey = newKeyPair();
            rogueRoot = caCertificate(name("ROGUE TEST ROOT CA", "NOT IGC-SANTE"), rogueKey, null, null,
                    now.minus(Duration.ofDays(3650)), now.plus(Duration.ofDays(3650)), 1);
            trustAnchorsPem = writePem(dir.resolve("trust-anchors.pem"), List.of(root, intermediate));
            rogueTrustAnchorsPem = writePem(dir.resolve("rogue-trust-anchors.pem"), List.of(rogueRoot));
            trustStorePkcs12 = dir.resolve("trust-anchors.p12");
            KeyStore ts = KeyStore.getInstance("PKCS12");
            ts.load(null, null);
            ts.setCertificateEntry("root", root);
            ts.setCertificateEntry("intermediate", intermediate);
            try (OutputStream out = Files.newOutputStream(trustStorePkcs12)) {
                ts.store(out, password);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException | OperatorCreationException e) {
            throw new IllegalStateException("cannot create the test PKI", e);
        }
    }

    /**
     * A PKI whose files go into the given folder (a JUnit {@code @TempDir}, typically). The folder is left for
     * its owner to delete.
     *
     * @param dir the folder, created if needed
     * @return the PKI
     */
    public static TestPki create(Path dir) {
        return new TestPki(Objects.requireNonNull(dir, "dir"), false);
    }

    /**
     * A PKI whose files go into a new temporary folder, deleted by {@link #close()}.
     *
     * @return the PKI
     */
    public static TestPki create() {
        try {
            return new TestPki(Files.createTempDirectory("segur-test-pki"), true);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The folder holding the files.
     *
     * @return the folder
     */
    public Path directory() {
        return dir;
    }

    /**
     * The password of every PKCS#12 file of this PKI (a copy).
     *
     * @return the password
     */
    public char[] password() {
        return password.clone();
    }

    /**
     * The root CA certificate.
     *
     * @return the root
     */
    public X509Certificate rootCa() {
        return root;
    }

    /**
     * The intermediate CA certificate that issues organisation and server certificates.
     *
     * @return the intermediate
     */
    public X509Certificate intermediateCa() {
        return intermediate;
    }

    /**
     * The certificates a relying party trusts: the root and the intermediate, as IGC-Santé's bundles do.
     *
     * @return root then intermediate
     */
    public List<X509Certificate> trustAnchors() {
        return List.of(root, intermediate);
    }

    /**
     * The trust anchors as a PEM file (root then intermediate).
     *
     * @return the file
     */
    public Path trustAnchorsPem() {
        return trustAnchorsPem;
    }

    /**
     * The trust anchors as a PKCS#12 trust store protected by {@link #password()}.
     *
     * @return the file
     */
    public Path trustStorePkcs12() {
        return trustStorePkcs12;
    }

    /**
     * The rogue root CA: not part of {@link #trustAnchors()}.
     *
     * @return the rogue root certificate
     */
    public X509Certificate rogueCa() {
        return rogueRoot;
    }

    /**
     * The rogue root as a PEM file, to build a trust store that trusts nothing of the real chain.
     *
     * @return the file
     */
    public Path rogueTrustAnchorsPem() {
        return rogueTrustAnchorsPem;
    }

    /**
     * The INSi certificate for automatic calls: CN {@code INSI-AUTO}, OU {@code ORG AUTH_CLI}.
     *
     * @return the identity
     */
    public synchronized TestIdentity insiAuto() {
        if (insiAuto == null) {
            insiAuto = newIdentity("INSI-AUTO").issue();
        }
        return insiAuto;
    }

    /**
     * The INSi certificate for manual calls: CN {@code INSI-MANU}.
     *
     * @return the identity
     */
    public synchronized TestIdentity insiManu() {
        if (insiManu == null) {
            insiManu = newIdentity("INSI-MANU").issue();
        }
        return insiManu;
    }

    /**
     * An organisation authentication certificate ("ORG AUTH_CLI"): CN {@code LABO BIO TEST}.
     *
     * @return the identity
     */
    public synchronized TestIdentity orgAuthCli() {
        if (orgAuthCli == null) {
            orgAuthCli = newIdentity(ORGANIZATION).issue();
        }
        return orgAuthCli;
    }

    /**
     * An organisation signature certificate ("ORG SIGN"): key usage nonRepudiation only, unfit for TLS.
     *
     * @return the identity
     */
    public synchronized TestIdentity orgSign() {
        if (orgSign == null) {
            orgSign = newIdentity(ORGANIZATION).organizationalUnit("ORG SIGN").profile(CertificateProfile.ORG_SIGN)
                    .issue();
        }
        return orgSign;
    }

    /**
     * An {@code INSI-AUTO} certificate that expired yesterday (valid from two years ago to one day ago).
     *
     * @return the identity
     */
    public synchronized TestIdentity expired() {
        if (expired == null) {
            expired = newIdentity("INSI-AUTO").alias("expired")
                    .validity(now.minus(Duration.ofDays(730)), now.minus(Duration.ofDays(1))).issue();
        }
        return expired;
    }

    /**
     * An {@code INSI-AUTO} certificate valid only from tomorrow on.
     *
     * @return the identity
     */
    public synchronized TestIdentity notYetValid() {
        if (notYetValid == null) {
            notYetValid = newIdentity("INSI-AUTO").alias("not-yet-valid")
                    .validity(now.plus(Duration.ofDays(1)), now.plus(Duration.ofDays(365))).issue();
        }
        return notYetValid;
    }

    /**
     * An {@code INSI-AUTO} certificate issued by the rogue CA, which no relying party of this PKI trusts.
     *
     * @return the identity
     */
    public synchronized TestIdentity wronglyIssued() {
        if (wronglyIssued == null) {
            wronglyIssued = newIdentity("INSI-AUTO").alias("wrongly-issued").issuedByRogueCa().issue();
        }
        return wronglyIssued;
    }

    /**
     * The certificate of a TLS server on this machine: CN {@code localhost}, names {@code localhost} and
     * {@code 127.0.0.1}.
     *
     * @return the identity
     */
    public synchronized TestIdentity serverIdentity() {
        if (server == null) {
            server = newIdentity("localhost").organizationalUnit("SERVEUR TEST").profile(CertificateProfile.SERVER)
                    .alias("server").dnsNames("localhost").ipAddresses("127.0.0.1").issue();
        }
        return server;
    }

    /**
     * A server certificate for {@code 127.0.0.1} issued by the rogue CA: a client trusting this PKI refuses it.
     *
     * @return the identity
     */
    public synchronized TestIdentity rogueServerIdentity() {
        if (rogueServer == null) {
            rogueServer = newIdentity("localhost").organizationalUnit("SERVEUR ROGUE")
                    .profile(CertificateProfile.SERVER).alias("rogue-server").dnsNames("localhost")
                    .ipAddresses("127.0.0.1").issuedByRogueCa().issue();
        }
        return rogueServer;
    }

    /**
     * A PKCS#12 file, protected by {@link #password()}, that holds only a certificate and no private key.
     *
     * @return the file
     */
    public synchronized Path keystoreWithoutKey() {
        if (keystoreWithoutKey == null) {
            try {
                KeyStore ks = KeyStore.getInstance("PKCS12");
                ks.load(null, null);
                ks.setCertificateEntry("insi-auto", insiAuto().certificate());
                Path file = dir.resolve("certificate-only.p12");
                try (OutputStream out = Files.newOutputStream(file)) {
                    ks.store(out, password);
                }
                keystoreWithoutKey = file;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        }
        return keystoreWithoutKey;
    }

    /**
     * Starts describing a new certificate with the given subject CN; by default an "ORG AUTH_CLI" organisation
     * certificate issued by the intermediate CA, valid from yesterday for a year.
     *
     * @param commonName the subject CN, such as {@code INSI-AUTO}
     * @return a builder
     */
    public IdentityBuilder newIdentity(String commonName) {
        return new IdentityBuilder(commonName);
    }

    /** Deletes the folder when this PKI created it ({@link #create()}); otherwise does nothing. */
    @Override
    public void close() {
        if (!ownsDir) {
            return;
        }
        try {
            Files.walkFileTree(dir, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    Files.delete(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path d, IOException exc) throws IOException {
                    Files.delete(d);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Describes one certificate to issue. Not thread-safe; {@link #issue()} may be called once.
     */
    public final class IdentityBuilder {
        private final String commonName;
        private String organization = ORGANIZATION;
        private String organizationalUnit = "ORG AUTH_CLI";
        private CertificateProfile profile = CertificateProfile.ORG_AUTH_CLI;
        private Instant notBefore = now.minus(Duration.ofDays(1));
        private Instant notAfter = now.plus(Duration.ofDays(365));
        private boolean rogue;
        private String alias;
        private final List<String> dnsNames = new ArrayList<>();
        private final List<String> ipAddresses = new ArrayList<>();

        private IdentityBuilder(String commonName) {
            this.commonName = Objects.requireNonNull(commonName, "commonName");
        }

        /**
         * The subject OU (default {@code ORG AUTH_CLI}).
         *
         * @param ou the organisational unit
         * @return this builder
         */
        public IdentityBuilder organizationalUnit(String ou) {
            this.organizationalUnit = Objects.requireNonNull(ou, "ou");
            return this;
        }

        /**
         * The subject O, the structure the certificate belongs to (default {@link #ORGANIZATION}).
         *
         * @param o the organisation name
         * @return this builder
         */
        public IdentityBuilder organization(String o) {
            this.organization = Objects.requireNonNull(o, "o");
            return this;
        }

        /**
         * The key usages (default {@link CertificateProfile#ORG_AUTH_CLI}).
         *
         * @param profile the profile
         * @return this builder
         */
        public IdentityBuilder profile(CertificateProfile profile) {
            this.profile = Objects.requireNonNull(profile, "profile");
            return this;
        }

        /**
         * The validity period (default from yesterday for a year).
         *
         * @param from not before
         * @param until not after
         * @return this builder
         */
        public IdentityBuilder validity(Instant from, Instant until) {
            this.notBefore = Objects.requireNonNull(from, "from");
            this.notAfter = Objects.requireNonNull(until, "until");
            return this;
        }

        /**
         * Has the rogue root CA, not the intermediate, issue the certificate.
         *
         * @return this builder
         */
        public IdentityBuilder issuedByRogueCa() {
            this.rogue = true;
            return this;
        }

        /**
         * The alias of the key entry and the base name of the files (default: the CN, lower case).
         *
         * @param alias the alias
         * @return this builder
         */
        public IdentityBuilder alias(String alias) {
            this.alias = Objects.requireNonNull(alias, "alias");
            return this;
        }

        /**
         * DNS subject alternative names.
         *
         * @param names the host names
         * @return this builder
         */
        public IdentityBuilder dnsNames(String... names) {
            dnsNames.addAll(List.of(names));
            return this;
        }

        /**
         * IP address subject alternative names.
         *
         * @param addresses the addresses, such as {@code 127.0.0.1}
         * @return this builder
         */
        public IdentityBuilder ipAddresses(String... addresses) {
            ipAddresses.addAll(List.of(addresses));
            return this;
        }

        /**
         * Issues the certificate and writes {@code <alias>.p12}, {@code <alias>.pem} and
         * {@code <alias>-key.pem} into the PKI's folder.
         *
         * @return the identity
         */
        public TestIdentity issue() {
            String a = alias != null ? alias
                    : commonName.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-") + "-" + serial.get();
            try {
                KeyPair keys = newKeyPair();
                X509Certificate issuer = rogue ? rogueRoot : intermediate;
                PrivateKey issuerKey = rogue ? rogueKey.getPrivate() : intermediateKey.getPrivate();
                X509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(issuer,
                        BigInteger.valueOf(serial.incrementAndGet()), Date.from(notBefore), Date.from(notAfter),
                        name(organization, commonName, organizationalUnit), keys.getPublic());
                JcaX509ExtensionUtils utils = new JcaX509ExtensionUtils();
                b.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
                b.addExtension(Extension.subjectKeyIdentifier, false,
                        utils.createSubjectKeyIdentifier(keys.getPublic()));
                b.addExtension(Extension.authorityKeyIdentifier, false,
                        utils.createAuthorityKeyIdentifier(issuer));
                switch (profile) {
                    case ORG_AUTH_CLI -> {
                        b.addExtension(Extension.keyUsage, true,
                                new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyEncipherment));
                        b.addExtension(Extension.extendedKeyUsage, false,
                                new ExtendedKeyUsage(KeyPurposeId.id_kp_clientAuth));
                    }
                    case ORG_SIGN -> b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.nonRepudiation));
                    case SERVER -> {
                        b.addExtension(Extension.keyUsage, true,
                                new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyEncipherment));
                        b.addExtension(Extension.extendedKeyUsage, false,
                                new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth));
                    }
                }
                List<GeneralName> san = new ArrayList<>();
                dnsNames.forEach(n -> san.add(new GeneralName(GeneralName.dNSName, n)));
                ipAddresses.forEach(n -> san.add(new GeneralName(GeneralName.iPAddress, n)));
                if (!san.isEmpty()) {
                    b.addExtension(Extension.subjectAlternativeName, false,
                            new GeneralNames(san.toArray(GeneralName[]::new)));
                }
                X509Certificate cert = sign(b, issuerKey);
                List<X509Certificate> chain = rogue ? List.of(cert) : List.of(cert, intermediate);
                Path p12 = dir.resolve(a + ".p12");
                KeyStore ks = KeyStore.getInstance("PKCS12");
                ks.load(null, null);
                ks.setKeyEntry(a, keys.getPrivate(), password, chain.toArray(X509Certificate[]::new));
                try (OutputStream out = Files.newOutputStream(p12)) {
                    ks.store(out, password);
                }
                Path pem = writePem(dir.resolve(a + ".pem"), chain);
                Path keyPem = writePem(dir.resolve(a + "-key.pem"), List.of(keys.getPrivate()));
                return new TestIdentity(a, keys.getPrivate(), chain, p12, pem, keyPem, password);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (GeneralSecurityException | OperatorCreationException e) {
                throw new IllegalStateException("cannot issue " + commonName, e);
            }
        }
    }

    private static X500Name name(String cn, String ou) {
        return name(ORGANIZATION, cn, ou);
    }

    private static X500Name name(String o, String cn, String ou) {
        return new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.C, "FR").addRDN(BCStyle.O, o)
                .addRDN(BCStyle.OU, ou).addRDN(BCStyle.CN, cn).build();
    }

    /**
     * Key pairs generated so far in this JVM. RSA key generation is most of a PKI's cost, so the n-th key of
     * every PKI of the JVM is the same pair: keys are distinct within one PKI, never across PKIs.
     */
    private static final List<KeyPair> KEYS = new ArrayList<>();

    private final AtomicLong keysUsed = new AtomicLong();

    private KeyPair newKeyPair() throws GeneralSecurityException {
        int n = (int) keysUsed.getAndIncrement();
        synchronized (KEYS) {
            while (KEYS.size() <= n) {
                KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
                g.initialize(2048, RANDOM);
                KEYS.add(g.generateKeyPair());
            }
            return KEYS.get(n);
        }
    }

    private X509Certificate caCertificate(X500Name subject, KeyPair keys, X509Certificate issuer,
            PrivateKey issuerKey, Instant from, Instant until, int pathLength)
            throws GeneralSecurityException, IOException, OperatorCreationException {
        PublicKey pub = keys.getPublic();
        X509v3CertificateBuilder b = issuer == null
                ? new JcaX509v3CertificateBuilder(subject, BigInteger.valueOf(serial.incrementAndGet()),
                        Date.from(from), Date.from(until), subject, pub)
                : new JcaX509v3CertificateBuilder(issuer, BigInteger.valueOf(serial.incrementAndGet()),
                        Date.from(from), Date.from(until), subject, pub);
        JcaX509ExtensionUtils utils = new JcaX509ExtensionUtils();
        b.addExtension(Extension.basicConstraints, true, new BasicConstraints(pathLength));
        b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
        b.addExtension(Extension.subjectKeyIdentifier, false, utils.createSubjectKeyIdentifier(pub));
        if (issuer != null) {
            b.addExtension(Extension.authorityKeyIdentifier, false, utils.createAuthorityKeyIdentifier(issuer));
        }
        return sign(b, issuerKey != null ? issuerKey : keys.getPrivate());
    }

    private static X509Certificate sign(X509v3CertificateBuilder b, PrivateKey key)
            throws GeneralSecurityException, OperatorCreationException {
        return new JcaX509CertificateConverter().getCertificate(b.build(new JcaContentSignerBuilder("SHA256withRSA")
                .build(key)));
    }

    private static Path writePem(Path file, List<?> objects) throws IOException {
        StringWriter sw = new StringWriter();
        try (JcaPEMWriter w = new JcaPEMWriter(sw)) {
            for (Object o : objects) {
                if (o instanceof PrivateKey key) {
                    w.writeObject(new JcaPKCS8Generator(key, null));
                } else {
                    w.writeObject(o);
                }
            }
        }
        Files.writeString(file, sw.toString(), StandardCharsets.US_ASCII);
        return file;
    }
}
