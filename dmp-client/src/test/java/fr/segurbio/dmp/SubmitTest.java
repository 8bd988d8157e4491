package fr.segurbio.dmp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.security.Key;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import javax.xml.crypto.AlgorithmMethod;
import javax.xml.crypto.KeySelector;
import javax.xml.crypto.KeySelectorResult;
import javax.xml.crypto.XMLCryptoContext;
import javax.xml.crypto.dsig.XMLSignature;
import javax.xml.crypto.dsig.XMLSignatureFactory;
import javax.xml.crypto.dsig.dom.DOMValidateContext;
import javax.xml.crypto.dsig.keyinfo.KeyInfo;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

import fr.segurbio.cda.Code;
import fr.segurbio.cda.CrBioReport;
import fr.segurbio.cda.CrBioWriter;
import fr.segurbio.cda.WrittenDocument;
import fr.segurbio.cda.xds.XdsMetadata;
import fr.segurbio.dmp.internal.Dom;
import fr.segurbio.dmp.internal.Xds;
import fr.segurbio.dmp.vihf.DmpActor;
import fr.segurbio.dmp.vihf.VihfIssuer;
import fr.segurbio.testkit.TestPki;
import fr.segurbio.transport.SecureXml;
import fr.segurbio.transport.ServiceConnection;

class SubmitTest {

    @TempDir
    static Path dir;
    static TestPki pki;
    Fixtures.Recorder dmp;
    DmpClient client;

    @BeforeAll
    static void pki() {
        pki = TestPki.create(dir);
    }

    @BeforeEach
    void client() {
        dmp = new Fixtures.Recorder();
        dmp.answers.put(Xds.ACTION_TD02, c -> Fixtures.td02("ACTIF", "VALIDE"));
        dmp.answers.put(Xds.ACTION_ITI41, c -> Fixtures.success());
        ServiceConnection connection = ServiceConnection.builder().certificate(Fixtures.load(pki.orgAuthCli()))
                .standIn(dmp).build();
        client = Fixtures.client(pki, connection).build();
    }

