package fr.segurbio.testkit.dmp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import fr.segurbio.testkit.CertificateProfile;
import fr.segurbio.testkit.ConformanceMaterial;
import fr.segurbio.testkit.TestIdentity;
import fr.segurbio.testkit.TestPki;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import javax.xml.crypto.dsig.DigestMethod;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.w3c.dom.Element;

/**
 * The VIHF checks, called directly: signature (form, value, wrapping), signing certificate, validity and every
 * attribute per mode. The VIHF schema of conformance/vihf is used with its sample-pinned enumerations relaxed
 * (dropped in memory, see {@link DmpSchemas}); {@link #theUnrelaxedSchemaRefusesAnyOtherVihf} shows why.
 */
class VihfVerifierTest {

    @TempDir
    static Path dir;
    static TestPki pki;
    static DmpSchemas schemas;
    static VihfVerifier verifier;
    static X509Certificate tls;

    @BeforeAll
    static void setUp() {
        assumeTrue(ConformanceMaterial.find("conformance/vihf/xsd").isPresent(),
                ConformanceMaterial.missing("conformance/vihf/xsd"));
        Path shared = ConformanceMaterial.root().orElseThrow();
        pki = TestPki.create(dir);
        tls = pki.orgAuthCli().certificate();
        schemas = new DmpSchemas(shared.resolve("conformance/xds/wsdl/schema"), shared.resolve("conformance/vihf/xsd"));
        verifier = verifier(Clock.systemUTC(), DmpSimulator.TEST_INS_OIDS, Set.of());
    }

    static VihfVerifier verifier(Clock clock, Set<String> oids, Set<String> roles) {
        return new VihfVerifier(schemas, new VihfVerifier.Settings(pki.trustAnchors(), clock, Set.of("3.0", "4.0"),
                oids, Duration.ofHours(2), Duration.ofMinutes(5), Set.of("Authentification_Mode"), roles));
    }

    static TestVihf vihf() {
        return new TestVihf(pki.orgSign());
    }

    static Element security(String xml) throws Exception {
        return DmpXml.parse(xml.getBytes(StandardCharsets.UTF_8)).getDocumentElement();
    }

    static VihfVerifier.Vihf verify(TestVihf v) throws Exception {
        return verifier.verify(security(v.securityXml()), tls);
    }

    static void refused(TestVihf v, DmpFaultCode code, String messagePart) {
        assertThatThrownBy(() -> verify(v)).isInstanceOfSatisfying(Rejection.class, r -> {
            assertThat(r.fault()).isEqualTo(code);
            assertThat(r.getMessage()).contains(messagePart);
        });
    }

    static TestVihf with(Consumer<TestVihf> change) {
        TestVihf v = vihf();
        change.accept(v);
        return v;
    }

    @Test
    void anAutomateVihfInIndirectModeIsAccepted() throws Exception {
        VihfVerifier.Vihf v = verify(vihf());
        assertThat(v.mode()).isEqualTo("INDIRECTE");
        assertThat(v.structureId()).isEqualTo(TestVihf.STRUCTURE);
        assertThat(v.matricule()).isEqualTo(TestVihf.INS);
        assertThat(v.insOid()).isEqualTo(TestVihf.TEST_OID);
        assertThat(v.automate()).isTrue();
        assertThat(v.signer()).isEqualTo(pki.orgSign().certificate());
    }

    @Test
    void aPractitionerInReinforcedIndirectModeIsAccepted() throws Exception {
        VihfVerifier.Vihf v = verify(vihf().air());
        assertThat(v.mode()).isEqualTo("INDIRECTE_RENFORCEE");
        assertThat(v.roles()).containsExactly("10^1.2.250.1.71.1.2.7", "SM26^1.2.250.1.71.4.2.5");
        assertThat(v.nameId()).isEqualTo("899900063480");
    }

    @Test
    void conditionsWithinTheirWindowAreAccepted() throws Exception {
        Instant now = Instant.now();
        assertThat(verify(with(v -> {
            v.notBefore = now.minusSeconds(60).toString();
            v.notOnOrAfter = now.plusSeconds(600).toString();
        })).id()).startsWith("_");
    }

