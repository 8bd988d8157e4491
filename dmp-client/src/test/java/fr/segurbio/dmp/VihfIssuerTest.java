package fr.segurbio.dmp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import fr.segurbio.core.auth.AuthenticatedPractitioner;
import fr.segurbio.dmp.vihf.DmpActor;
import fr.segurbio.dmp.vihf.VihfIssuer;
import fr.segurbio.dmp.vihf.VihfSettings;
import fr.segurbio.ins.Ins;
import fr.segurbio.testkit.TestIdentity;
import fr.segurbio.testkit.TestPki;
import fr.segurbio.transport.SecureXml;
import fr.segurbio.transport.SoftwareCertificate;
import fr.segurbio.transport.XmlSignatureVerifier;

class VihfIssuerTest {

    @TempDir
    static Path dir;
    static TestPki pki;
    static VihfSettings settings;
    static final Ins INS = Ins.of("279035121518989", "1.2.250.1.213.1.4.10");

    @BeforeAll
    static void pki() {
        pki = TestPki.create(dir);
        settings = VihfSettings.builder().software("SGL-LABO", "4.2.0").homologation("LAB-20240001-tmp1")
                .structureId("1750000000").sector("SA25").softwareInstanceId("1.2.250.1.259.1.1.42").build();
    }

    static SoftwareCertificate load(TestIdentity id) {
        return SoftwareCertificate.pkcs12(id.pkcs12(), id.password()).load();
    }

    static Map<String, List<Element>> attributes(Element security) {
        Map<String, List<Element>> m = new LinkedHashMap<>();
        NodeList list = security.getElementsByTagNameNS(VihfIssuer.SAML_NS, "Attribute");
        for (int i = 0; i < list.getLength(); i++) {
            Element a = (Element) list.item(i);
            List<Element> values = new ArrayList<>();
            NodeList vs = a.getElementsByTagNameNS(VihfIssuer.SAML_NS, "AttributeValue");
            for (int j = 0; j < vs.getLength(); j++) {
                values.add((Element) vs.item(j));
            }
            m.put(a.getAttribute("Name"), values);
        }
        return m;
    }

    @Test
    void automateVihfHasEveryAttributeIsSignedWithOrgSignAndValidatesAgainstTheRelaxedXsd() throws Exception {
        VihfIssuer issuer = VihfIssuer.of(settings, load(pki.orgSign()));
        Element security = issuer.issue(INS, DmpActor.automate("1750000000/SGL", "SGL-LABO, automate, laboratoire"));
        // reparse from text, as the DMP would
        Element parsed = SecureXml.parse(SecureXml.toString(security)).getDocumentElement();
        assertThat(Schemas.errors(Schemas.vihf(), parsed)).isEmpty();
        Element assertion = (Element) parsed.getElementsByTagNameNS(VihfIssuer.SAML_NS, "Assertion").item(0);
        assertThat(XmlSignatureVerifier.expecting(pki.orgSign().certificate()).verify(assertion))
                .isEqualTo(pki.orgSign().certificate());
        Map<String, List<Element>> attrs = attributes(parsed);
        assertThat(attrs.keySet()).containsExactly("VIHF_Version", "Authentification_Mode", "Secteur_Activite",
                VihfIssuer.RESOURCE_ID, "Ressource_URN", VihfIssuer.SUBJECT_ID, "Identifiant_Structure",
                "LPS_Version", "LPS_ID", "LPS_Nom", "LPS_ID_HOMOLOGATION_DMP", VihfIssuer.PURPOSE_OF_USE,
                VihfIssuer.ROLE);
        assertThat(attrs.get("VIHF_Version").get(0).getTextContent()).isEqualTo("3.0");
        assertThat(attrs.get("Authentification_Mode").get(0).getTextContent()).isEqualTo("INDIRECTE");
        assertThat(attrs.get("Secteur_Activite").get(0).getTextContent()).isEqualTo("SA25^1.2.250.1.71.4.2.4");
        assertThat(attrs.get(VihfIssuer.RESOURCE_ID).get(0).getTextContent())
                .isEqualTo("279035121518989^^^&1.2.250.1.213.1.4.10&ISO^NH");
        assertThat(attrs.get("Ressource_URN").get(0).getTextContent()).isEqualTo("urn:dmp");
        Element role = (Element) attrs.get(VihfIssuer.ROLE).get(0).getFirstChild();
        assertThat(role.getAttribute("code")).isEqualTo("AUTOMATE");
        assertThat(role.getAttribute("codeSystem")).isEqualTo("1.2.250.1.213.1.1.4.6");
        Element issuerEl = (Element) parsed.getElementsByTagNameNS(VihfIssuer.SAML_NS, "Issuer").item(0);
        assertThat(issuerEl.getTextContent()).contains("CN=" + TestPki.ORGANIZATION).contains("OU=ORG SIGN");
        assertThat(issuerEl.getNextSibling().getLocalName()).isEqualTo("Signature");
        assertThat(parsed.getElementsByTagNameNS(VihfIssuer.SAML_NS, "NameID").item(0).getTextContent())
                .isEqualTo("1750000000/SGL");
        String xml = SecureXml.toString(parsed);
        assertThat(xml).contains("http://www.w3.org/2001/04/xmldsig-more#rsa-sha256")
                .contains("http://www.w3.org/2001/10/xml-exc-c14n#")
                .contains("urn:oasis:names:tc:SAML:2.0:ac:classes:unspecified");
    }