    @Test
    void n1AndN3GoTogetherWithXfrmAndTheSignatureDocumentAndTheRequestValidatesAgainstTheXdsSchemas()
            throws Exception {
        SubmissionResult r = client.submit(Fixtures.submission(Fixtures.report("CR-0001"), Fixtures.PDF, true));
        assertThat(dmp.actions()).containsExactly(Xds.ACTION_TD02, Xds.ACTION_ITI41);
        assertThat(r.pair().n3()).isEqualTo(Fixtures.ROOT + "^CR-0001");
        assertThat(r.pair().n1()).isEqualTo(Fixtures.ROOT + "^CR-0001-N1");
        assertThat(r.recovered()).isFalse();
        assertThat(dmp.calls.get(1).contentType()).startsWith("multipart/related").contains("application/xop+xml");
        Document env = SecureXml.parse(Fixtures.envelope(dmp.calls.get(1)));
        Element security = Dom.descendants(env.getDocumentElement(), VihfIssuer.WSSE_NS, "Security").get(0);
        assertThat(Schemas.errors(Schemas.vihf(), security)).isEmpty();
        Element pnr = Dom.descendants(env.getDocumentElement(), Xds.XDSB, "ProvideAndRegisterDocumentSetRequest")
                .get(0);
        List<Element> docs = Dom.children(pnr, Xds.XDSB, "Document");
        assertThat(docs).hasSize(3);
        for (Element d : docs) {          // the XSD types Document as base64Binary: the xop:Include stands for it
            while (d.getFirstChild() != null) {
                d.removeChild(d.getFirstChild());
            }
            d.setTextContent(Base64.getEncoder().encodeToString(new byte[] {1, 2, 3}));
        }
        assertThat(Schemas.errors(Schemas.xds(), pnr)).isEmpty();
        List<Element> entries = Dom.descendants(pnr, Xds.RIM, "ExtrinsicObject");
        assertThat(entries).hasSize(3);
        List<Element> assocs = Dom.descendants(pnr, Xds.RIM, "Association");
        assertThat(assocs.stream().map(a -> a.getAttribute("associationType")).toList())
                .containsExactlyInAnyOrder(Xds.HAS_MEMBER, Xds.HAS_MEMBER, Xds.HAS_MEMBER, Xds.XFRM, Xds.SIGNS);
        Element n3 = entries.get(0);
        Element n1 = entries.get(1);
        Element xfrm = assocs.stream().filter(a -> Xds.XFRM.equals(a.getAttribute("associationType"))).findFirst()
                .orElseThrow();
        assertThat(xfrm.getAttribute("sourceObject")).isEqualTo(n3.getAttribute("id"));
        assertThat(xfrm.getAttribute("targetObject")).isEqualTo(n1.getAttribute("id"));
        assertThat(codes(n3, Xds.DE_FORMAT)).containsExactly("urn:ihe:lab:xd-lab:2008");
        assertThat(codes(n1, Xds.DE_FORMAT)).containsExactly("urn:ihe:iti:xds-sd:pdf:2008");
        assertThat(codes(entries.get(2), Xds.DE_FORMAT)).containsExactly("http://www.w3.org/2000/09/xmldsig#");
        assertThat(codes(n3, Xds.DE_TYPE)).containsExactly("11502-2");
        assertThat(codes(n3, Xds.DE_CLASS)).containsExactly("10");
        assertThat(codes(n3, Xds.DE_CONFIDENTIALITY)).containsExactly("N", "INVISIBLE_PATIENT");   // annonce
        assertThat(codes(n1, Xds.DE_CONFIDENTIALITY)).containsExactly("N", "INVISIBLE_PATIENT");
        assertThat(codes(n3, Xds.DE_FACILITY)).containsExactly("SA25");
        assertThat(codes(n3, Xds.DE_PRACTICE)).containsExactly("AMBULATOIRE");
        String xml = SecureXml.toString(n3);
        assertThat(xml).contains("279035121518989^^^&amp;1.2.250.1.213.1.4.10&amp;ISO^NH")
                .contains("PID-5|PAT-TROIS^DOMINIQUE^^^^^L").contains("PID-7|19790328").contains("PID-8|F")
                .contains("authorInstitution").contains("IDNST");
        // the SubmissionSet uniqueId is derived from the N3's: the same on a retry
        assertThat(r.submissionSetUniqueId()).startsWith("2.25.");
        assertThat(client.submit(Fixtures.submission(Fixtures.report("CR-0001"))).submissionSetUniqueId())
                .isEqualTo(r.submissionSetUniqueId());
    }

    @Test
    void theXadesSignatureDocumentIsSignedWithOrgSignAndReferencesEveryDocument() throws Exception {
        DmpSubmission s = Fixtures.submission(Fixtures.report("CR-0002"));
        client.submit(s);
        String body = new String(dmp.calls.get(1).body(), java.nio.charset.StandardCharsets.UTF_8);
        int start = body.indexOf("<ds:Signature", body.indexOf("</soap:Envelope>"));
        int end = body.indexOf("</ds:Signature>", start) + "</ds:Signature>".length();
        Document sig = SecureXml.parse(body.substring(start, end));
        Element root = sig.getDocumentElement();
        assertThat(SecureXml.toString(root)).contains("IHEManifest")
                .contains(fr.segurbio.dmp.internal.XadesWriter.oidUrn(s.n3().metadata().uniqueId()))
                .contains("1.2.840.10065.1.12.1.14").contains("SignaturePolicyImplied")
                .contains("http://www.w3.org/2001/04/xmldsig-more#rsa-sha256");
        Element signedProps = Dom.descendants(root, "http://uri.etsi.org/01903/v1.1.1#", "SignedProperties").get(0);
        DOMValidateContext ctx = new DOMValidateContext(new KeySelector() {
            @Override
            public KeySelectorResult select(KeyInfo keyInfo, Purpose purpose, AlgorithmMethod method,
                    XMLCryptoContext context) {
                X509Certificate c = pki.orgSign().certificate();
                Key k = c.getPublicKey();
                return () -> k;
            }
        }, root);
        ctx.setIdAttributeNS(signedProps, null, "Id");
        XMLSignature signature = XMLSignatureFactory.getInstance("DOM").unmarshalXMLSignature(ctx);
        assertThat(signature.validate(ctx)).isTrue();
    }