    @ParameterizedTest
    @ValueSource(strings = {"VIHF_Version", "Authentification_Mode", "Secteur_Activite",
        "urn:oasis:names:tc:xacml:2.0:resource:resource-id", "Ressource_URN",
        "urn:oasis:names:tc:xspa:1.0:subject:subject-id", "Identifiant_Structure", "LPS_Nom", "LPS_Version",
        "LPS_ID_HOMOLOGATION_DMP"})
    void eachRequiredAttributeMissingInTurnIsRefused(String name) {
        refused(with(v -> v.attributes.put(name, null)), DmpFaultCode.VIHF_ATTRIBUTE, name);
    }

    @Test
    void theOptionalLpsIdMayBeAbsent() throws Exception {
        assertThat(verify(with(v -> v.attributes.put("LPS_ID", null))).mode()).isEqualTo("INDIRECTE");
    }

    @Test
    void purposeOfUseAndRoleMissingAreRefused() {
        refused(with(v -> v.purposeOfUse = null), DmpFaultCode.VIHF_ATTRIBUTE, VihfVerifier.ATTR_PURPOSE);
        refused(with(v -> v.roles = List.of()), DmpFaultCode.VIHF_ATTRIBUTE, VihfVerifier.ATTR_ROLE);
    }

    @Test
    void wrongAttributeValuesAreRefused() {
        refused(with(v -> v.attributes.put("VIHF_Version", "2.0")), DmpFaultCode.VIHF_ATTRIBUTE, "VIHF_Version 2.0");
        refused(with(v -> v.attributes.put("Authentification_Mode", "DIRECTE")), DmpFaultCode.VIHF_ATTRIBUTE,
                "DIRECTE");
        refused(with(v -> v.attributes.put("Secteur_Activite", "SA29")), DmpFaultCode.VIHF_ATTRIBUTE,
                "Secteur_Activite");
        refused(with(v -> v.attributes.put("Ressource_URN", "urn:dmp2")), DmpFaultCode.VIHF_ATTRIBUTE,
                "Ressource_URN");
        refused(with(v -> v.attributes.put(VihfVerifier.ATTR_RESOURCE_ID, "2900175056031")),
                DmpFaultCode.VIHF_ATTRIBUTE, "resource-id");
        refused(with(v -> v.purposeOfUse = v.purposeOfUse.replace("code=\"normal\"", "code=\"BRIS_DE_GLACE\"")),
                DmpFaultCode.VIHF_ATTRIBUTE, "PurposeOfUse");
        refused(with(v -> v.attributes.put("Identifiant_Structure", " ")), DmpFaultCode.VIHF_ATTRIBUTE,
                "Identifiant_Structure vide");
        refused(with(v -> v.version = "1.1"), DmpFaultCode.VIHF_ATTRIBUTE, "Version");
    }

    @Test
    void theSpellingOfGenerateVihfIsRefusedUnlessConfigured() throws Exception {
        TestVihf v = with(x -> {
            x.attributes.put("Authentification_Mode", null);
            x.attributes.put("Authentification_mode", "INDIRECTE");
        });
        refused(v, DmpFaultCode.VIHF_ATTRIBUTE, "Authentification_Mode");
        VihfVerifier lenient = new VihfVerifier(schemas, new VihfVerifier.Settings(pki.trustAnchors(),
                Clock.systemUTC(), Set.of("3.0"), DmpSimulator.TEST_INS_OIDS, Duration.ofHours(2),
                Duration.ofMinutes(5), Set.of("Authentification_Mode", "Authentification_mode"), Set.of()));
        assertThat(lenient.verify(security(v.securityXml()), tls).mode()).isEqualTo("INDIRECTE");
    }

    @Test
    void rolesFollowTheProfessionRules() {
        refused(with(v -> v.roles = List.of(TestVihf.role("10", "1.2.250.1.71.1.2.7", "Médecin"))),
                DmpFaultCode.VIHF_ATTRIBUTE, "savoir-faire");
        refused(with(v -> v.roles = List.of(TestVihf.role("SM26", "1.2.250.1.71.4.2.5", "Qualifié"))),
                DmpFaultCode.VIHF_ATTRIBUTE, "premier Role");
        refused(with(v -> v.roles = List.of(TestVihf.role("21", "1.2.250.1.71.1.2.7", "Pharmacien"))),
                DmpFaultCode.VIHF_ATTRIBUTE, "section");
        refused(with(v -> {
            v.air();
            v.roles = List.of(TestVihf.role("AUTOMATE", "1.2.250.1.213.1.1.4.6", "AUTOMATE"));
        }), DmpFaultCode.VIHF_ATTRIBUTE, "pas AUTOMATE");
        refused(with(v -> {
            v.air();
            v.authnContextClassRef = VihfVerifier.UNSPECIFIED;
        }), DmpFaultCode.VIHF_ATTRIBUTE, "unspecified");
    }

