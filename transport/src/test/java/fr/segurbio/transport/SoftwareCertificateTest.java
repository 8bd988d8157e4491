package fr.segurbio.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Locale;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import fr.segurbio.core.ValidationResult;
import fr.segurbio.testkit.TestIdentity;
import fr.segurbio.testkit.TestPki;

class SoftwareCertificateTest {

    private final TestPki pki = Pki.get();

    @Test
    void loadsAnInsiCertificateWithItsChain() {
        TestIdentity id = pki.insiAuto();
        SoftwareCertificate cert = SoftwareCertificate.pkcs12(id.pkcs12(), id.password())
                .requireCommonName("INSI-AUTO", "INSI-MANU")
                .requireUsage(CertificateUsage.TLS_CLIENT)
                .load();
        assertThat(cert.commonName()).isEqualTo("INSI-AUTO");
        assertThat(cert.subject()).contains("OU=ORG AUTH_CLI").contains("O=LABO BIO TEST");
        assertThat(cert.chain()).hasSize(2);
        assertThat(cert.chain().get(1)).isEqualTo(pki.intermediateCa());
        assertThat(cert.privateKey().getAlgorithm()).isEqualTo("RSA");
        assertThat(cert.notAfter()).isAfter(Instant.now());
        assertThat(cert.toString()).doesNotContain("PRIVATE");
    }

    @Test
    void loadsFromAStream() throws Exception {
        TestIdentity id = pki.insiManu();
        SoftwareCertificate cert = SoftwareCertificate.pkcs12(new ByteArrayInputStream(Files.readAllBytes(id.pkcs12())),
                "insi-manu.p12", id.password()).requireCommonName("INSI-AUTO", "INSI-MANU").load();
        assertThat(cert.commonName()).isEqualTo("INSI-MANU");
    }

    @Test
    void wrongPassword() {
        TestIdentity id = pki.insiAuto();
        TransportException e = catchThrowableOfType(
                () -> SoftwareCertificate.pkcs12(id.pkcs12(), "not-the-password".toCharArray()).load(),
                TransportException.class);
        assertThat(e.code()).isEqualTo(TransportError.WRONG_PASSWORD);
        assertThat(e.getMessage()).startsWith("TRANSPORT-002").contains(id.pkcs12().toString());
        assertThat(e.messageFr()).contains("Mot de passe incorrect");
    }

    @Test
    void keystoreWithoutPrivateKey() {
        TransportException e = catchThrowableOfType(
                () -> SoftwareCertificate.pkcs12(pki.keystoreWithoutKey(), pki.password()).load(),
                TransportException.class);
        assertThat(e.code()).isEqualTo(TransportError.NO_PRIVATE_KEY);
        assertThat(e.problems().get(0).message(Locale.FRENCH)).contains("aucune clé privée");
    }

    @Test
    void aFileThatIsNotPkcs12(@TempDir Path dir) throws Exception {
        Path pem = dir.resolve("cert.p12");
        Files.copy(pki.insiAuto().certificatePem(), pem);
        ValidationResult r = SoftwareCertificate.pkcs12(pem, pki.password()).check();
        assertThat(r.isValid()).isFalse();
        assertThat(r.has(TransportError.KEYSTORE_UNREADABLE)).isTrue();
        assertThat(SoftwareCertificate.pkcs12(dir.resolve("missing.p12"), pki.password()).check()
                .has(TransportError.KEYSTORE_UNREADABLE)).isTrue();
    }

    @Test
    void expiredCertificateGivesBothDates() {
        TestIdentity id = pki.expired();
        TransportException e = catchThrowableOfType(
                () -> SoftwareCertificate.pkcs12(id.pkcs12(), id.password()).load(), TransportException.class);
        assertThat(e.code()).isEqualTo(TransportError.CERTIFICATE_EXPIRED);
        String notAfter = id.certificate().getNotAfter().toInstant().atZone(ZoneOffset.UTC).toLocalDate().toString();
        String notBefore = id.certificate().getNotBefore().toInstant().atZone(ZoneOffset.UTC).toLocalDate().toString();
        assertThat(e.getMessage()).contains("INSI-AUTO").contains(notAfter).contains(notBefore);
        assertThat(e.messageFr()).contains("a expiré le " + notAfter);
    }

    @Test
    void notYetValidCertificate() {
        TestIdentity id = pki.notYetValid();
        ValidationResult r = SoftwareCertificate.pkcs12(id.pkcs12(), id.password()).check();
        assertThat(r.errors()).singleElement().satisfies(p -> {
            assertThat(p.code()).isEqualTo(TransportError.CERTIFICATE_NOT_YET_VALID);
            assertThat(p.message(Locale.FRENCH)).contains("n'est valide qu'à partir du");
        });
    }

    @Test
    void theClockDecidesValidity() {
        TestIdentity id = pki.insiAuto();
        Clock later = Clock.fixed(Instant.now().plus(Duration.ofDays(400)), ZoneOffset.UTC);
        assertThat(SoftwareCertificate.pkcs12(id.pkcs12(), id.password()).clock(later).check()
                .has(TransportError.CERTIFICATE_EXPIRED)).isTrue();
    }