    private static List<String> codes(Element entry, String scheme) {
        return Dom.children(entry, Xds.RIM, "Classification").stream()
                .filter(c -> scheme.equals(c.getAttribute("classificationScheme")))
                .map(c -> c.getAttribute("nodeRepresentation")).toList();
    }

    // ------------------------------------------------------------------ bad input: nothing is sent

    @Test
    void aVihfThatCannotBeIssuedStopsTheSubmissionWithItsOwnErrorAndNothingIsSent() {
        // the submission's VIHF is issued on another thread while the XAdES document is signed: its error still
        // reaches the caller as it was thrown, and the ITI-41 is not sent
        ServiceConnection connection = ServiceConnection.builder().certificate(Fixtures.load(pki.orgAuthCli()))
                .standIn(dmp).build();
        DmpClient noLabel = Fixtures.client(pki, connection).checkStatusBeforeSubmit(false)
                .actor(DmpActor.professional("810000000001", "X", "Y", "60", null)).build();
        for (int i = 0; i < 3; i++) {
            assertThatThrownBy(() -> noLabel.submit(Fixtures.submission(Fixtures.report("CR-0001"))))
                    .isInstanceOfSatisfying(DmpException.class,
                            e -> assertThat(e.code()).isEqualTo(DmpError.VIHF_ROLE_UNKNOWN));
        }
        assertThat(dmp.actions()).isEmpty();
    }

    @Test
    void anN3AloneIsRefused() {
        CrBioReport report = Fixtures.report("CR-0003");
        WrittenDocument n3 = CrBioWriter.standard().n3(report, Fixtures.PDF);
        assertThatThrownBy(() -> DmpSubmission.builder().n3(n3)
                .consent(PatientConsent.informedNotOpposed(Instant.now())).build())
                .isInstanceOfSatisfying(DmpException.class,
                        e -> assertThat(e.code()).isEqualTo(DmpError.INCOMPLETE_PAIR));
        assertThat(dmp.calls).isEmpty();
    }

    @Test
    void anN1WhoseN3HasAnotherPatientIsRefused() {
        CrBioReport a = Fixtures.report("CR-0004");
        CrBioReport b = Fixtures.report("CR-0004", 1, null, "182017512345659", "1.2.250.1.213.1.4.10", true);
        assertThatThrownBy(() -> DmpSubmission.builder()
                .n3(CrBioWriter.standard().n3(a, Fixtures.PDF)).n1(CrBioWriter.standard().n1(b, Fixtures.PDF))
                .consent(PatientConsent.informedNotOpposed(Instant.now())).build())
                .isInstanceOfSatisfying(DmpException.class,
                        e -> assertThat(e.code()).isEqualTo(DmpError.PAIR_MISMATCH));
    }

    @Test
    void anInsThatIsNotQualifiedIsRefused() {
        CrBioReport r = Fixtures.report("CR-0005", 1, null, "279035121518989", "1.2.250.1.213.1.4.10", false);
        assertThatThrownBy(() -> Fixtures.submission(r))
                .isInstanceOfSatisfying(DmpException.class,
                        e -> assertThat(e.problems()).extracting(p -> p.code()).contains(DmpError.INS_NOT_QUALIFIED));
    }

    @Test
    void aTestOidIsRefusedInProductionAndAProductionOidInTest() {
        ServiceConnection connection = ServiceConnection.builder().certificate(Fixtures.load(pki.orgAuthCli()))
                .standIn(dmp).build();
        DmpClient prod = Fixtures.client(pki, connection).environment(DmpEnvironment.PRODUCTION).build();
        assertThatThrownBy(() -> prod.submit(Fixtures.submission(Fixtures.report("CR-0006"))))
                .isInstanceOfSatisfying(DmpException.class,
                        e -> assertThat(e.code()).isEqualTo(DmpError.INS_WRONG_ENVIRONMENT));
        CrBioReport production = Fixtures.report("CR-0007", 1, null, "279035121518989", "1.2.250.1.213.1.4.8", true);
        assertThatThrownBy(() -> client.submit(Fixtures.submission(production)))
                .isInstanceOfSatisfying(DmpException.class,
                        e -> assertThat(e.code()).isEqualTo(DmpError.INS_WRONG_ENVIRONMENT));
        assertThat(dmp.calls).isEmpty();
    }

