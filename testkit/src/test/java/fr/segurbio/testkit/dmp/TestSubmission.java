package fr.segurbio.testkit.dmp;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An ITI-41 ProvideAndRegisterDocumentSetRequest written by hand (string templates of the ebRIM shapes in
 * dmp.md §8), with its MTOM attachments: by default a CR-BIO N3, its N1 (PDF), the XFRM N3→N1, and the XAdES
 * signature document with a manifest of the documents' SHA-256 digests. Fields can be changed to make a wrong one.
 */
final class TestSubmission {

    /** One document of the submission. */
    static final class Doc {
        String id;
        String uniqueId;
        String format;
        String formatScheme = "1.3.6.1.4.1.19376.1.2.3";
        String classCode = "10";
        String classScheme = "1.2.250.1.213.1.1.4.1";
        String typeCode = "11502-2";
        String typeScheme = "2.16.840.1.113883.6.1";
        String mimeType = "text/xml";
        String facility = "SA29";
        String practice = "AMBULATOIRE";
        List<String> confidentiality = new ArrayList<>(List.of("N^2.16.840.1.113883.5.25"));
        String patientId;
        String hash;
        byte[] content;
        boolean attach = true;
        String lid;

        /** A copy with another id, for a new version of the metadata (ITI-57). */
        Doc copy(String newId) {
            Doc d = new Doc(newId, uniqueId, format, content);
            d.formatScheme = formatScheme;
            d.classCode = classCode;
            d.classScheme = classScheme;
            d.typeCode = typeCode;
            d.typeScheme = typeScheme;
            d.mimeType = mimeType;
            d.facility = facility;
            d.practice = practice;
            d.confidentiality = new ArrayList<>(confidentiality);
            d.patientId = patientId;
            return d;
        }

        Doc(String id, String uniqueId, String format, byte[] content) {
            this.id = id;
            this.uniqueId = uniqueId;
            this.format = format;
            this.content = content;
        }
    }

    String patientId;
    String submissionSetId = "SubmissionSet01";
    String submissionSetUniqueId;
    final List<Doc> docs = new ArrayList<>();
    final List<String> extraAssociations = new ArrayList<>();
    boolean xfrm = true;
    boolean signature = true;
    boolean contentType = true;
    String signatureDigestOverride;
    String signatureUniqueId = newOid();
    /** Who signs the signature document (the ORG SIGN certificate, set by the fixture). */
    fr.segurbio.testkit.TestIdentity signer;
    boolean tamperSignature;

    static int counter;

    static synchronized String newOid() {
        return "1.2.250.1.999.1." + System.nanoTime() % 1_000_000_000L + "." + (++counter);
    }

    /** An N3 + N1 pair (and the signature document) for the patient. */
    static TestSubmission crBio(String ins, String oid) {
        TestSubmission s = new TestSubmission();
        s.patientId = ins + "^^^&" + oid + "&ISO^NH";
        s.submissionSetUniqueId = newOid();
        s.docs.add(new Doc("DocN3", newOid(), "urn:ihe:lab:xd-lab:2008",
                "<ClinicalDocument xmlns=\"urn:hl7-org:v3\"><title>CR-BIO N3</title></ClinicalDocument>"
                        .getBytes(StandardCharsets.UTF_8)));
        s.docs.add(new Doc("DocN1", newOid(), "urn:ihe:iti:xds-sd:pdf:2008",
                "<ClinicalDocument xmlns=\"urn:hl7-org:v3\"><title>CR-BIO N1</title></ClinicalDocument>"
                        .getBytes(StandardCharsets.UTF_8)));
        return s;
    }

    Doc n3() {
        return doc("DocN3");
    }

    Doc n1() {
        return doc("DocN1");
    }

    Doc doc(String id) {
        return docs.stream().filter(d -> d.id.equals(id)).findFirst().orElseThrow();
    }

    /** Adds an RPLC from a document of this submission to a registered entryUUID. */
    TestSubmission replaces(String docId, String oldEntryUuid) {
        extraAssociations.add(association("rplc-" + docId, "urn:ihe:iti:2007:AssociationType:RPLC", docId,
                oldEntryUuid, ""));
        return this;
    }

