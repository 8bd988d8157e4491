package fr.segurbio.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.security.cert.X509Certificate;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

import fr.segurbio.testkit.TestIdentity;
import fr.segurbio.testkit.TestPki;

class XmlSignatureTest {

    static final String SAML = "urn:oasis:names:tc:SAML:2.0:assertion";

    private final TestPki pki = Pki.get();

    static String assertion(String id) {
        return "<saml:Assertion xmlns:saml=\"" + SAML + "\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\""
                + " ID=\"" + id + "\" IssueInstant=\"2026-11-22T03:00:00Z\" Version=\"2.0\">"
                + "<saml:Issuer Format=\"urn:oasis:names:tc:SAML:1.1:nameid-format:X509SubjectName\">"
                + "CN=LABO BIO TEST,OU=ORG SIGN</saml:Issuer>"
                + "<saml:Subject><saml:NameID>3/123456789/LAB</saml:NameID></saml:Subject>"
                + "<saml:AttributeStatement><saml:Attribute Name=\"urn:oasis:names:tc:xspa:1.0:subject:role\">"
                + "<saml:AttributeValue xsi:type=\"xs:string\" xmlns:xs=\"http://www.w3.org/2001/XMLSchema\">"
                + "10</saml:AttributeValue></saml:Attribute></saml:AttributeStatement></saml:Assertion>";
    }

    private SoftwareCertificate signCert() {
        TestIdentity sign = pki.orgSign();
        return SoftwareCertificate.pkcs12(sign.pkcs12(), sign.password()).requireUsage(CertificateUsage.SIGNATURE)
                .load();
    }

    private Element signedAssertion() {
        Document d = SecureXml.parse(assertion("_a1b2c3"));
        Element a = d.getDocumentElement();
        Element issuer = (Element) a.getElementsByTagNameNS(SAML, "Issuer").item(0);
        XmlSigner.builder(signCert()).inclusivePrefixes("ds", "saml", "#default", "xsi").build()
                .sign(a, issuer.getNextSibling());
        return a;
    }

    @Test
    void signsAsTheVihfWantsAndVerifiesAfterARoundTrip() {
        Element a = signedAssertion();
        Element sig = (Element) a.getChildNodes().item(1);
        assertThat(sig.getLocalName()).isEqualTo("Signature");
        assertThat(sig.getPrefix()).isEqualTo("ds");
        String xml = SecureXml.toString(a);
        assertThat(xml).contains("Algorithm=\"http://www.w3.org/2001/04/xmldsig-more#rsa-sha256\"")
                .contains("URI=\"#_a1b2c3\"")
                .contains("http://www.w3.org/2000/09/xmldsig#enveloped-signature")
                .contains("http://www.w3.org/2001/10/xml-exc-c14n#")
                .contains("PrefixList=\"ds saml #default xsi\"")
                .contains("<ds:X509Certificate>");

        Element reparsed = SecureXml.parse(xml).getDocumentElement();
        X509Certificate signer = XmlSignatureVerifier.trusting(Pki.trust()).verify(reparsed);
        assertThat(signer).isEqualTo(pki.orgSign().certificate());
        assertThat(XmlSignatureVerifier.expecting(pki.orgSign().certificate()).verify(reparsed)).isEqualTo(signer);
    }

    @Test
    void aSignedAssertionStillVerifiesInsideASoapHeader() {
        Element a = signedAssertion();
        Document d = SecureXml.newDocument();
        Element security = d.createElementNS(
                "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-secext-1.0.xsd", "wsse:Security");
        security.appendChild(d.importNode(a, true));
        d.appendChild(security);
        Document env;
        try (HttpTransport http = HttpTransport.builder().trustStore(Pki.trust()).build()) {
            SoapClient client = SoapClient.builder().transport(http).endpoint(URI.create("https://127.0.0.1/dmp"))
                    .build();
            env = client.envelope(SoapRequest.builder().action("urn:ihe:iti:2007:RegistryStoredQuery")
                    .header(security).body("<q:Query xmlns:q=\"urn:q\"/>").build());
        }
        Document received = SecureXml.parse(SecureXml.toBytes(env));
        Element assertion = (Element) received.getElementsByTagNameNS(SAML, "Assertion").item(0);
        assertThat(XmlSignatureVerifier.trusting(Pki.trust()).verify(assertion))
                .isEqualTo(pki.orgSign().certificate());
    }