    @Test
    void anOpposedOrUninformedPatientIsRefusedWithEveryReason() {
        CrBioReport r = Fixtures.report("CR-0008");
        DmpSubmission opposed = DmpSubmission.builder().n3(CrBioWriter.standard().n3(r, Fixtures.PDF))
                .n1(CrBioWriter.standard().n1(r, Fixtures.PDF))
                .consent(new PatientConsent(false, true, false, java.util.Optional.empty())).build();
        assertThatThrownBy(() -> client.submit(opposed))
                .isInstanceOfSatisfying(DmpException.class, e -> assertThat(e.problems()).extracting(p -> p.code())
                        .containsExactly(DmpError.PATIENT_NOT_INFORMED, DmpError.PATIENT_OPPOSED));
        assertThat(dmp.calls).isEmpty();
    }

    @Test
    void aClosedOrAbsentDmpStopsTheSubmissionAfterTd02() {
        for (String state : List.of("FERME", "INEXISTANT")) {
            dmp.calls.clear();
            dmp.answers.put(Xds.ACTION_TD02, c -> Fixtures.td02(state, "VALIDE"));
            assertThatThrownBy(() -> client.submit(Fixtures.submission(Fixtures.report("CR-0009"))))
                    .isInstanceOfSatisfying(DmpException.class, e -> assertThat(e.code())
                            .isEqualTo(state.equals("FERME") ? DmpError.DMP_CLOSED : DmpError.DMP_ABSENT));
            assertThat(dmp.actions()).containsExactly(Xds.ACTION_TD02);
        }
    }

    @Test
    void metadataOutsideTheDmpValueSetsIsRefusedWithEveryProblem() {
        CrBioReport r = Fixtures.report("CR-0010");
        WrittenDocument n3 = CrBioWriter.standard().n3(r, Fixtures.PDF);
        XdsMetadata m = n3.metadata();
        XdsMetadata bad = new XdsMetadata(m.kind(), m.uniqueId(), m.setId(), m.version(),
                Code.loinc("11488-4", "Consultation note"), Code.of("99", "1.2.250.1.213.1.1.4.1", "?"),
                Code.of("urn:asip:ci-sis:cr-bio:2024", "1.3.6.1.4.1.19376.1.2.3", "?"), m.mimeType(), m.title(),
                m.creationTime(), m.serviceStartTime(), m.serviceStopTime(), Code.of("X", "2.16.840.1.113883.5.25", "?"),
                m.languageCode(), m.patientId(), m.sourcePatientId(), m.sourcePatientInfo(), m.authors(),
                m.legalAuthenticator(), m.intendedRecipients(), Code.of("HOPITAL", "1.2.250.1.213.1.1.4.9", "?"), Code.of("SA99", "1.2.250.1.71.4.2.4", "?"),
                m.eventCodes(), m.replacedUniqueId(), m.size(), m.hash());
        DmpSubmission s = DmpSubmission.builder().n3(new WrittenDocument(n3.document(), bad))
                .n1(CrBioWriter.standard().n1(r, Fixtures.PDF))
                .consent(PatientConsent.informedNotOpposed(Instant.now())).build();
        ValidationResultAssert.codes(client.check(s)).containsOnly(DmpError.NOT_IN_VALUE_SET, DmpError.BAD_DOCUMENT);
        Set<String> paths = client.check(s).errors().stream().map(p -> p.path()).collect(Collectors.toSet());
        assertThat(paths).contains("n3.typeCode", "n3.classCode", "n3.formatCode", "n3.confidentialityCode",
                "n3.practiceSettingCode", "n3.healthcareFacilityTypeCode");
        assertThatThrownBy(() -> client.submit(s)).isInstanceOf(DmpException.class);
        assertThat(dmp.calls).isEmpty();
    }

