package fr.segurbio.transport;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.UnrecoverableKeyException;
import java.security.cert.Certificate;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;

import fr.segurbio.core.ValidationResult;

/**
 * An organisation software certificate (IGC-Santé "certificat logiciel"): a private key and its certificate
 * chain, loaded from PKCS#12 and checked before use. Immutable and thread-safe.
 *
 * <pre>{@code
 * SoftwareCertificate cert = SoftwareCertificate.pkcs12(Path.of("/etc/lab/insi-auto.p12"), password)
 *         .requireCommonName("INSI-AUTO", "INSI-MANU")
 *         .requireUsage(CertificateUsage.TLS_CLIENT)
 *         .load();                       // throws TransportException listing every problem
 *
 * ValidationResult check = SoftwareCertificate.pkcs12(path, password).check();   // for a setup screen
 * check.problems().forEach(p -> show(p.message(Locale.FRENCH)));
 * }</pre>
 *
 * <p>What is checked: the file can be read and is PKCS#12, the password is right, there is a private key, the
 * certificate is valid now (not expired, not before its start date, with both dates in the message), the key
 * usages required, and the subject CN when the caller requires one.
 */
public final class SoftwareCertificate {

    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")
            .withZone(ZoneOffset.UTC);

    private final PrivateKey privateKey;
    private final List<X509Certificate> chain;

    private SoftwareCertificate(PrivateKey privateKey, List<X509Certificate> chain) {
        this.privateKey = Objects.requireNonNull(privateKey, "privateKey");
        if (chain.isEmpty()) {
            throw new IllegalArgumentException("a certificate chain needs at least one certificate");
        }
        this.chain = List.copyOf(chain);
    }

    /**
     * Starts loading a PKCS#12 file.
     *
     * @param file the {@code .p12} file
     * @param password its password (not kept after {@link Loader#load()})
     * @return a loader to add requirements to
     */
    public static Loader pkcs12(Path file, char[] password) {
        return new Loader(Objects.requireNonNull(file, "file").toString(), () -> Files.readAllBytes(file),
                password);
    }

    /**
     * Starts loading PKCS#12 content from a stream (read entirely, not closed).
     *
     * @param in the content
     * @param name a name for messages (the file name, for example)
     * @param password the password
     * @return a loader to add requirements to
     */
    public static Loader pkcs12(InputStream in, String name, char[] password) {
        Objects.requireNonNull(in, "in");
        return new Loader(name, in::readAllBytes, password);
    }

    /**
     * A certificate from a key and chain already in memory (no check made).
     *
     * @param privateKey the private key
     * @param chain the chain, end entity first
     * @return the certificate
     */
    public static SoftwareCertificate of(PrivateKey privateKey, List<X509Certificate> chain) {
        return new SoftwareCertificate(privateKey, chain);
    }