    @Test
    void aPharmacistBiologistWithASectionOrASavoirFaireIsAccepted() throws Exception {
        assertThat(verify(with(v -> {
            v.air();
            v.roles = List.of(TestVihf.role("21", "1.2.250.1.71.1.2.7", "Pharmacien"),
                    TestVihf.role("G", "1.2.250.1.71.4.2.6", "Pharmacien biologiste"));
        })).roles()).hasSize(2);
        assertThat(verify(with(v -> v.roles = List.of(TestVihf.role("21", "1.2.250.1.71.1.2.7", "Pharmacien"),
                TestVihf.role("SM03", "1.2.250.1.71.4.2.5", "Biologie médicale (SM)")))).automate()).isFalse();
    }

    @Test
    void rolesAreCheckedAgainstTheRoleValueSetWhenGiven() throws Exception {
        Path jdv = ConformanceMaterial.find("conformance/vihf/resources/JDV_J65-SubjectRole-DMP.xml").orElse(null);
        assumeTrue(jdv != null, ConformanceMaterial.missing("conformance/vihf/resources/JDV_J65-SubjectRole-DMP.xml"));
        DmpSimulator.Builder b = DmpSimulator.builder(pki).roleValueSet(jdv);
        java.lang.reflect.Field f = DmpSimulator.Builder.class.getDeclaredField("roles");
        f.setAccessible(true);
        @SuppressWarnings("unchecked")
        Set<String> roles = (Set<String>) f.get(b);
        assertThat(roles).contains("AUTOMATE^1.2.250.1.213.1.1.4.6", "10^1.2.250.1.71.1.2.7");
        VihfVerifier strict = verifier(Clock.systemUTC(), DmpSimulator.TEST_INS_OIDS, roles);
        assertThat(strict.verify(security(vihf().air().securityXml()), tls).roles()).hasSize(2);
        assertThatThrownBy(() -> strict.verify(security(with(v -> v.roles = List.of(
                TestVihf.role("99", "1.2.250.1.71.1.2.7", "Inconnu"))).securityXml()), tls))
                .isInstanceOfSatisfying(Rejection.class, r -> assertThat(r.getMessage()).contains("JDV_J65"));
    }

    @Test
    void aTestInsIsRefusedInProduction() {
        VihfVerifier production = verifier(Clock.systemUTC(), DmpSimulator.PRODUCTION_INS_OIDS, Set.of());
        assertThatThrownBy(() -> production.verify(security(vihf().securityXml()), tls))
                .isInstanceOfSatisfying(Rejection.class, r -> {
                    assertThat(r.fault()).isEqualTo(DmpFaultCode.VIHF_ATTRIBUTE);
                    assertThat(r.getMessage()).contains("1.2.250.1.213.1.4.10");
                });
    }

    // ------------------------------------------------------------------ signature

    @Test
    void anUnsignedVihfIsRefused() {
        refused(with(v -> v.sign = false), DmpFaultCode.VIHF_SIGNATURE, "non signé");
    }

    @Test
    void aTamperedAttributeBreaksTheDigest() throws Exception {
        String xml = vihf().securityXml().replace(TestVihf.STRUCTURE, "10B9999999");
        assertThatThrownBy(() -> verifier.verify(security(xml), tls)).isInstanceOfSatisfying(Rejection.class, r -> {
            assertThat(r.fault()).isEqualTo(DmpFaultCode.VIHF_SIGNATURE);
            assertThat(r.getMessage()).contains("modifiée après signature");
        });
    }