    @Test
    void aTamperedDocumentFailsVerification() {
        String xml = SecureXml.toString(signedAssertion());
        Element tampered = SecureXml.parse(xml.replace("3/123456789/LAB", "3/987654321/LAB")).getDocumentElement();
        assertThatThrownBy(() -> XmlSignatureVerifier.trusting(Pki.trust()).verify(tampered))
                .isInstanceOfSatisfying(TransportException.class,
                        e -> assertThat(e.code()).isEqualTo(TransportError.SIGNATURE_INVALID))
                .hasMessageContaining("modified");
        Element attr = SecureXml.parse(xml.replace("IssueInstant=\"2026-11-22T03:00:00Z\"",
                "IssueInstant=\"2026-11-22T04:00:00Z\"")).getDocumentElement();
        assertThatThrownBy(() -> XmlSignatureVerifier.trusting(Pki.trust()).verify(attr))
                .isInstanceOf(TransportException.class);
    }

    @Test
    void anAlteredSignatureValueFails() {
        String xml = SecureXml.toString(signedAssertion());
        int i = xml.indexOf("<ds:SignatureValue>") + "<ds:SignatureValue>".length();
        char c = xml.charAt(i);
        String altered = xml.substring(0, i) + (c == 'A' ? 'B' : 'A') + xml.substring(i + 1);
        assertThatThrownBy(() -> XmlSignatureVerifier.trusting(Pki.trust())
                .verify(SecureXml.parse(altered).getDocumentElement()))
                .isInstanceOfSatisfying(TransportException.class,
                        e -> assertThat(e.code()).isEqualTo(TransportError.SIGNATURE_INVALID));
    }

    @Test
    void aDuplicateIdIsRefused() {
        String signed = SecureXml.toString(signedAssertion());
        String wrapped = "<w:Wrapper xmlns:w=\"urn:w\">" + signed + assertion("_a1b2c3") + "</w:Wrapper>";
        Element first = (Element) SecureXml.parse(wrapped).getDocumentElement().getFirstChild();
        assertThatThrownBy(() -> XmlSignatureVerifier.trusting(Pki.trust()).verify(first))
                .isInstanceOfSatisfying(TransportException.class,
                        e -> assertThat(e.code()).isEqualTo(TransportError.SIGNATURE_INVALID))
                .hasMessageContaining("more than once");
    }

    @Test
    void aSignerOutsideTheTrustStoreIsRefused() {
        SoftwareCertificate rogue = Pki.load(pki.wronglyIssued());
        Element a = SecureXml.parse(assertion("_r1")).getDocumentElement();
        XmlSigner.of(rogue).sign(a);
        Element reparsed = SecureXml.parse(SecureXml.toString(a)).getDocumentElement();
        assertThatThrownBy(() -> XmlSignatureVerifier.trusting(Pki.trust()).verify(reparsed))
                .isInstanceOfSatisfying(TransportException.class,
                        e -> assertThat(e.code()).isEqualTo(TransportError.SIGNATURE_INVALID))
                .hasMessageContaining("not trusted");
        assertThatThrownBy(() -> XmlSignatureVerifier.expecting(pki.orgSign().certificate()).verify(reparsed))
                .isInstanceOf(TransportException.class);
    }

    @Test
    void oneSignerAndOneVerifierServeManyThreads() throws Exception {
        XmlSigner signer = XmlSigner.of(signCert());
        XmlSignatureVerifier verifier = XmlSignatureVerifier.trusting(Pki.trust());
        var pool = java.util.concurrent.Executors.newFixedThreadPool(6);
        try {
            List<java.util.concurrent.Future<X509Certificate>> results = new java.util.ArrayList<>();
            for (int i = 0; i < 36; i++) {
                String id = "_t" + i;
                results.add(pool.submit(() -> {
                    Element a = SecureXml.parse(assertion(id)).getDocumentElement();
                    signer.sign(a);
                    return verifier.verify(SecureXml.parse(SecureXml.toBytes(a)).getDocumentElement());
                }));
            }
            for (var r : results) {
                assertThat(r.get()).isEqualTo(pki.orgSign().certificate());
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void unsignedOrIdLessElements() {
        Element unsigned = SecureXml.parse(assertion("_u")).getDocumentElement();
        assertThatThrownBy(() -> XmlSignatureVerifier.trusting(Pki.trust()).verify(unsigned))
                .isInstanceOfSatisfying(TransportException.class,
                        e -> assertThat(e.code()).isEqualTo(TransportError.SIGNATURE_INVALID));
        Element noId = SecureXml.parse("<r xmlns=\"urn:r\"/>").getDocumentElement();
        assertThatThrownBy(() -> XmlSigner.of(signCert()).sign(noId))
                .isInstanceOfSatisfying(TransportException.class,
                        e -> assertThat(e.code()).isEqualTo(TransportError.SIGNATURE_FAILED));
    }
}