    @Test
    void aTamperedVihfNoLongerVerifies() {
        VihfIssuer issuer = VihfIssuer.of(settings, load(pki.orgSign()));
        Element security = issuer.issue(INS, DmpActor.automate("1750000000/SGL", "SGL"));
        Element parsed = SecureXml.parse(SecureXml.toString(security)).getDocumentElement();
        Element nameId = (Element) parsed.getElementsByTagNameNS(VihfIssuer.SAML_NS, "NameID").item(0);
        nameId.setTextContent("899900063480");
        Element assertion = (Element) parsed.getElementsByTagNameNS(VihfIssuer.SAML_NS, "Assertion").item(0);
        assertThatThrownBy(() -> XmlSignatureVerifier.expecting(pki.orgSign().certificate()).verify(assertion))
                .isInstanceOf(RuntimeException.class);
    }

    @Test
    void declaredBiologistHasProfessionAndSavoirFaireRoles() throws Exception {
        VihfIssuer issuer = VihfIssuer.of(settings, load(pki.orgSign()));
        Element security = issuer.issue(INS, DmpActor.professional("810002909371", "BIOLOGISTE", "Anne", "21", "SM03"));
        assertThat(Schemas.errors(Schemas.vihf(), security)).isEmpty();
        Map<String, List<Element>> attrs = attributes(security);
        List<Element> roles = attrs.get(VihfIssuer.ROLE);
        assertThat(roles).hasSize(2);
        assertThat(((Element) roles.get(0).getFirstChild()).getAttribute("code")).isEqualTo("21");
        assertThat(((Element) roles.get(1).getFirstChild()).getAttribute("displayName"))
                .isEqualTo("Biologie médicale (SM)");
        assertThat(attrs.get(VihfIssuer.SUBJECT_ID).get(0).getTextContent()).isEqualTo("Anne BIOLOGISTE");
        assertThat(security.getElementsByTagNameNS(VihfIssuer.SAML_NS, "NameID").item(0).getTextContent())
                .isEqualTo("810002909371");
    }

    @Test
    void reinforcedIndirectModeFromAProSanteConnectPractitioner() throws Exception {
        AuthenticatedPractitioner p = AuthenticatedPractitioner.builder().nationalId("810002909371")
                .familyName("BIOLOGISTE").givenName("Anne").professionCode("10").specialtyCode("SM03")
                .sectorCode("SA29").structureId("3750000000/LAB1").authenticatedAt(Instant.parse("2026-01-02T10:00:00Z"))
                .build();
        VihfIssuer issuer = VihfIssuer.of(settings, load(pki.orgSign()));
        Element security = issuer.issue(INS, DmpActor.authenticated(p));
        assertThat(Schemas.errors(Schemas.vihf(), security)).isEmpty();
        Map<String, List<Element>> attrs = attributes(security);
        assertThat(attrs.get("Authentification_Mode").get(0).getTextContent()).isEqualTo("INDIRECTE_RENFORCEE");
        assertThat(attrs.get("Secteur_Activite").get(0).getTextContent()).startsWith("SA29^");
        assertThat(attrs.get("Identifiant_Structure").get(0).getTextContent()).isEqualTo("3750000000/LAB1");
        assertThat(SecureXml.toString(security)).contains("APP_BROWSER_AUTH").contains("MobileTwoFactorUnregistered")
                .contains("AuthnInstant=\"2026-01-02T10:00:00Z\"");
    }