    @Test
    void aTamperedSignatureValueIsRefused() throws Exception {
        String xml = vihf().securityXml();
        int at = xml.indexOf("SignatureValue>") + "SignatureValue>".length();
        char c = xml.charAt(at + 5);
        String tampered = xml.substring(0, at + 5) + (c == 'A' ? 'B' : 'A') + xml.substring(at + 6);
        assertThatThrownBy(() -> verifier.verify(security(tampered), tls)).isInstanceOfSatisfying(Rejection.class,
                r -> assertThat(r.fault()).isEqualTo(DmpFaultCode.VIHF_SIGNATURE));
    }

    @Test
    void sha1AndForeignReferencesAreRefused() {
        refused(with(v -> v.signatureMethod = "http://www.w3.org/2000/09/xmldsig#rsa-sha1"),
                DmpFaultCode.VIHF_SIGNATURE, "rsa-sha256");
        refused(with(v -> v.digestMethod = DigestMethod.SHA1), DmpFaultCode.VIHF_SIGNATURE, "DigestMethod");
        TestVihf v = vihf();
        String other = v.securityXml().replace("URI=\"#" + v.id + "\"", "URI=\"#_other\"");
        assertThatThrownBy(() -> verifier.verify(security(other), tls)).isInstanceOfSatisfying(Rejection.class, r -> {
            assertThat(r.fault()).isEqualTo(DmpFaultCode.VIHF_SIGNATURE);
            assertThat(r.getMessage()).contains("Reference/@URI #_other");
        });
    }

    @Test
    void signatureWrappingIsRefused() throws Exception {
        TestVihf v = vihf();
        String signed = v.signedAssertion();
        // a second element carrying the signed ID, placed in the header beside the assertion
        String wrapped = "<wsse:Security xmlns:wsse=\"" + DmpXml.NS_WSSE + "\">" + signed + "</wsse:Security>";
        String doc = "<soap:Envelope xmlns:soap=\"" + DmpXml.NS_SOAP12 + "\"><soap:Header>" + wrapped
                + "</soap:Header><soap:Body><x:Evil xmlns:x=\"urn:x\" ID=\"" + v.id + "\"/></soap:Body></soap:Envelope>";
        Element env = DmpXml.parse(doc.getBytes(StandardCharsets.UTF_8)).getDocumentElement();
        Element security = DmpXml.child(DmpXml.child(env, DmpXml.NS_SOAP12, "Header"), DmpXml.NS_WSSE, "Security");
        assertThatThrownBy(() -> verifier.verify(security, tls)).isInstanceOfSatisfying(Rejection.class, r -> {
            assertThat(r.fault()).isEqualTo(DmpFaultCode.VIHF_SIGNATURE);
            assertThat(r.getMessage()).contains("2 éléments");
        });
        // two assertions in wsse:Security
        String two = "<wsse:Security xmlns:wsse=\"" + DmpXml.NS_WSSE + "\">" + signed
                + vihf().signedAssertion() + "</wsse:Security>";
        assertThatThrownBy(() -> verifier.verify(security(two), tls)).isInstanceOfSatisfying(Rejection.class,
                r -> assertThat(r.fault()).isEqualTo(DmpFaultCode.VIHF_MISSING));
    }

    // ------------------------------------------------------------------ certificates

    @Test
    void aVihfSignedWithTheTlsCertificateIsRefused() {
        refused(with(v -> v.signWith(pki.orgAuthCli())), DmpFaultCode.VIHF_CERTIFICATE, "ORG AUTH_CLI");
    }

    @Test
    void aVihfSignedWithAnotherAuthenticationCertificateIsRefused() {
        TestIdentity otherAuth = pki.newIdentity(TestPki.ORGANIZATION).alias("other-auth-cli").issue();
        refused(with(v -> v.signWith(otherAuth)), DmpFaultCode.VIHF_CERTIFICATE, "nonRepudiation");
    }