    private List<Doc> allDocs() {
        List<Doc> all = new ArrayList<>(docs);
        if (signature) {
            all.add(signatureDoc());
        }
        return all;
    }

    private Doc signatureDoc() {
        byte[] xml = signatureXml();
        if (tamperSignature) {
            String text = new String(xml, StandardCharsets.UTF_8);
            int at = text.indexOf("SignatureValue>") + "SignatureValue>".length() + 5;
            xml = (text.substring(0, at) + (text.charAt(at) == 'A' ? 'B' : 'A') + text.substring(at + 1))
                    .getBytes(StandardCharsets.UTF_8);
        }
        Doc s = new Doc("DocSignature", signatureUniqueId, "http://www.w3.org/2000/09/xmldsig#", xml);
        s.formatScheme = "URN";
        s.classCode = "urn:oid:1.3.6.1.4.1.19376.1.2.1.1.1";
        s.classScheme = "URN";
        s.typeCode = "E1762";
        s.typeScheme = "ASTM";
        return s;
    }

    /**
     * The XAdES-like signature document: an enveloping XMLDSig signature (RSA-SHA256, exclusive c14n) by
     * {@link #signer} whose SignedInfo covers {@code ds:Manifest Id="IHEManifest"} listing the submission set and
     * each document as {@code urn:oid:uniqueId} with the SHA-256 of its bytes.
     */
    private byte[] signatureXml() {
        try {
            String dsig = javax.xml.crypto.dsig.XMLSignature.XMLNS;
            javax.xml.parsers.DocumentBuilderFactory dbf = javax.xml.parsers.DocumentBuilderFactory.newInstance();
            dbf.setNamespaceAware(true);
            org.w3c.dom.Document doc = dbf.newDocumentBuilder().newDocument();
            org.w3c.dom.Element manifest = doc.createElementNS(dsig, "ds:Manifest");
            manifest.setAttributeNS("http://www.w3.org/2000/xmlns/", "xmlns:ds", dsig);
            manifest.setAttribute("Id", "IHEManifest");
            manifestReference(doc, manifest, submissionSetUniqueId, "AA==");
            for (Doc d : docs) {
                manifestReference(doc, manifest, d.uniqueId,
                        signatureDigestOverride != null ? signatureDigestOverride : sha256(d.content));
            }
            javax.xml.crypto.dsig.XMLSignatureFactory f = javax.xml.crypto.dsig.XMLSignatureFactory.getInstance("DOM");
            var sha256 = f.newDigestMethod(javax.xml.crypto.dsig.DigestMethod.SHA256, null);
            var c14n = f.newTransform(javax.xml.crypto.dsig.CanonicalizationMethod.EXCLUSIVE,
                    (javax.xml.crypto.dsig.spec.TransformParameterSpec) null);
            var ref = f.newReference("#IHEManifest", sha256, List.of(c14n),
                    "http://www.w3.org/2000/09/xmldsig#Manifest", null);
            var si = f.newSignedInfo(f.newCanonicalizationMethod(javax.xml.crypto.dsig.CanonicalizationMethod.EXCLUSIVE,
                    (javax.xml.crypto.dsig.spec.C14NMethodParameterSpec) null),
                    f.newSignatureMethod(VihfVerifier.RSA_SHA256, null), List.of(ref));
            var kif = f.getKeyInfoFactory();
            var ki = kif.newKeyInfo(List.of(kif.newX509Data(List.of(signer.certificate()))));
            var obj = f.newXMLObject(List.of(new javax.xml.crypto.dom.DOMStructure(manifest)), null, null, null);
            var ctx = new javax.xml.crypto.dsig.dom.DOMSignContext(signer.privateKey(), doc);
            ctx.setDefaultNamespacePrefix("ds");
            ctx.setIdAttributeNS(manifest, null, "Id");
            f.newXMLSignature(si, ki, List.of(obj), "S0", null).sign(ctx);
            var t = javax.xml.transform.TransformerFactory.newInstance().newTransformer();
            java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
            t.transform(new javax.xml.transform.dom.DOMSource(doc), new javax.xml.transform.stream.StreamResult(out));
            return out.toByteArray();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static void manifestReference(org.w3c.dom.Document doc, org.w3c.dom.Element manifest, String uniqueId,
            String digest) {
        String dsig = javax.xml.crypto.dsig.XMLSignature.XMLNS;
        org.w3c.dom.Element ref = doc.createElementNS(dsig, "ds:Reference");
        ref.setAttribute("URI", "urn:oid:" + uniqueId);
        org.w3c.dom.Element dm = doc.createElementNS(dsig, "ds:DigestMethod");
        dm.setAttribute("Algorithm", javax.xml.crypto.dsig.DigestMethod.SHA256);
        org.w3c.dom.Element dv = doc.createElementNS(dsig, "ds:DigestValue");
        dv.setTextContent(digest);
        ref.appendChild(dm);
        ref.appendChild(dv);
        manifest.appendChild(ref);
    }

    static String sha256(byte[] b) {
        try {
            return Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-256").digest(b));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** The request body and its attachments (Content-ID → bytes). */
    String body(Map<String, byte[]> attachments) {
        List<Doc> all = allDocs();
        StringBuilder b = new StringBuilder(8192);
        b.append("<xdsb:ProvideAndRegisterDocumentSetRequest xmlns:xdsb=\"urn:ihe:iti:xds-b:2007\">")
                .append(submitObjects(all)).append("");
        for (Doc d : all) {
            if (!d.attach) {
                continue;
            }
            String cid = d.id + "@segurbio.test";
            attachments.put(cid, d.content);
            b.append("<xdsb:Document id=\"").append(d.id).append("\"><xop:Include xmlns:xop=\"")
                    .append("http://www.w3.org/2004/08/xop/include\" href=\"cid:").append(cid)
                    .append("\"/></xdsb:Document>");
        }
        return b.append("</xdsb:ProvideAndRegisterDocumentSetRequest>").toString();
    }

    private String submitObjects(List<Doc> all) {
        StringBuilder b = new StringBuilder();
        b.append("<lcm:SubmitObjectsRequest xmlns:lcm=\"urn:oasis:names:tc:ebxml-regrep:xsd:lcm:3.0\"")
                .append(" xmlns:rim=\"urn:oasis:names:tc:ebxml-regrep:xsd:rim:3.0\"><rim:RegistryObjectList>");
        b.append(submissionSet());
        for (Doc d : all) {
            b.append(entry(d));
            b.append(association("hm-" + d.id, "urn:oasis:names:tc:ebxml-regrep:AssociationType:HasMember",
                    submissionSetId, d.id, slot("SubmissionSetStatus", "Original")));
        }
        if (signature) {
            b.append(association("signs", "urn:ihe:iti:2007:AssociationType:signs", "DocSignature",
                    submissionSetId, ""));
        }
        if (xfrm && docs.stream().anyMatch(d -> d.id.equals("DocN3")) && docs.stream().anyMatch(d -> d.id.equals("DocN1"))) {
            b.append(association("xfrm", "urn:ihe:iti:2007:AssociationType:XFRM", "DocN3", "DocN1", ""));
        }
        extraAssociations.forEach(b::append);
        return b.append("</rim:RegistryObjectList></lcm:SubmitObjectsRequest>").toString();
    }

    String submissionSet() {
        String id = submissionSetId;
        return "<rim:RegistryPackage id=\"" + id + "\">" + slot("submissionTime", "20260102120000")
                + classification(id + "-author", "urn:uuid:a7058bb9-b4e4-4307-ba5b-e3f0ab85e12d", id, "",
                        slot("authorInstitution", "LABO BIO TEST^^^^^&1.2.250.1.71.4.2.2&ISO^IDNST^^^"
                                + TestVihf.STRUCTURE))
                + (contentType ? classification(id + "-ct", "urn:uuid:aa543740-bdda-424e-8c96-df4873be8500", id, "04",
                        slot("codingScheme", "1.2.250.1.213.2.2")) : "")
                + extId(id + "-uid", "urn:uuid:96fdda7c-d067-4183-912e-bf5ee74998a8", id, submissionSetUniqueId)
                + extId(id + "-src", "urn:uuid:554ac39e-e3fe-47fe-b233-965d2a147832", id, "1.2.250.1.999.2")
                + extId(id + "-pid", "urn:uuid:6b5aea1a-874d-4603-a4bc-96a0a7b38446", id, patientId)
                + "</rim:RegistryPackage><rim:Classification id=\"" + id + "-class\" classifiedObject=\"" + id
                + "\" classificationNode=\"urn:uuid:a54d6aa5-d40d-43f9-88c5-b4633d873bdd\"/>";
    }

    String entry(Doc d) {
        String pid = d.patientId != null ? d.patientId : patientId;
        StringBuilder b = new StringBuilder();
        b.append("<rim:ExtrinsicObject id=\"").append(d.id).append(d.lid == null ? "" : "\" lid=\"" + d.lid)
                .append("\" mimeType=\"").append(d.mimeType)
                .append("\" objectType=\"urn:uuid:7edca82f-054d-47f2-a032-9b2a5b5186c1\">")
                .append(slot("creationTime", "20260102110000")).append(slot("languageCode", "fr-FR"))
                .append(slot("serviceStartTime", "20260102080000")).append(slot("sourcePatientId", pid));
        if (d.hash != null) {
            b.append(slot("hash", d.hash));
        }
        b.append("<rim:Name><rim:LocalizedString value=\"CR d'examens biologiques\"/></rim:Name>");
        b.append(classification(d.id + "-author", "urn:uuid:93606bcf-9494-43ec-9b4e-a7748d1a838d", d.id, "",
                slot("authorInstitution", "LABO BIO TEST^^^^^&1.2.250.1.71.4.2.2&ISO^IDNST^^^" + TestVihf.STRUCTURE)));
        b.append(code(d, "class", "urn:uuid:41a5887f-8865-4c09-adf7-e362475b143a", d.classCode, d.classScheme));
        int i = 0;
        for (String c : d.confidentiality) {
            String[] p = c.split("\\^");
            b.append(code(d, "conf" + i++, "urn:uuid:f4f85eac-e6cb-4883-b524-f2705394840f", p[0], p[1]));
        }
        b.append(code(d, "format", "urn:uuid:a09d5840-386c-46f2-b5ad-9c3699a4309d", d.format, d.formatScheme));
        b.append(code(d, "hcft", "urn:uuid:f33fb8ac-18af-42cc-ae0e-ed0b0bdb91e1", d.facility, "1.2.250.1.71.4.2.4"));
        b.append(code(d, "practice", "urn:uuid:cccf5598-8b07-4b77-a05e-ae952c785ead", d.practice,
                "1.2.250.1.213.1.1.4.9"));
        b.append(code(d, "type", "urn:uuid:f0306f51-975f-434e-a61c-c59651d33983", d.typeCode, d.typeScheme));
        b.append(extId(d.id + "-pid", "urn:uuid:58a6f841-87b3-4a3e-92fd-a8ffeff98427", d.id, pid));
        b.append(extId(d.id + "-uid", "urn:uuid:2e82c1f6-a085-4c72-9da3-8640a32e42ab", d.id, d.uniqueId));
        return b.append("</rim:ExtrinsicObject>").toString();
    }

    private static String code(Doc d, String suffix, String scheme, String code, String codingScheme) {
        return classification(d.id + "-" + suffix, scheme, d.id, code, slot("codingScheme", codingScheme));
    }

    static String slot(String name, String value) {
        return "<rim:Slot name=\"" + name + "\"><rim:ValueList><rim:Value>" + TestVihf.esc(value)
                + "</rim:Value></rim:ValueList></rim:Slot>";
    }

    static String classification(String id, String scheme, String object, String node, String slots) {
        return "<rim:Classification id=\"" + id + "\" classificationScheme=\"" + scheme + "\" classifiedObject=\""
                + object + "\" nodeRepresentation=\"" + TestVihf.esc(node) + "\">" + slots + "</rim:Classification>";
    }

    static String extId(String id, String scheme, String object, String value) {
        return "<rim:ExternalIdentifier id=\"" + id + "\" identificationScheme=\"" + scheme + "\" registryObject=\""
                + object + "\" value=\"" + TestVihf.esc(value) + "\"/>";
    }

    static String association(String id, String type, String source, String target, String slots) {
        return "<rim:Association id=\"" + id + "\" associationType=\"" + type + "\" sourceObject=\"" + source
                + "\" targetObject=\"" + target + "\">" + slots + "</rim:Association>";
    }

    static Map<String, byte[]> newAttachments() {
        return new LinkedHashMap<>();
    }
}
