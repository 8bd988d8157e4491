package fr.segurbio.testkit.dmp;

import fr.segurbio.testkit.TestIdentity;
import java.io.ByteArrayInputStream;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.xml.crypto.dsig.CanonicalizationMethod;
import javax.xml.crypto.dsig.DigestMethod;
import javax.xml.crypto.dsig.Reference;
import javax.xml.crypto.dsig.SignedInfo;
import javax.xml.crypto.dsig.Transform;
import javax.xml.crypto.dsig.XMLSignatureFactory;
import javax.xml.crypto.dsig.dom.DOMSignContext;
import javax.xml.crypto.dsig.keyinfo.KeyInfoFactory;
import javax.xml.crypto.dsig.spec.C14NMethodParameterSpec;
import javax.xml.crypto.dsig.spec.ExcC14NParameterSpec;
import javax.xml.crypto.dsig.spec.TransformParameterSpec;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.transform.OutputKeys;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * Builds a VIHF for the tests, by hand (a string template of the IG-PFI sample's shape) and signs it with the
 * JDK's XMLDSig API: enveloped, exclusive c14n, RSA-SHA256, SHA-256, one reference to the assertion's ID. Every
 * field can be changed or removed to make a wrong VIHF; {@link #signWith} chooses the certificate.
 */
class TestVihf {

    static final String INS = "2900175056031";
    static final String TEST_OID = "1.2.250.1.213.1.4.10";
    static final String STRUCTURE = "10B0167011";

    /** Simple (text) attributes, by name; a value of {@code null} removes the attribute. */
    final Map<String, String> attributes = new LinkedHashMap<>();
    String id = "_" + UUID.randomUUID();
    String version = "2.0";
    Instant issueInstant = Instant.now();
    String notBefore;
    String notOnOrAfter;
    String issuer;
    String nameId = "LABO/AUTOMATE-01";
    String authnContextClassRef = "urn:oasis:names:tc:SAML:2.0:ac:classes:unspecified";
    String purposeOfUse = "<PurposeOfUse xmlns=\"urn:hl7-org:v3\" xsi:type=\"CE\" code=\"normal\""
            + " codeSystem=\"1.2.250.1.213.1.1.4.248\" codeSystemName=\"mode acces VIHF 1.0\" displayName=\"Accès normal\"/>";
    List<String> roles = List.of(role("AUTOMATE", "1.2.250.1.213.1.1.4.6", "AUTOMATE"));
    TestIdentity signer;
    boolean sign = true;
    String signatureMethod = VihfVerifier.RSA_SHA256;
    String digestMethod = DigestMethod.SHA256;

    TestVihf(TestIdentity signer) {
        this.signer = signer;
        attributes.put("VIHF_Version", "3.0");
        attributes.put("Authentification_Mode", "INDIRECTE");
        attributes.put("Secteur_Activite", "SA29^1.2.250.1.71.4.2.4");
        attributes.put(VihfVerifier.ATTR_RESOURCE_ID, INS + "^^^&" + TEST_OID + "&ISO^NH");
        attributes.put("Ressource_URN", "urn:dmp");
        attributes.put(VihfVerifier.ATTR_SUBJECT_ID, "SGL TEST, automate, laboratoire");
        attributes.put("Identifiant_Structure", STRUCTURE);
        attributes.put("LPS_Version", "1.0.0");
        attributes.put("LPS_ID", "1.2.250.1.259.1.1.1234567890");
        attributes.put("LPS_Nom", "SEGUR-BIO-TEST");
        attributes.put("LPS_ID_HOMOLOGATION_DMP", "SEG-0000001-tmp1");
    }

    static String role(String code, String system, String display) {
        return "<Role xmlns=\"urn:hl7-org:v3\" xsi:type=\"CE\" code=\"" + code + "\" codeSystem=\"" + system
                + "\" displayName=\"" + display + "\"/>";
    }

    TestVihf patient(String ins, String oid) {
        attributes.put(VihfVerifier.ATTR_RESOURCE_ID, ins + "^^^&" + oid + "&ISO^NH");
        return this;
    }

    TestVihf signWith(TestIdentity identity) {
        this.signer = identity;
        return this;
    }

    /** A médecin/biologiste in the reinforced indirect mode (AIR). */
    TestVihf air() {
        attributes.put("Authentification_Mode", "INDIRECTE_RENFORCEE");
        nameId = "899900063480";
        authnContextClassRef = "urn:oasis:names:tc:SAML:2.0:ac:classes:MobileTwoFactorUnregistered";
        roles = List.of(role("10", "1.2.250.1.71.1.2.7", "Médecin"),
                role("SM26", "1.2.250.1.71.4.2.5", "Qualifié en Médecine Générale (SM)"));
        return this;
    }

    /** The unsigned assertion text. */
    String assertionXml() {
        StringBuilder b = new StringBuilder(4096);
        b.append("<Assertion xmlns=\"urn:oasis:names:tc:SAML:2.0:assertion\" xmlns:xsi=\"")
                .append("http://www.w3.org/2001/XMLSchema-instance\" ID=\"").append(id).append("\" IssueInstant=\"")
                .append(issueInstant).append("\" Version=\"").append(version).append("\">");
        b.append("<Issuer Format=\"urn:oasis:names:tc:SAML:1.1:nameid-format:X509SubjectName\">")
                .append(esc(issuer != null ? issuer : signer.certificate().getSubjectX500Principal().getName()))
                .append("</Issuer>");
        b.append("<Subject><NameID>").append(esc(nameId)).append("</NameID></Subject>");
        if (notBefore != null || notOnOrAfter != null) {
            b.append("<Conditions");
            if (notBefore != null) {
                b.append(" NotBefore=\"").append(notBefore).append('"');
            }
            if (notOnOrAfter != null) {
                b.append(" NotOnOrAfter=\"").append(notOnOrAfter).append('"');
            }
            b.append("/>");
        }
        b.append("<AuthnStatement AuthnInstant=\"").append(issueInstant).append("\"><AuthnContext>")
                .append("<AuthnContextClassRef>").append(authnContextClassRef).append("</AuthnContextClassRef>")
                .append("</AuthnContext></AuthnStatement><AttributeStatement>");
        attributes.forEach((k, v) -> {
            if (v != null) {
                b.append("<Attribute Name=\"").append(k).append("\"><AttributeValue>").append(esc(v))
                        .append("</AttributeValue></Attribute>");
            }
        });
        if (purposeOfUse != null) {
            b.append("<Attribute Name=\"").append(VihfVerifier.ATTR_PURPOSE).append("\"><AttributeValue>")
                    .append(purposeOfUse).append("</AttributeValue></Attribute>");
        }
        if (!roles.isEmpty()) {
            b.append("<Attribute Name=\"").append(VihfVerifier.ATTR_ROLE).append("\">");
            roles.forEach(r -> b.append("<AttributeValue>").append(r).append("</AttributeValue>"));
            b.append("</Attribute>");
        }
        return b.append("</AttributeStatement></Assertion>").toString();
    }

    /** The {@code wsse:Security} header with the signed assertion. */
    String securityXml() {
        return "<wsse:Security xmlns:wsse=\"" + DmpXml.NS_WSSE + "\">" + signedAssertion() + "</wsse:Security>";
    }

    String signedAssertion() {
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setNamespaceAware(true);
            Document d = f.newDocumentBuilder().parse(new ByteArrayInputStream(
                    assertionXml().getBytes(StandardCharsets.UTF_8)));
            if (sign) {
                sign(d.getDocumentElement(), signer, signatureMethod, digestMethod);
            }
            var t = TransformerFactory.newInstance().newTransformer();
            t.setOutputProperty(OutputKeys.OMIT_XML_DECLARATION, "yes");
            StringWriter w = new StringWriter();
            t.transform(new DOMSource(d), new StreamResult(w));
            return w.toString();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Signs the assertion, inserting ds:Signature after Issuer as SAML wants. */
    static void sign(Element assertion, TestIdentity who, String signatureMethod, String digestMethod)
            throws Exception {
        XMLSignatureFactory f = XMLSignatureFactory.getInstance("DOM");
        String id = assertion.getAttribute("ID");
        assertion.setIdAttributeNS(null, "ID", true);
        Reference ref = f.newReference("#" + id,
                f.newDigestMethod(digestMethod, null),
                List.of(f.newTransform(Transform.ENVELOPED, (TransformParameterSpec) null),
                        f.newTransform(CanonicalizationMethod.EXCLUSIVE,
                                new ExcC14NParameterSpec(List.of("ds", "saml", "#default", "xsi")))),
                null, null);
        SignedInfo si = f.newSignedInfo(
                f.newCanonicalizationMethod(CanonicalizationMethod.EXCLUSIVE, (C14NMethodParameterSpec) null),
                f.newSignatureMethod(signatureMethod, null), List.of(ref));
        KeyInfoFactory kif = f.getKeyInfoFactory();
        var ki = kif.newKeyInfo(List.of(kif.newX509Data(List.of(who.certificate()))));
        Element subject = (Element) assertion.getElementsByTagNameNS(DmpXml.NS_SAML, "Subject").item(0);
        DOMSignContext ctx = new DOMSignContext(who.privateKey(), assertion, subject);
        ctx.setDefaultNamespacePrefix("ds");
        f.newXMLSignature(si, ki).sign(ctx);
    }

    static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