    @Test
    void untrustedExpiredOrForeignSigningCertificatesAreRefused() {
        TestIdentity rogue = pki.newIdentity(TestPki.ORGANIZATION).organizationalUnit("ORG SIGN")
                .profile(CertificateProfile.ORG_SIGN).alias("rogue-sign").issuedByRogueCa().issue();
        refused(with(v -> v.signWith(rogue)), DmpFaultCode.VIHF_CERTIFICATE, "refusé");
        TestIdentity expired = pki.newIdentity(TestPki.ORGANIZATION).organizationalUnit("ORG SIGN")
                .profile(CertificateProfile.ORG_SIGN).alias("expired-sign")
                .validity(Instant.now().minus(Duration.ofDays(400)), Instant.now().minus(Duration.ofDays(1))).issue();
        refused(with(v -> v.signWith(expired)), DmpFaultCode.VIHF_CERTIFICATE, "refusé");
        TestIdentity otherLab = pki.newIdentity("LABO AUTRE").organization("LABO AUTRE")
                .organizationalUnit("ORG SIGN").profile(CertificateProfile.ORG_SIGN).alias("other-lab-sign").issue();
        refused(with(v -> v.signWith(otherLab)), DmpFaultCode.VIHF_CERTIFICATE, "O=LABO AUTRE");
    }

    @Test
    void theIssuerMustBeTheSigningCertificatesSubject() {
        refused(with(v -> v.issuer = "CN=SOMEONE ELSE,O=LABO BIO TEST,C=FR"), DmpFaultCode.VIHF_ATTRIBUTE, "Issuer");
    }

    // ------------------------------------------------------------------ validity

    @Test
    void validityIsChecked() {
        refused(with(v -> v.issueInstant = Instant.now().minus(Duration.ofHours(3))), DmpFaultCode.VIHF_EXPIRED,
                "minutes");
        refused(with(v -> v.issueInstant = Instant.now().plus(Duration.ofHours(1))), DmpFaultCode.VIHF_EXPIRED,
                "futur");
        refused(with(v -> v.notOnOrAfter = Instant.now().minusSeconds(600).toString()), DmpFaultCode.VIHF_EXPIRED,
                "NotOnOrAfter");
        refused(with(v -> v.notBefore = Instant.now().plusSeconds(3600).toString()), DmpFaultCode.VIHF_EXPIRED,
                "NotBefore");
    }

    @Test
    void theSimulatorsClockDecides() throws Exception {
        VihfVerifier later = verifier(Clock.offset(Clock.systemUTC(), Duration.ofHours(5)),
                DmpSimulator.TEST_INS_OIDS, Set.of());
        assertThatThrownBy(() -> later.verify(security(vihf().securityXml()), tls))
                .isInstanceOfSatisfying(Rejection.class, r -> assertThat(r.fault()).isEqualTo(DmpFaultCode.VIHF_EXPIRED));
    }

    // ------------------------------------------------------------------ schema

    @Test
    void theVihfSchemaRefusesAStructureError() {
        TestVihf v = new TestVihf(pki.orgSign()) {
            @Override
            String assertionXml() {
                return super.assertionXml().replace("<Subject>", "<Subject><SubjectConfirmation/>");
            }
        };
        refused(v, DmpFaultCode.VIHF_MISSING, "schéma VIHF");
    }

    @Test
    void samlAttributeNameFormatIsAllowed() throws Exception {
        TestVihf v = new TestVihf(pki.orgSign()) {
            @Override
            String assertionXml() {
                return super.assertionXml().replace("<Attribute Name=\"Ressource_URN\">",
                        "<Attribute Name=\"Ressource_URN\" NameFormat=\"urn:oasis:names:tc:SAML:2.0:attrname-format:basic\">");
            }
        };
        assertThat(verify(v).mode()).isEqualTo("INDIRECTE");
    }

    @Test
    void theUnrelaxedSchemaRefusesAnyOtherVihf() throws Exception {
        Path xsd = ConformanceMaterial.find("conformance/vihf/xsd/vihf.xsd").orElseThrow();
        javax.xml.validation.SchemaFactory f = javax.xml.validation.SchemaFactory.newInstance(
                javax.xml.XMLConstants.W3C_XML_SCHEMA_NS_URI);
        var schema = f.newSchema(xsd.toFile());
        Element security = security(vihf().securityXml());
        assertThatThrownBy(() -> schema.newValidator().validate(new javax.xml.transform.dom.DOMSource(security)))
                .hasMessageContaining("enumeration");
        // the relaxed one accepts it (and verify() above passes)
        schemas.vihf().newValidator().validate(new javax.xml.transform.dom.DOMSource(security));
    }
}
