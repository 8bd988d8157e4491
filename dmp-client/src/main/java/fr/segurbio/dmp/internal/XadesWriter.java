package fr.segurbio.dmp.internal;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.xml.crypto.dom.DOMStructure;
import javax.xml.crypto.dsig.CanonicalizationMethod;
import javax.xml.crypto.dsig.DigestMethod;
import javax.xml.crypto.dsig.Reference;
import javax.xml.crypto.dsig.SignatureProperties;
import javax.xml.crypto.dsig.SignatureProperty;
import javax.xml.crypto.dsig.SignedInfo;
import javax.xml.crypto.dsig.Transform;
import javax.xml.crypto.dsig.XMLObject;
import javax.xml.crypto.dsig.XMLSignature;
import javax.xml.crypto.dsig.XMLSignatureFactory;
import javax.xml.crypto.dsig.dom.DOMSignContext;
import javax.xml.crypto.dsig.keyinfo.KeyInfoFactory;
import javax.xml.crypto.dsig.spec.C14NMethodParameterSpec;
import javax.xml.crypto.dsig.spec.TransformParameterSpec;

import org.w3c.dom.Document;
import org.w3c.dom.Element;

import fr.segurbio.dmp.DmpError;
import fr.segurbio.dmp.DmpException;
import fr.segurbio.transport.SecureXml;
import fr.segurbio.transport.SoftwareCertificate;

/**
 * The XAdES signature document of an ITI-41 submission (IHE DSG, as the DMP asks for it): an enveloping
 * XMLDSig signature whose {@code ds:Manifest Id="IHEManifest"} references the SubmissionSet ({@code urn:oid:}
 * uniqueId) and every document by its uniqueId with the SHA-256 of its bytes, a {@code purposeOfSignature}
 * property ({@code 1.2.840.10065.1.12.1.14}, ASTM "Source") and XAdES 1.1.1 signed properties (signing time,
 * signing certificate, implied policy); RSA-SHA256 with the ORG SIGN certificate.
 */
public final class XadesWriter {

    /** XAdES 1.1.1. */
    public static final String XADES_NS = "http://uri.etsi.org/01903/v1.1.1#";
    private static final String DSIG = XMLSignature.XMLNS;
    private static final String RSA_SHA256 = "http://www.w3.org/2001/04/xmldsig-more#rsa-sha256";

    private XadesWriter() {
    }

    /**
     * Writes and signs the document.
     *
     * @param certificate the ORG SIGN certificate
     * @param submissionSetUniqueId the SubmissionSet uniqueId (an OID)
     * @param documents the documents: uniqueId → bytes, in order
     * @param signatureEntryId the signature DocumentEntry's id (target of the purpose property)
     * @param at the signing time
     * @return the signature document's bytes
     */
    public static byte[] write(SoftwareCertificate certificate, String submissionSetUniqueId,
            Map<String, byte[]> documents, String signatureEntryId, Instant at) {
        XMLSignatureFactory f = XMLSignatureFactory.getInstance("DOM");
        try {
            DigestMethod sha256 = f.newDigestMethod(DigestMethod.SHA256, null);
            Document doc = SecureXml.newDocument();
            // written by hand: the references are "urn:oid:" + uniqueId as the DMP wants them, and a
            // root^extension uniqueId is not a URI the JDK's Reference API accepts
            Element manifest = doc.createElementNS(DSIG, "ds:Manifest");
            manifest.setAttributeNS("http://www.w3.org/2000/xmlns/", "xmlns:ds", DSIG);
            manifest.setAttribute("Id", "IHEManifest");
            // the SubmissionSet is referenced by its uniqueId only: its digest is the one-byte placeholder (AA==)
            manifestReference(manifest, submissionSetUniqueId, new byte[] {0});
            for (Map.Entry<String, byte[]> d : documents.entrySet()) {
                manifestReference(manifest, d.getKey(), MessageDigest.getInstance("SHA-256").digest(d.getValue()));
            }
            Element purpose = doc.createElementNS(DSIG, "ds:SignaturePurpose");
            purpose.setTextContent("1.2.840.10065.1.12.1.14");
            SignatureProperty prop = f.newSignatureProperty(List.of(new DOMStructure(purpose)),
                    "#" + signatureEntryId, "purposeOfSignature");
            SignatureProperties props = f.newSignatureProperties(List.of(prop), null);
            Element qp = qualifyingProperties(doc, certificate.certificate(), at);
            Element signed = (Element) qp.getFirstChild();
            List<Reference> refs = List.of(
                    f.newReference("#IHEManifest", sha256,
                            List.of(f.newTransform(CanonicalizationMethod.EXCLUSIVE, (TransformParameterSpec) null)),
                            "http://www.w3.org/2000/09/xmldsig#Manifest", null),
                    f.newReference("#S0-SignedProperties", sha256,
                            List.of(f.newTransform(CanonicalizationMethod.EXCLUSIVE, (TransformParameterSpec) null)),
                            "http://uri.etsi.org/01903#SignedProperties", null));
            SignedInfo si = f.newSignedInfo(
                    f.newCanonicalizationMethod(CanonicalizationMethod.EXCLUSIVE, (C14NMethodParameterSpec) null),
                    f.newSignatureMethod(RSA_SHA256, null), refs);
            KeyInfoFactory kif = f.getKeyInfoFactory();
            List<XMLObject> objects = List.of(
                    f.newXMLObject(List.of(new DOMStructure(manifest)), null, null, null),
                    f.newXMLObject(List.of(props), null, null, null),
                    f.newXMLObject(List.of(new DOMStructure(qp)), null, null, null));
            XMLSignature sig = f.newXMLSignature(si,
                    kif.newKeyInfo(List.of(kif.newX509Data(List.of(certificate.certificate())))), objects,
                    "S0", null);
            DOMSignContext ctx = new DOMSignContext(certificate.privateKey(), doc);
            ctx.setDefaultNamespacePrefix("ds");
            ctx.setIdAttributeNS(signed, null, "Id");
            ctx.setIdAttributeNS(manifest, null, "Id");
            sig.sign(ctx);
            return SecureXml.toBytes(doc);
        } catch (GeneralSecurityException | javax.xml.crypto.MarshalException
                | javax.xml.crypto.dsig.XMLSignatureException e) {
            throw new DmpException(e, DmpError.SIGNATURE_FAILED, "XAdES: " + e.getMessage());
        }
    }