    @Test
    void signatureCertificateCannotAuthenticateTls() {
        TestIdentity sign = pki.orgSign();
        ValidationResult r = SoftwareCertificate.pkcs12(sign.pkcs12(), sign.password())
                .requireUsage(CertificateUsage.TLS_CLIENT).check();
        assertThat(r.errors()).singleElement().satisfies(p -> {
            assertThat(p.code()).isEqualTo(TransportError.WRONG_KEY_USAGE);
            assertThat(p.message()).contains("nonRepudiation").contains("TLS client");
        });
        assertThat(SoftwareCertificate.pkcs12(sign.pkcs12(), sign.password())
                .requireUsage(CertificateUsage.SIGNATURE).check().isValid()).isTrue();
    }

    @Test
    void requiredCommonName() {
        TestIdentity org = pki.orgAuthCli();
        TransportException e = catchThrowableOfType(() -> SoftwareCertificate.pkcs12(org.pkcs12(), org.password())
                .requireCommonName("INSI-AUTO", "INSI-MANU").load(), TransportException.class);
        assertThat(e.code()).isEqualTo(TransportError.WRONG_COMMON_NAME);
        assertThat(e.getMessage()).contains(TestPki.ORGANIZATION).contains("INSI-AUTO | INSI-MANU");
    }

    @Test
    void everyProblemIsReportedNotOnlyTheFirst() {
        TestIdentity id = pki.newIdentity("LABO SIGN OLD").organizationalUnit("ORG SIGN")
                .profile(fr.segurbio.testkit.CertificateProfile.ORG_SIGN)
                .validity(Instant.now().minus(Duration.ofDays(800)), Instant.now().minus(Duration.ofDays(2)))
                .issue();
        TransportException e = catchThrowableOfType(() -> SoftwareCertificate.pkcs12(id.pkcs12(), id.password())
                .requireCommonName("INSI-AUTO").requireUsage(CertificateUsage.TLS_CLIENT).load(),
                TransportException.class);
        assertThat(e.problems()).extracting(p -> p.code()).containsExactly(TransportError.CERTIFICATE_EXPIRED,
                TransportError.WRONG_KEY_USAGE, TransportError.WRONG_COMMON_NAME);
    }

    @Test
    void trustStoresFromPemAndPkcs12() throws Exception {
        TrustStore pem = TrustStore.fromPem(pki.trustAnchorsPem());
        TrustStore p12 = TrustStore.fromPkcs12(pki.trustStorePkcs12(), pki.password());
        assertThat(pem.certificates()).containsExactly(pki.rootCa(), pki.intermediateCa());
        assertThat(p12.certificates()).containsExactlyInAnyOrder(pki.rootCa(), pki.intermediateCa());
        pem.validate(pki.insiAuto().chain(), Instant.now());
        TrustStore rootOnly = TrustStore.of(java.util.List.of(pki.rootCa()));
        rootOnly.validate(java.util.List.of(pki.insiAuto().certificate(), pki.intermediateCa()),
                Instant.now());
        assertThatThrownBy(() -> rootOnly.validate(java.util.List.of(pki.insiAuto().certificate()), Instant.now()))
                .as("without the intermediate").isInstanceOf(TransportException.class);
        assertThatThrownBy(() -> pem.validate(pki.expired().chain(), Instant.now()))
                .as("expired").isInstanceOf(TransportException.class);
        assertThatThrownBy(() -> pem.validate(pki.wronglyIssued().chain(), Instant.now()))
                .isInstanceOf(TransportException.class);
        assertThatThrownBy(() -> TrustStore.fromPkcs12(pki.trustStorePkcs12(), "bad".toCharArray()))
                .isInstanceOfSatisfying(TransportException.class,
                        e -> assertThat(e.code()).isEqualTo(TransportError.TRUST_STORE_UNREADABLE));
    }

    @Test
    void pemBundlesWithTextBetweenCertificates(@TempDir Path dir) throws Exception {
        String pem = Files.readString(pki.trustAnchorsPem());
        int second = pem.indexOf("-----BEGIN", 10);
        Path bundle = Files.writeString(dir.resolve("bundle.pem"), "subject=CN=IGC-SANTE TEST ROOT CA\n"
                + pem.substring(0, second) + "\n# intermediate\nsubject=CN=ORGANISATIONS\n" + pem.substring(second));
        assertThat(TrustStore.fromPem(bundle).certificates()).containsExactly(pki.rootCa(), pki.intermediateCa());
    }

    @Test
    void anEmptyTrustStoreIsRefused(@TempDir Path dir) throws Exception {
        Path empty = Files.writeString(dir.resolve("empty.pem"), "");
        assertThatThrownBy(() -> TrustStore.fromPem(empty))
                .isInstanceOfSatisfying(TransportException.class,
                        e -> assertThat(e.code()).isIn(TransportError.TRUST_STORE_EMPTY,
                                TransportError.TRUST_STORE_UNREADABLE));
    }

    @Test
    void aClientCertificateNeedsATrustStore() {
        SoftwareCertificate cert = Pki.load(pki.insiAuto());
        assertThatThrownBy(() -> HttpTransport.builder().clientCertificate(cert).build())
                .isInstanceOfSatisfying(TransportException.class,
                        e -> assertThat(e.code()).isEqualTo(TransportError.INVALID_CONFIGURATION));
    }
}
