package fr.segurbio.dmp.internal;

import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

import fr.segurbio.cda.Code;
import fr.segurbio.ins.Ins;
import fr.segurbio.transport.Attachment;
import fr.segurbio.transport.SecureXml;

/** Writes the request bodies: ITI-41, ITI-18, ITI-43, ITI-57, TD0.2. */
public final class Requests {

    /** HL7 v3. */
    public static final String HL7 = "urn:hl7-org:v3";

    private Requests() {
    }

    /**
     * An OID under {@code 2.25} derived from a name (the same name always gives the same OID): the
     * SubmissionSet and signature uniqueIds of a submission are derived from its N3 uniqueId, so that sending it
     * again after a fault never creates a second document.
     *
     * @param name the name
     * @return the OID
     */
    public static String derivedOid(String name) {
        UUID u = UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8));
        ByteBuffer b = ByteBuffer.allocate(16).putLong(u.getMostSignificantBits()).putLong(u.getLeastSignificantBits());
        return "2.25." + new BigInteger(1, b.array());
    }

    /** A document to put in an ITI-41 request. */
    public record Doc(EntryData entry, byte[] content) {
    }

    /** An ITI-41 request body and its attachments. */
    public record Built(Element body, List<Attachment> attachments) {
    }

    /**
     * The ITI-41 body.
     *
     * @param docs the documents, in order: N3, N1, signature
     * @param ssId the SubmissionSet entry id
     * @param ssUniqueId the SubmissionSet uniqueId
     * @param sourceId the source OID
     * @param patientId the patient (CX)
     * @param now the submission time
     * @param author the SubmissionSet author
     * @param contentType the content type code
     * @param xfrm N3 entry id → N1 entry id, or {@code null}
     * @param signatureEntry the signature entry id
     * @param replaced new entry id → replaced entryUUID
     * @return the body and attachments
     */
    public static Built provideAndRegister(List<Doc> docs, String ssId, String ssUniqueId, String sourceId,
            String patientId, Instant now, EntryData.Author author, Code contentType, String[] xfrm,
            String signatureEntry, Map<String, String> replaced) {
        Document doc = SecureXml.newDocument();
        Element root = Dom.root(doc, Xds.XDSB, "xdsb:ProvideAndRegisterDocumentSetRequest");
        Element list = registryObjectList(root);
        RimWriter.submissionSet(list, ssId, ssUniqueId, sourceId, patientId, now, author, contentType);
        for (Doc d : docs) {
            RimWriter.documentEntry(list, d.entry());
        }
        for (Doc d : docs) {
            Element a = RimWriter.association(list, Xds.HAS_MEMBER, ssId, d.entry().entryId());
            RimWriter.slot(a, "SubmissionSetStatus", "Original");
        }
        if (xfrm != null) {
            RimWriter.association(list, Xds.XFRM, xfrm[0], xfrm[1]);
        }
        RimWriter.association(list, Xds.SIGNS, signatureEntry, ssId);
        for (Map.Entry<String, String> r : replaced.entrySet()) {
            RimWriter.association(list, Xds.RPLC, r.getKey(), r.getValue());
        }
        List<Attachment> attachments = new ArrayList<>();
        for (Doc d : docs) {
            Attachment att = Attachment.of("text/xml", d.content());
            Element de = Dom.add(root, Xds.XDSB, "xdsb:Document");
            de.setAttribute("id", d.entry().entryId());
            de.appendChild(att.xopInclude(doc));
            attachments.add(att);
        }
        return new Built(root, attachments);
    }

    private static Element registryObjectList(Element parent) {
        Element sor = Dom.add(parent, Xds.LCM, "lcm:SubmitObjectsRequest");
        sor.setAttributeNS("http://www.w3.org/2000/xmlns/", "xmlns:lcm", Xds.LCM);
        Element list = Dom.add(sor, Xds.RIM, "rim:RegistryObjectList");
        list.setAttributeNS("http://www.w3.org/2000/xmlns/", "xmlns:rim", Xds.RIM);
        return list;
    }

    /**
     * An ITI-18 stored query.
     *
     * @param queryId the stored query id
     * @param slots slot name → values (already quoted as the query wants)
     * @return the {@code query:AdhocQueryRequest}
     */
    public static Element storedQuery(String queryId, Map<String, List<String>> slots) {
        Document doc = SecureXml.newDocument();
        Element root = Dom.root(doc, Xds.QUERY, "query:AdhocQueryRequest");
        root.setAttributeNS("http://www.w3.org/2000/xmlns/", "xmlns:rim", Xds.RIM);
        Element opt = Dom.add(root, Xds.QUERY, "query:ResponseOption");
        opt.setAttribute("returnComposedObjects", "true");
        opt.setAttribute("returnType", "LeafClass");
        Element q = Dom.add(root, Xds.RIM, "rim:AdhocQuery");
        q.setAttribute("id", queryId);
        for (Map.Entry<String, List<String>> s : slots.entrySet()) {
            RimWriter.slot(q, s.getKey(), s.getValue());
        }
        return root;
    }

    /**
     * A quoted query value.
     *
     * @param v the value
     * @return {@code 'v'}, quotes doubled
     */
    public static String quote(String v) {
        return "'" + v.replace("'", "''") + "'";
    }

    /**
     * A quoted list {@code ('a','b')}.
     *
     * @param values the values
     * @return the list
     */
    public static String list(List<String> values) {
        return "(" + String.join(",", values.stream().map(Requests::quote).toList()) + ")";
    }

    /**
     * An ITI-43 request.
     *
     * @param repositoryUniqueId the repository
     * @param uniqueIds the documents
     * @return the {@code xdsb:RetrieveDocumentSetRequest}
     */
    public static Element retrieve(String repositoryUniqueId, List<String> uniqueIds) {
        Document doc = SecureXml.newDocument();
        Element root = Dom.root(doc, Xds.XDSB, "xdsb:RetrieveDocumentSetRequest");
        for (String u : uniqueIds) {
            Element r = Dom.add(root, Xds.XDSB, "xdsb:DocumentRequest");
            Dom.add(r, Xds.XDSB, "xdsb:RepositoryUniqueId").setTextContent(repositoryUniqueId);
            Dom.add(r, Xds.XDSB, "xdsb:DocumentUniqueId").setTextContent(u);
        }
        return root;
    }

    /** The start of an ITI-57 request: the SubmissionSet written, the list to add to. */
    public record Update(Element root, Element list, String ssId) {
    }

    /**
     * Starts an ITI-57 request with its SubmissionSet.
     *
     * @param ssUniqueId the SubmissionSet uniqueId
     * @param sourceId the source OID
     * @param patientId the patient (CX)
     * @param now the time
     * @param author the author
     * @param contentType the content type
     * @return the request under construction
     */
    public static Update update(String ssUniqueId, String sourceId, String patientId, Instant now,
            EntryData.Author author, Code contentType) {
        Document doc = SecureXml.newDocument();
        Element root = Dom.root(doc, Xds.LCM, "lcm:SubmitObjectsRequest");
        Element list = Dom.add(root, Xds.RIM, "rim:RegistryObjectList");
        list.setAttributeNS("http://www.w3.org/2000/xmlns/", "xmlns:rim", Xds.RIM);
        String ssId = RimWriter.newId();
        RimWriter.submissionSet(list, ssId, ssUniqueId, sourceId, patientId, now, author, contentType);
        return new Update(root, list, ssId);
    }

    /**
     * Adds a status change (delete, archive, unarchive) of one entry.
     *
     * @param u the request
     * @param entryUuid the entry
     * @param from the current status URN
     * @param to the new status URN
     */
    public static void statusChange(Update u, String entryUuid, String from, String to) {
        Element a = RimWriter.association(u.list(), Xds.UPDATE_AVAILABILITY, u.ssId(), entryUuid);
        RimWriter.slot(a, "OriginalStatus", from);
        RimWriter.slot(a, "NewStatus", to);
    }

    /**
     * Adds a new metadata version of an entry: the registry's ExtrinsicObject copied with a new id, the same
     * {@code lid}, {@code VersionInfo} n + 1 and the confidentiality codes replaced.
     *
     * @param u the request
     * @param current the entry as ITI-18 returned it
     * @param version its current version
     * @param confidentiality the new confidentiality codes
     */
    public static void metadataVersion(Update u, Element current, int version, List<Code> confidentiality) {
        Element copy = (Element) u.list().getOwnerDocument().importNode(current, true);
        String oldId = current.getAttribute("id");
        String lid = current.hasAttribute("lid") && !current.getAttribute("lid").isEmpty()
                ? current.getAttribute("lid") : oldId;
        String newId = RimWriter.newId();
        copy.setAttribute("id", newId);
        copy.setAttribute("lid", lid);
        copy.removeAttribute("status");
        for (Element c : Dom.children(copy, Xds.RIM, "Classification")) {
            c.setAttribute("classifiedObject", newId);
            c.setAttribute("id", RimWriter.newId());
            if (Xds.DE_CONFIDENTIALITY.equals(c.getAttribute("classificationScheme"))) {
                copy.removeChild(c);
            }
        }
        for (Element e : Dom.children(copy, Xds.RIM, "ExternalIdentifier")) {
            e.setAttribute("registryObject", newId);
            e.setAttribute("id", RimWriter.newId());
        }
        for (Element v : Dom.children(copy, Xds.RIM, "VersionInfo")) {
            copy.removeChild(v);
        }
        // repository-side slots are not part of a metadata update's copy
        Element version2 = copy.getOwnerDocument().createElementNS(Xds.RIM, "rim:VersionInfo");
        version2.setAttribute("versionName", Integer.toString(version + 1));
        Node before = firstOf(copy, "Classification", "ExternalIdentifier");
        copy.insertBefore(version2, before);
        // confidentiality classifications, before the first ExternalIdentifier, after the other classifications
        Node ext = firstOf(copy, "ExternalIdentifier");
        for (Code c : confidentiality) {
            Element tmp = copy.getOwnerDocument().createElementNS(Xds.RIM, "rim:Tmp");
            tmp.setAttribute("id", newId);
            RimWriter.coded(tmp, Xds.DE_CONFIDENTIALITY, c);
            copy.insertBefore(tmp.getFirstChild(), ext);
        }
        u.list().appendChild(copy);
        Element a = RimWriter.association(u.list(), Xds.HAS_MEMBER, u.ssId(), newId);
        RimWriter.slot(a, "SubmissionSetStatus", "Original");
        RimWriter.slot(a, "PreviousVersion", Integer.toString(version));
    }

    private static Node firstOf(Element parent, String... locals) {
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && Xds.RIM.equals(e.getNamespaceURI())) {
                for (String l : locals) {
                    if (l.equals(e.getLocalName())) {
                        return n;
                    }
                }
            }
        }
        return null;
    }

    /**
     * The TD0.2 request (HL7 v3 {@code PRPA_IN201307UV02}, reason {@code TEST_EXST}).
     *
     * @param ins the patient
     * @param senderOid the software's OID
     * @param softwareName the software's name
     * @param production whether processingCode is {@code P} (else {@code D})
     * @param now the time
     * @return the element
     */
    public static Element td02(Ins ins, String senderOid, String softwareName, boolean production, Instant now) {
        Document doc = SecureXml.newDocument();
        Element root = Dom.root(doc, HL7, "PRPA_IN201307UV02");
        root.setAttributeNS("http://www.w3.org/2000/xmlns/", "xmlns:xsi", "http://www.w3.org/2001/XMLSchema-instance");
        root.setAttribute("ITSVersion", "XML_1.0");
        Element id = Dom.add(root, HL7, "id");
        id.setAttribute("root", senderOid);
        id.setAttribute("extension", UUID.randomUUID().toString());
        Dom.add(root, HL7, "creationTime").setAttribute("value",
                DateTimeFormatter.ofPattern("yyyyMMddHHmmss").withZone(ZoneOffset.UTC).format(now));
        Element interaction = Dom.add(root, HL7, "interactionId");
        interaction.setAttribute("root", "2.16.840.1.113883.1.6");
        interaction.setAttribute("extension", "PRPA_IN201307UV02");
        Dom.add(root, HL7, "processingCode").setAttribute("code", production ? "P" : "D");
        Dom.add(root, HL7, "processingModeCode").setAttribute("code", "T");
        Dom.add(root, HL7, "acceptAckCode").setAttribute("code", "AL");
        Element receiver = Dom.add(root, HL7, "receiver");
        receiver.setAttribute("typeCode", "RCV");
        device(receiver, "1.2.250.1.213.4.1.1.1", "DMP");
        Element sender = Dom.add(root, HL7, "sender");
        sender.setAttribute("typeCode", "SND");
        device(sender, senderOid, softwareName);
        Dom.add(root, HL7, "attentionLine").setAttributeNS("http://www.w3.org/2001/XMLSchema-instance", "xsi:nil",
                "true");
        Element cap = Dom.add(root, HL7, "controlActProcess");
        cap.setAttribute("classCode", "CACT");
        cap.setAttribute("moodCode", "EVN");
        Element reason = Dom.add(cap, HL7, "reasonCode");
        reason.setAttribute("code", "TEST_EXST");
        reason.setAttribute("codeSystem", "1.2.250.1.213.1.1.4.11");
        reason.setAttribute("displayName", "Test d'existence de dossier");
        Element qbp = Dom.add(cap, HL7, "queryByParameter");
        Element qid = Dom.add(qbp, HL7, "queryId");
        qid.setAttribute("root", senderOid);
        qid.setAttribute("extension", UUID.randomUUID().toString());
        Dom.add(qbp, HL7, "statusCode").setAttribute("code", "new");
        Element params = Dom.add(qbp, HL7, "parameterList");
        Dom.add(params, HL7, "dataSource").setAttributeNS("http://www.w3.org/2001/XMLSchema-instance", "xsi:nil",
                "true");
        Element pi = Dom.add(params, HL7, "patientIdentifier");
        Element value = Dom.add(pi, HL7, "value");
        value.setAttribute("root", ins.oid());
        value.setAttribute("extension", ins.matricule().value());
        Dom.add(pi, HL7, "semanticsText").setTextContent("Patient.id");
        return root;
    }

    private static void device(Element parent, String oid, String name) {
        Element device = Dom.add(parent, HL7, "device");
        device.setAttribute("classCode", "DEV");
        device.setAttribute("determinerCode", "INSTANCE");
        Dom.add(device, HL7, "id").setAttribute("root", oid);
        Dom.add(device, HL7, "softwareName").setTextContent(name);
    }

    /**
     * The patient id of an INS as an XDS CX.
     *
     * @param ins the INS
     * @return {@code matricule^^^&oid&ISO^NH}
     */
    public static String cx(Ins ins) {
        return ins.matricule().value() + "^^^&" + ins.oid() + "&ISO^NH";
    }

    /**
     * An optional value.
     *
     * @param v the value
     * @return the optional
     */
    public static Optional<String> opt(String v) {
        return v == null || v.isEmpty() ? Optional.empty() : Optional.of(v);
    }
}