    /**
     * The {@code urn:oid:} reference of a uniqueId, as the DMP's manifest spells it.
     *
     * @param uniqueId the uniqueId
     * @return the reference
     */
    public static String oidUrn(String uniqueId) {
        return "urn:oid:" + uniqueId;
    }

    private static void manifestReference(Element manifest, String uniqueId, byte[] digest) {
        Element ref = Dom.add(manifest, DSIG, "ds:Reference");
        ref.setAttribute("URI", oidUrn(uniqueId));
        Dom.add(ref, DSIG, "ds:DigestMethod").setAttribute("Algorithm", DigestMethod.SHA256);
        Dom.add(ref, DSIG, "ds:DigestValue").setTextContent(Base64.getEncoder().encodeToString(digest));
    }

    private static Element qualifyingProperties(Document doc, X509Certificate cert, Instant at)
            throws GeneralSecurityException {
        Element qp = doc.createElementNS(XADES_NS, "xades:QualifyingProperties");
        qp.setAttributeNS("http://www.w3.org/2000/xmlns/", "xmlns:xades", XADES_NS);
        qp.setAttribute("Target", "#S0");
        Element sp = Dom.add(qp, XADES_NS, "xades:SignedProperties");
        sp.setAttribute("Id", "S0-SignedProperties");
        Element ssp = Dom.add(sp, XADES_NS, "xades:SignedSignatureProperties");
        Dom.add(ssp, XADES_NS, "xades:SigningTime")
                .setTextContent(DateTimeFormatter.ISO_INSTANT.format(at.truncatedTo(ChronoUnit.SECONDS)));
        Element certEl = Dom.add(Dom.add(ssp, XADES_NS, "xades:SigningCertificate"), XADES_NS, "xades:Cert");
        Element digest = Dom.add(certEl, XADES_NS, "xades:CertDigest");
        Element dm = doc.createElementNS(DSIG, "ds:DigestMethod");
        dm.setAttributeNS("http://www.w3.org/2000/xmlns/", "xmlns:ds", DSIG);
        dm.setAttribute("Algorithm", DigestMethod.SHA256);
        digest.appendChild(dm);
        Element dv = doc.createElementNS(DSIG, "ds:DigestValue");
        dv.setAttributeNS("http://www.w3.org/2000/xmlns/", "xmlns:ds", DSIG);
        dv.setTextContent(Base64.getEncoder().encodeToString(
                MessageDigest.getInstance("SHA-256").digest(cert.getEncoded())));
        digest.appendChild(dv);
        Element serial = Dom.add(certEl, XADES_NS, "xades:IssuerSerial");
        Element in = doc.createElementNS(DSIG, "ds:X509IssuerName");
        in.setAttributeNS("http://www.w3.org/2000/xmlns/", "xmlns:ds", DSIG);
        in.setTextContent(cert.getIssuerX500Principal().getName());
        serial.appendChild(in);
        Element sn = doc.createElementNS(DSIG, "ds:X509SerialNumber");
        sn.setAttributeNS("http://www.w3.org/2000/xmlns/", "xmlns:ds", DSIG);
        sn.setTextContent(cert.getSerialNumber().toString());
        serial.appendChild(sn);
        Element policy = Dom.add(ssp, XADES_NS, "xades:SignaturePolicyIdentifier");
        Dom.add(policy, XADES_NS, "xades:SignaturePolicyImplied");
        return qp;
    }

    /**
     * The documents map in submission order.
     *
     * @return a new ordered map
     */
    public static Map<String, byte[]> orderedDocuments() {
        return new LinkedHashMap<>();
    }
}
