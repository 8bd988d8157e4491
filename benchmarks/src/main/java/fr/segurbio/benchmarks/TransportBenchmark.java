package fr.segurbio.benchmarks;

import java.net.URI;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

import fr.segurbio.testkit.TestIdentity;
import fr.segurbio.testkit.TestPki;
import fr.segurbio.transport.CertificateUsage;
import fr.segurbio.transport.HttpResult;
import fr.segurbio.transport.SecureXml;
import fr.segurbio.transport.ServiceConnection;
import fr.segurbio.transport.SoapClient;
import fr.segurbio.transport.SoapRequest;
import fr.segurbio.transport.SoapResponse;
import fr.segurbio.transport.SoftwareCertificate;
import fr.segurbio.transport.TrustStore;
import fr.segurbio.transport.XmlSignatureVerifier;
import fr.segurbio.transport.XmlSigner;

/**
 * The transport's share of a DMP call (budget: signing and serialising under 5 ms): sign a VIHF-sized SAML
 * assertion (about 3 KB, RSA-2048 SHA-256, exclusive c14n) and serialise it; the same placed in a SOAP 1.2
 * envelope with WS-Addressing and serialised; verifying it; parsing a 3 KB SOAP answer with the hardened
 * parser; and, as the floor, one raw RSA-2048 signature (most of the signing cost).
 *
 * <pre>{@code
 * java -jar benchmarks/target/benchmarks.jar TransportBenchmark -f 1 -wi 3 -w 1 -i 5 -r 1
 * }</pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class TransportBenchmark {

    private static final String SAML = "urn:oasis:names:tc:SAML:2.0:assertion";
    private static final String WSSE =
            "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-secext-1.0.xsd";

    private TestPki pki;
    private XmlSigner signer;
    private XmlSignatureVerifier verifier;
    private ServiceConnection connection;
    private SoapClient client;
    private SoapRequest query;
    private byte[] assertionTemplate;
    private byte[] signedAssertion;
    private byte[] response;
    private java.security.PrivateKey signingKey;

    /** Creates the PKI, the signer and the documents once. */
    @Setup
    public void setUp() {
        pki = TestPki.create();
        TestIdentity sign = pki.orgSign();
        SoftwareCertificate cert = SoftwareCertificate.pkcs12(sign.pkcs12(), sign.password())
                .requireUsage(CertificateUsage.SIGNATURE).load();
        signingKey = cert.privateKey();
        signer = XmlSigner.builder(cert).inclusivePrefixes("ds", "saml", "#default", "xsi").build();
        TrustStore trust = TrustStore.of(pki.trustAnchors());
        verifier = XmlSignatureVerifier.trusting(trust);
        // a stand-in exchange answers with the canned response: the SOAP call below runs every layer but the network
        connection = ServiceConnection.builder().trustStore(trust)
                .standIn(call -> new HttpResult(200, java.util.Map.of("content-type",
                        java.util.List.of("application/soap+xml; charset=UTF-8")), response))
                .build();
        client = connection.soapClient(URI.create("https://lps2.dmp.gouv.fr/si-dmp-server/v2/services/repository"),
                "DMP");
        query = SoapRequest.builder().operation("RegistryStoredQuery").action("urn:ihe:iti:2007:RegistryStoredQuery")
                .body("<q:AdhocQueryRequest xmlns:q=\"urn:oasis:names:tc:ebxml-regrep:xsd:query:3.0\"/>").build();
        assertionTemplate = vihf().getBytes(java.nio.charset.StandardCharsets.UTF_8);
        signedAssertion = signAndSerialise();
        StringBuilder body = new StringBuilder("<rs:RegistryResponse xmlns:rs=\"urn:oasis:names:tc:ebxml-regrep:xsd:rs:3.0\""
                + " status=\"urn:oasis:names:tc:ebxml-regrep:ResponseStatusType:Success\">");
        for (int i = 0; i < 20; i++) {
            body.append("<rs:ResponseSlot name=\"slot").append(i).append("\"><rs:Value>")
                    .append(UUID.randomUUID()).append("</rs:Value></rs:ResponseSlot>");
        }
        body.append("</rs:RegistryResponse>");
        response = ("<soap:Envelope xmlns:soap=\"http://www.w3.org/2003/05/soap-envelope\"><soap:Header>"
                + "<wsa:Action xmlns:wsa=\"http://www.w3.org/2005/08/addressing\">urn:ihe:iti:2007:"
                + "ProvideAndRegisterDocumentSet-bResponse</wsa:Action></soap:Header><soap:Body>" + body
                + "</soap:Body></soap:Envelope>").getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    /** Deletes the PKI's files. */
    @TearDown
    public void tearDown() {
        connection.close();
        pki.close();
    }

    private static String vihf() {
        StringBuilder attrs = new StringBuilder();
        String[][] values = {
            {"urn:oasis:names:tc:xspa:1.0:subject:subject-id", "LABO BIO TEST"},
            {"urn:oasis:names:tc:xacml:2.0:subject:role", "<Role xmlns=\"urn:hl7-org:v3\" code=\"10\" "
                    + "codeSystem=\"1.2.250.1.71.1.2.7\" displayName=\"Medecin\"/>"},
            {"urn:oasis:names:tc:xspa:1.0:subject:organization", "LABO BIO TEST"},
            {"urn:oasis:names:tc:xspa:1.0:subject:organization-id", "3/123456789"},
            {"urn:oasis:names:tc:xspa:1.0:subject:purposeofuse", "<PurposeOfUse xmlns=\"urn:hl7-org:v3\" "
                    + "code=\"normal\" codeSystem=\"1.2.250.1.213.1.1.4.248\"/>"},
            {"VIHF_Version", "3.0"}, {"Authentification_Mode", "INDIRECTE_RENFORCEE"},
            {"Ressource_URN", "urn:dmp"}, {"Ressource_ID", "2751263220749^^^&amp;1.2.250.1.213.1.4.10&amp;ISO^NH"},
            {"LPS_Nom", "SEGUR-BIO-SDK"}, {"LPS_Version", "0.1.0"}, {"LPS_ID", "AB-12345-01"},
            {"Identifiant_Structure", "3/123456789"}, {"Secteur_Activite", "SA05^1.2.250.1.71.4.2.4"}};
        for (String[] v : values) {
            attrs.append("<saml:Attribute Name=\"").append(v[0]).append("\"><saml:AttributeValue>").append(v[1])
                    .append("</saml:AttributeValue></saml:Attribute>");
        }
        return "<saml:Assertion xmlns:saml=\"" + SAML + "\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\""
                + " ID=\"_" + UUID.randomUUID() + "\" IssueInstant=\"2026-11-22T03:00:00.000Z\" Version=\"2.0\">"
                + "<saml:Issuer Format=\"urn:oasis:names:tc:SAML:1.1:nameid-format:X509SubjectName\">"
                + "CN=LABO BIO TEST,OU=ORG SIGN,O=LABO BIO TEST,C=FR</saml:Issuer>"
                + "<saml:Subject><saml:NameID Format=\"urn:oasis:names:tc:SAML:1.1:nameid-format:unspecified\">"
                + "3/123456789/LAB</saml:NameID></saml:Subject>"
                + "<saml:Conditions NotBefore=\"2026-11-22T02:59:00.000Z\" NotOnOrAfter=\"2026-11-22T04:00:00.000Z\"/>"
                + "<saml:AuthnStatement AuthnInstant=\"2026-11-22T03:00:00.000Z\"><saml:AuthnContext>"
                + "<saml:AuthnContextClassRef>urn:oasis:names:tc:SAML:2.0:ac:classes:unspecified"
                + "</saml:AuthnContextClassRef></saml:AuthnContext></saml:AuthnStatement>"
                + "<saml:AttributeStatement>" + attrs + "</saml:AttributeStatement></saml:Assertion>";
    }

    private Element signedAssertionElement() {
        Element a = SecureXml.parse(assertionTemplate).getDocumentElement();
        Element issuer = (Element) a.getElementsByTagNameNS(SAML, "Issuer").item(0);
        signer.sign(a, issuer.getNextSibling());
        return a;
    }

    /**
     * Parses the assertion template, signs it and serialises it.
     *
     * @return the signed bytes
     */
    @Benchmark
    public byte[] signAndSerialise() {
        return SecureXml.toBytes(signedAssertionElement());
    }

    /**
     * Signs the assertion, places it in a SOAP envelope with WS-Addressing and serialises the envelope.
     *
     * @return the envelope bytes
     */
    @Benchmark
    public byte[] signIntoEnvelopeAndSerialise() {
        Element a = signedAssertionElement();
        Document d = a.getOwnerDocument();
        d.removeChild(a);
        Element security = d.createElementNS(WSSE, "wsse:Security");
        security.appendChild(a);
        d.appendChild(security);
        Document env = client.envelope(SoapRequest.builder().action("urn:ihe:iti:2007:RegistryStoredQuery")
                .header(security).body("<q:AdhocQueryRequest xmlns:q=\"urn:oasis:names:tc:ebxml-regrep:xsd:query:3.0\"/>")
                .build());
        return SecureXml.toBytes(env);
    }

    /**
     * Parses and verifies a signed assertion.
     *
     * @return the signer's certificate
     */
    @Benchmark
    public Object parseAndVerify() {
        return verifier.verify(SecureXml.parse(signedAssertion).getDocumentElement());
    }

    /**
     * The floor: one raw RSA-2048 SHA-256 signature of the assertion's bytes, without any XML work.
     *
     * @return the signature value
     * @throws java.security.GeneralSecurityException never with the JDK's providers
     */
    @Benchmark
    public byte[] rawRsaSignatureBaseline() throws java.security.GeneralSecurityException {
        java.security.Signature s = java.security.Signature.getInstance("SHA256withRSA");
        s.initSign(signingKey);
        s.update(assertionTemplate);
        return s.sign();
    }

    /**
     * One SOAP call through a {@link ServiceConnection} on a stand-in exchange: envelope, serialisation,
     * circuit breaker, audit, the answer's hardened parsing — everything a call costs but the network.
     *
     * @return the answer
     */
    @Benchmark
    public SoapResponse soapCallOverStandIn() {
        return client.call(query);
    }

    /**
     * Parses a 3 KB SOAP answer with the hardened parser.
     *
     * @return the document
     */
    @Benchmark
    public Document parseSoapResponse() {
        return SecureXml.parse(response);
    }
}