    /**
     * The private key.
     *
     * @return the key
     */
    public PrivateKey privateKey() {
        return privateKey;
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
     * The chain, end entity first, as found in the file.
     *
     * @return the chain
     */
    public List<X509Certificate> chain() {
        return chain;
    }

    /**
     * The subject DN, RFC 2253 form.
     *
     * @return the subject
     */
    public String subject() {
        return certificate().getSubjectX500Principal().getName();
    }

    /**
     * The subject CN.
     *
     * @return the CN, or {@code ""} when the subject has none
     */
    public String commonName() {
        return commonName(certificate());
    }

    /**
     * The start of the validity period.
     *
     * @return not before
     */
    public Instant notBefore() {
        return certificate().getNotBefore().toInstant();
    }

    /**
     * The end of the validity period.
     *
     * @return not after
     */
    public Instant notAfter() {
        return certificate().getNotAfter().toInstant();
    }

    /**
     * Checks this certificate's validity dates and usages at a given time.
     *
     * @param at the time
     * @param usages the usages required
     * @return every problem found
     */
    public ValidationResult check(Instant at, CertificateUsage... usages) {
        ValidationResult.Builder r = ValidationResult.builder();
        checkDates(r, certificate(), at);
        for (CertificateUsage u : usages) {
            checkUsage(r, certificate(), u);
        }
        return r.build();
    }

    @Override
    public String toString() {
        return "SoftwareCertificate[" + subject() + ", valid until " + DATE.format(notAfter()) + "]";
    }

    static String commonName(X509Certificate cert) {
        try {
            for (Rdn rdn : new LdapName(cert.getSubjectX500Principal().getName()).getRdns()) {
                if ("CN".equalsIgnoreCase(rdn.getType())) {
                    return rdn.getValue().toString();
                }
            }
        } catch (InvalidNameException e) {
            return "";
        }
        return "";
    }

    private static String display(X509Certificate cert) {
        String cn = commonName(cert);
        return cn.isEmpty() ? cert.getSubjectX500Principal().getName() : cn;
    }

    private static void checkDates(ValidationResult.Builder r, X509Certificate cert, Instant at) {
        Instant from = cert.getNotBefore().toInstant();
        Instant to = cert.getNotAfter().toInstant();
        if (at.isAfter(to)) {
            r.add(TransportError.CERTIFICATE_EXPIRED, "notAfter", display(cert), DATE.format(to), DATE.format(from),
                    DATE.format(to));
        } else if (at.isBefore(from)) {
            r.add(TransportError.CERTIFICATE_NOT_YET_VALID, "notBefore", display(cert), DATE.format(from),
                    DATE.format(from), DATE.format(to));
        }
    }

    private static final String[] KEY_USAGE_NAMES = {"digitalSignature", "nonRepudiation", "keyEncipherment",
        "dataEncipherment", "keyAgreement", "keyCertSign", "cRLSign", "encipherOnly", "decipherOnly"};

    private static void checkUsage(ValidationResult.Builder r, X509Certificate cert, CertificateUsage usage) {
        boolean[] ku = cert.getKeyUsage();
        List<String> eku;
        try {
            eku = cert.getExtendedKeyUsage();
        } catch (CertificateParsingException e) {
            eku = null;
        }
        boolean ok = switch (usage) {
            case TLS_CLIENT -> (ku == null || ku[0])
                    && (eku == null || eku.contains("1.3.6.1.5.5.7.3.2") || eku.contains("2.5.29.37.0"));
            case SIGNATURE -> ku == null || ku[0] || ku[1];
        };
        if (!ok) {
            List<String> names = new ArrayList<>();
            if (ku != null) {
                for (int i = 0; i < ku.length && i < KEY_USAGE_NAMES.length; i++) {
                    if (ku[i]) {
                        names.add(KEY_USAGE_NAMES[i]);
                    }
                }
            }
            if (eku != null) {
                for (String oid : eku) {
                    names.add(switch (oid) {
                        case "1.3.6.1.5.5.7.3.1" -> "serverAuth";
                        case "1.3.6.1.5.5.7.3.2" -> "clientAuth";
                        case "1.3.6.1.5.5.7.3.4" -> "emailProtection";
                        default -> oid;
                    });
                }
            }
            r.add(TransportError.WRONG_KEY_USAGE, "keyUsage", display(cert), usage.label(),
                    names.isEmpty() ? "-" : String.join(", ", names));
        }
    }

    @FunctionalInterface
    private interface Source {
        byte[] read() throws IOException;
    }

    /**
     * Loads and checks a PKCS#12 software certificate. Not thread-safe; use once.
     */
    public static final class Loader {
        private final String name;
        private final Source source;
        private final char[] password;
        private String alias;
        private final Set<String> commonNames = new LinkedHashSet<>();
        private final Set<CertificateUsage> usages = new LinkedHashSet<>();
        private Clock clock = Clock.systemUTC();
        private SoftwareCertificate loaded;

        private Loader(String name, Source source, char[] password) {
            this.name = Objects.requireNonNull(name, "name");
            this.source = source;
            this.password = Objects.requireNonNull(password, "password").clone();
        }

        /**
         * Requires the subject CN to be one of these (INSi: {@code INSI-AUTO} or {@code INSI-MANU}).
         *
         * @param accepted the accepted CNs
         * @return this loader
         */
        public Loader requireCommonName(String... accepted) {
            commonNames.addAll(Arrays.asList(accepted));
            return this;
        }

        /**
         * Requires a usage (checked against key usage and extended key usage).
         *
         * @param usage the usage
         * @return this loader
         */
        public Loader requireUsage(CertificateUsage usage) {
            usages.add(Objects.requireNonNull(usage, "usage"));
            return this;
        }

        /**
         * Chooses the key entry when the file holds several (default: the only, or first, key entry).
         *
         * @param alias the entry's alias
         * @return this loader
         */
        public Loader alias(String alias) {
            this.alias = Objects.requireNonNull(alias, "alias");
            return this;
        }

        /**
         * The clock the validity dates are checked against (default: the system clock).
         *
         * @param clock the clock
         * @return this loader
         */
        public Loader clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /**
         * Loads and checks, reporting every problem instead of throwing.
         *
         * @return every problem found; valid when the certificate can be used
         */
        public ValidationResult check() {
            ValidationResult.Builder r = ValidationResult.builder();
            KeyStore ks;
            try {
                byte[] bytes = source.read();
                ks = KeyStore.getInstance("PKCS12");
                ks.load(new ByteArrayInputStream(bytes), password);
            } catch (IOException e) {
                if (isWrongPassword(e)) {
                    return r.add(TransportError.WRONG_PASSWORD, "password", name).build();
                }
                return r.add(TransportError.KEYSTORE_UNREADABLE, "file", name, e.getMessage()).build();
            } catch (GeneralSecurityException e) {
                return r.add(TransportError.KEYSTORE_UNREADABLE, "file", name, e.getMessage()).build();
            }
            try {
                String a = alias != null ? alias : firstKeyAlias(ks);
                if (a == null || !ks.isKeyEntry(a)) {
                    return r.add(TransportError.NO_PRIVATE_KEY, "file", name).build();
                }
                Key key = ks.getKey(a, password);
                if (!(key instanceof PrivateKey pk)) {
                    return r.add(TransportError.NO_PRIVATE_KEY, "file", name).build();
                }
                Certificate[] certs = ks.getCertificateChain(a);
                if (certs == null || certs.length == 0) {
                    return r.add(TransportError.NO_PRIVATE_KEY, "file", name).build();
                }
                List<X509Certificate> chain = new ArrayList<>();
                for (Certificate c : certs) {
                    chain.add((X509Certificate) c);
                }
                SoftwareCertificate cert = new SoftwareCertificate(pk, chain);
                checkDates(r, cert.certificate(), clock.instant());
                for (CertificateUsage u : usages) {
                    checkUsage(r, cert.certificate(), u);
                }
                if (!commonNames.isEmpty() && !commonNames.contains(cert.commonName())) {
                    r.add(TransportError.WRONG_COMMON_NAME, "subject.CN", cert.commonName(),
                            String.join(" | ", commonNames));
                }
                loaded = cert;
                return r.build();
            } catch (UnrecoverableKeyException e) {
                return r.add(TransportError.WRONG_PASSWORD, "password", name).build();
            } catch (GeneralSecurityException e) {
                return r.add(TransportError.KEYSTORE_UNREADABLE, "file", name, e.getMessage()).build();
            }
        }

        /**
         * Loads and checks.
         *
         * @return the certificate
         * @throws TransportException listing every problem when the certificate cannot be used
         */
        public SoftwareCertificate load() {
            ValidationResult result = check();
            if (!result.isValid()) {
                throw new TransportException(result);
            }
            Arrays.fill(password, '\0');
            return loaded;
        }

        private static String firstKeyAlias(KeyStore ks) throws GeneralSecurityException {
            for (Enumeration<String> e = ks.aliases(); e.hasMoreElements();) {
                String a = e.nextElement();
                if (ks.isKeyEntry(a)) {
                    return a;
                }
            }
            List<String> all = Collections.list(ks.aliases());
            return all.isEmpty() ? null : all.get(0);
        }

        private static boolean isWrongPassword(Throwable e) {
            for (Throwable t = e; t != null; t = t.getCause()) {
                if (t instanceof UnrecoverableKeyException) {
                    return true;
                }
                String m = t.getMessage();
                if (m != null && m.toLowerCase(java.util.Locale.ROOT).contains("password")) {
                    return true;
                }
            }
            return false;
        }
    }
}