    @Test
    void webPsUrlGivesTheEntryPagesInProductionOnly() {
        ServiceConnection connection = ServiceConnection.builder().certificate(Fixtures.load(pki.orgAuthCli()))
                .standIn(dmp).build();
        DmpClient prod = Fixtures.client(pki, connection).environment(DmpEnvironment.PRODUCTION).build();
        fr.segurbio.ins.Ins ins = fr.segurbio.ins.Ins.of("279035121518989", "1.2.250.1.213.1.4.8");
        WebPsUrl u = prod.webPsUrl(ins);
        assertThat(u.proSanteConnect().getHost()).isEqualTo("wps-psc.dmp.monespacesante.fr");
        assertThat(u.patient()).isEqualTo(ins);
        assertThatThrownBy(() -> client.webPsUrl(fr.segurbio.ins.Ins.of("279035121518989", "1.2.250.1.213.1.4.10")))
                .isInstanceOfSatisfying(DmpException.class,
                        e -> assertThat(e.code()).isEqualTo(DmpError.WEBPS_UNAVAILABLE));
        assertThat(dmp.calls).isEmpty();
    }

    @Test
    void aReplaceOfAReportThatReplacesNothingIsRefused() {
        assertThatThrownBy(() -> client.replace(Fixtures.submission(Fixtures.report("CR-0011"))))
                .isInstanceOfSatisfying(DmpException.class,
                        e -> assertThat(e.code()).isEqualTo(DmpError.BAD_REPLACEMENT));
        assertThat(dmp.calls).isEmpty();
    }

    // ------------------------------------------------------------------ certificates

    @Test
    void theSigningCertificateCannotBeTheTlsOneAndTheTlsCertificateCannotBeASignOne() {
        ServiceConnection signForTls = ServiceConnection.builder().certificate(Fixtures.load(pki.orgSign()))
                .standIn(dmp).build();
        assertThatThrownBy(() -> Fixtures.client(pki, signForTls).build())
                .isInstanceOfSatisfying(DmpException.class, e -> assertThat(e.code()).isIn(
                        DmpError.TLS_CERTIFICATE_IS_SIGN, DmpError.SAME_CERTIFICATE));
        ServiceConnection ok = ServiceConnection.builder().certificate(Fixtures.load(pki.orgAuthCli()))
                .standIn(dmp).build();
        assertThatThrownBy(() -> Fixtures.client(pki, ok).signingCertificate(Fixtures.load(pki.orgAuthCli())).build())
                .isInstanceOfSatisfying(DmpException.class,
                        e -> assertThat(e.code()).isEqualTo(DmpError.SAME_CERTIFICATE));
        fr.segurbio.testkit.TestIdentity otherAuth = pki.newIdentity("LABO BIO TEST 2").alias("auth2").issue();
        assertThatThrownBy(() -> Fixtures.client(pki, ok).signingCertificate(Fixtures.load(otherAuth)).build())
                .isInstanceOfSatisfying(DmpException.class,
                        e -> assertThat(e.code()).isEqualTo(DmpError.SIGN_CERTIFICATE_IS_TLS));
        fr.segurbio.testkit.TestIdentity sign2 = pki.newIdentity("LABO BIO TEST 3").alias("sign2")
                .organizationalUnit("ORG SIGN").profile(fr.segurbio.testkit.CertificateProfile.ORG_SIGN).issue();
        ServiceConnection sign2Tls = ServiceConnection.builder().certificate(Fixtures.load(sign2)).standIn(dmp).build();
        assertThatThrownBy(() -> Fixtures.client(pki, sign2Tls).build())
                .isInstanceOfSatisfying(DmpException.class,
                        e -> assertThat(e.code()).isEqualTo(DmpError.TLS_CERTIFICATE_IS_SIGN));
    }

    @Test
    void expiredAndNotYetValidTlsCertificatesAreRefused() {
        for (fr.segurbio.testkit.TestIdentity id : List.of(pki.expired(), pki.notYetValid())) {
            ServiceConnection c = ServiceConnection.builder()
                    .certificate(fr.segurbio.transport.SoftwareCertificate.of(id.privateKey(), id.chain()))
                    .standIn(dmp).build();
            assertThatThrownBy(() -> Fixtures.client(pki, c).build())
                    .isInstanceOfSatisfying(DmpException.class,
                            e -> assertThat(e.code()).isEqualTo(DmpError.CERTIFICATE_UNUSABLE));
        }
    }
}