    @Test
    void openValuesAreConfiguration() throws Exception {
        VihfSettings s = VihfSettings.builder().software("SGL", "1").homologation("H").structureId("1750000000")
                .sector("SA25").vihfVersion("4.0").modeAttribute("Authentification_mode")
                .inclusivePrefixes("ds", "saml2", "#default", "xsi").build();
        Element security = VihfIssuer.of(s, load(pki.orgSign())).issue(INS, DmpActor.automate("A/B", "SGL"));
        Map<String, List<Element>> attrs = attributes(security);
        assertThat(attrs.get("VIHF_Version").get(0).getTextContent()).isEqualTo("4.0");
        assertThat(attrs).containsKey("Authentification_mode");
        assertThat(SecureXml.toString(security)).contains("PrefixList=\"ds saml2 #default xsi\"");
        Element parsed = SecureXml.parse(SecureXml.toString(security)).getDocumentElement();
        Element assertion = (Element) parsed.getElementsByTagNameNS(VihfIssuer.SAML_NS, "Assertion").item(0);
        assertThat(XmlSignatureVerifier.expecting(pki.orgSign().certificate()).verify(assertion)).isNotNull();
    }

    @Test
    void theAuthCliCertificateCannotSignTheVihf() {
        assertThatThrownBy(() -> VihfIssuer.of(settings, load(pki.orgAuthCli())))
                .isInstanceOfSatisfying(DmpException.class,
                        e -> assertThat(e.code()).isEqualTo(DmpError.SIGN_CERTIFICATE_IS_TLS));
    }

    @Test
    void expiredAndNotYetValidSigningCertificatesAreRefused() {
        TestIdentity expired = pki.newIdentity(TestPki.ORGANIZATION).organizationalUnit("ORG SIGN").alias("sign-old")
                .profile(fr.segurbio.testkit.CertificateProfile.ORG_SIGN)
                .validity(Instant.now().minusSeconds(86_400 * 400), Instant.now().minusSeconds(86_400)).issue();
        TestIdentity future = pki.newIdentity(TestPki.ORGANIZATION).organizationalUnit("ORG SIGN").alias("sign-new")
                .profile(fr.segurbio.testkit.CertificateProfile.ORG_SIGN)
                .validity(Instant.now().plusSeconds(86_400), Instant.now().plusSeconds(86_400 * 400)).issue();
        for (TestIdentity id : List.of(expired, future)) {
            SoftwareCertificate c = SoftwareCertificate.of(id.privateKey(), id.chain());
            assertThatThrownBy(() -> VihfIssuer.of(settings, c))
                    .isInstanceOfSatisfying(DmpException.class,
                            e -> assertThat(e.code()).isEqualTo(DmpError.CERTIFICATE_UNUSABLE));
        }
    }

    @Test
    void missingSettingsAreAllNamed() {
        assertThatThrownBy(() -> VihfSettings.builder().build())
                .isInstanceOfSatisfying(DmpException.class, e -> assertThat(e.getMessage())
                        .contains("DMP-040").contains("LPS_Nom").contains("LPS_ID_HOMOLOGATION_DMP")
                        .contains("Identifiant_Structure").contains("Secteur_Activite"));
        assertThatThrownBy(() -> VihfSettings.builder().sector("41"))
                .isInstanceOfSatisfying(DmpException.class,
                        e -> assertThat(e.code()).isEqualTo(DmpError.NOT_IN_VALUE_SET));
    }

    @Test
    void aRoleWithoutDisplayNameIsRefusedUnlessDeclared() {
        VihfIssuer issuer = VihfIssuer.of(settings, load(pki.orgSign()));
        assertThatThrownBy(() -> issuer.issue(INS, DmpActor.professional("810000000001", "X", "Y", "60", null)))
                .isInstanceOfSatisfying(DmpException.class,
                        e -> assertThat(e.code()).isEqualTo(DmpError.VIHF_ROLE_UNKNOWN));
        VihfSettings s = VihfSettings.builder().software("SGL", "1").homologation("H").structureId("1750000000")
                .sector("SA25").roleLabel("1.2.250.1.71.1.2.7", "60", "Infirmier").build();
        Element ok = VihfIssuer.of(s, load(pki.orgSign()))
                .issue(INS, DmpActor.professional("810000000001", "X", "Y", "60", null));
        assertThat(SecureXml.toString(ok)).contains("displayName=\"Infirmier\"");
    }
}
