package fr.segurbio.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertPathValidator;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateFactory;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.util.Collections;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TestPkiTest {

    @TempDir
    static Path dir;
    static TestPki pki;

    @BeforeAll
    static void create() {
        pki = TestPki.create(dir);
    }

    private static void validate(List<X509Certificate> chain) throws Exception {
        PKIXParameters params = new PKIXParameters(Set.of(new TrustAnchor(pki.rootCa(), null)));
        params.setRevocationEnabled(false);
        CertPathValidator.getInstance("PKIX").validate(
                CertificateFactory.getInstance("X.509").generateCertPath(chain), params);
    }

    @Test
    void organisationCertificatesChainToTheRoot() throws Exception {
        for (TestIdentity id : List.of(pki.insiAuto(), pki.insiManu(), pki.orgAuthCli(), pki.orgSign(),
                pki.serverIdentity())) {
            validate(id.chain());
            assertThat(id.chain().get(1)).isEqualTo(pki.intermediateCa());
        }
        assertThat(pki.intermediateCa().getBasicConstraints()).isZero();
        assertThat(pki.rootCa().getSubjectX500Principal()).isEqualTo(pki.rootCa().getIssuerX500Principal());
    }

    @Test
    void subjectsAndUsages() throws Exception {
        assertThat(pki.insiAuto().subject()).startsWith("CN=INSI-AUTO,OU=ORG AUTH_CLI,O=LABO BIO TEST,C=FR");
        assertThat(pki.insiManu().subject()).startsWith("CN=INSI-MANU");
        assertThat(pki.insiAuto().certificate().getExtendedKeyUsage()).containsExactly("1.3.6.1.5.5.7.3.2");
        assertThat(pki.insiAuto().certificate().getKeyUsage()[0]).isTrue();
        assertThat(pki.orgSign().subject()).contains("OU=ORG SIGN");
        boolean[] signUsage = pki.orgSign().certificate().getKeyUsage();
        assertThat(signUsage[0]).isFalse();
        assertThat(signUsage[1]).isTrue();
        assertThat(pki.serverIdentity().certificate().getExtendedKeyUsage()).containsExactly("1.3.6.1.5.5.7.3.1");
        List<String> names = pki.serverIdentity().certificate().getSubjectAlternativeNames().stream()
                .map(l -> String.valueOf(l.get(1))).toList();
        assertThat(names).contains("localhost", "127.0.0.1");
    }

    @Test
    void expiredNotYetValidAndWronglyIssued() throws Exception {
        assertThatThrownBy(() -> pki.expired().certificate().checkValidity())
                .isInstanceOf(CertificateExpiredException.class);
        assertThatThrownBy(() -> pki.notYetValid().certificate().checkValidity())
                .isInstanceOf(CertificateNotYetValidException.class);
        assertThatThrownBy(() -> validate(pki.wronglyIssued().chain()))
                .isInstanceOf(CertPathValidatorException.class);
        assertThat(pki.wronglyIssued().certificate().getIssuerX500Principal())
                .isEqualTo(pki.rogueCa().getSubjectX500Principal());
    }

    @Test
    void filesAreWrittenInTheFolder() throws Exception {
        TestIdentity id = pki.insiAuto();
        assertThat(id.pkcs12()).startsWith(dir).exists();
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (var in = Files.newInputStream(id.pkcs12())) {
            ks.load(in, id.password());
        }
        assertThat(Collections.list(ks.aliases())).containsExactly(id.alias());
        assertThat(ks.getKey(id.alias(), id.password())).isEqualTo(id.privateKey());
        assertThat(ks.getCertificateChain(id.alias())).hasSize(2);
        assertThat(Files.readString(id.certificatePem())).contains("BEGIN CERTIFICATE");
        assertThat(Files.readString(id.privateKeyPem())).contains("BEGIN PRIVATE KEY");
        assertThat(Files.readString(pki.trustAnchorsPem()).split("BEGIN CERTIFICATE", -1)).hasSize(3);
        KeyStore noKey = KeyStore.getInstance("PKCS12");
        try (var in = Files.newInputStream(pki.keystoreWithoutKey())) {
            noKey.load(in, pki.password());
        }
        assertThat(Collections.list(noKey.aliases())).allMatch(a -> {
            try {
                return !noKey.isKeyEntry(a);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
    }

    @Test
    void aPkiWithItsOwnFolderDeletesIt() {
        Path folder;
        try (TestPki own = TestPki.create()) {
            folder = own.directory();
            assertThat(folder.resolve("trust-anchors.pem")).exists();
        }
        assertThat(folder).doesNotExist();
    }
}
