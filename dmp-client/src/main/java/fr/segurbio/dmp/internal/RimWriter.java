package fr.segurbio.dmp.internal;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.UUID;

import org.w3c.dom.Element;

import fr.segurbio.cda.Code;

/** Writes ebRIM 3.0 registry objects (DOM). */
public final class RimWriter {

    /** XDS time: {@code yyyyMMddHHmmss} in UTC. */
    public static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyyMMddHHmmss").withZone(ZoneOffset.UTC);

    private RimWriter() {
    }

    /**
     * A new {@code urn:uuid:} id.
     *
     * @return the id
     */
    public static String newId() {
        return "urn:uuid:" + UUID.randomUUID();
    }

    /**
     * Adds a slot.
     *
     * @param parent the registry object
     * @param name the slot name
     * @param values the values
     * @return the slot
     */
    public static Element slot(Element parent, String name, List<String> values) {
        Element slot = Dom.add(parent, Xds.RIM, "rim:Slot");
        slot.setAttribute("name", name);
        Element list = Dom.add(slot, Xds.RIM, "rim:ValueList");
        for (String v : values) {
            Dom.add(list, Xds.RIM, "rim:Value").setTextContent(v);
        }
        return slot;
    }

    /**
     * Adds a one-value slot.
     *
     * @param parent the registry object
     * @param name the slot name
     * @param value the value
     * @return the slot
     */
    public static Element slot(Element parent, String name, String value) {
        return slot(parent, name, List.of(value));
    }

    /**
     * Adds a localized name.
     *
     * @param parent the registry object
     * @param value the text
     */
    public static void name(Element parent, String value) {
        Element name = Dom.add(parent, Xds.RIM, "rim:Name");
        Element ls = Dom.add(name, Xds.RIM, "rim:LocalizedString");
        ls.setAttribute("value", value);
    }

    /**
     * Adds a coded classification.
     *
     * @param parent the classified object
     * @param scheme the classification scheme
     * @param code the code
     */
    public static void coded(Element parent, String scheme, Code code) {
        Element c = Dom.add(parent, Xds.RIM, "rim:Classification");
        c.setAttribute("id", newId());
        c.setAttribute("classificationScheme", scheme);
        c.setAttribute("classifiedObject", parent.getAttribute("id"));
        c.setAttribute("nodeRepresentation", code.code());
        slot(c, "codingScheme", code.codeSystem());
        name(c, code.optionalDisplayName().orElse(code.code()));
    }

    /**
     * Adds an author classification.
     *
     * @param parent the classified object
     * @param scheme the author scheme
     * @param a the author
     */
    public static void author(Element parent, String scheme, EntryData.Author a) {
        Element c = Dom.add(parent, Xds.RIM, "rim:Classification");
        c.setAttribute("id", newId());
        c.setAttribute("classificationScheme", scheme);
        c.setAttribute("classifiedObject", parent.getAttribute("id"));
        c.setAttribute("nodeRepresentation", "");
        if (a.institution() != null) {
            slot(c, "authorInstitution", a.institution());
        }
        if (a.person() != null) {
            slot(c, "authorPerson", a.person());
        }
        if (a.role() != null) {
            slot(c, "authorRole", a.role());
        }
        if (a.specialty() != null) {
            slot(c, "authorSpecialty", a.specialty());
        }
    }

    /**
     * Adds an external identifier.
     *
     * @param parent the identified object
     * @param scheme the identification scheme
     * @param value the value
     * @param name its name
     */
    public static void externalId(Element parent, String scheme, String value, String name) {
        Element e = Dom.add(parent, Xds.RIM, "rim:ExternalIdentifier");
        e.setAttribute("id", newId());
        e.setAttribute("registryObject", parent.getAttribute("id"));
        e.setAttribute("identificationScheme", scheme);
        e.setAttribute("value", value);
        name(e, name);
    }

    /**
     * Writes a DocumentEntry.
     *
     * @param list the {@code rim:RegistryObjectList}
     * @param d the metadata
     * @return the {@code rim:ExtrinsicObject}
     */
    public static Element documentEntry(Element list, EntryData d) {
        Element eo = Dom.add(list, Xds.RIM, "rim:ExtrinsicObject");
        eo.setAttribute("id", d.entryId());
        eo.setAttribute("mimeType", d.mimeType());
        eo.setAttribute("objectType", Xds.DOCUMENT_ENTRY);
        slot(eo, "creationTime", TIME.format(d.creationTime()));
        slot(eo, "hash", d.hash());
        slot(eo, "languageCode", d.language());
        d.serviceStart().ifPresent(t -> slot(eo, "serviceStartTime", TIME.format(t)));
        d.serviceStop().ifPresent(t -> slot(eo, "serviceStopTime", TIME.format(t)));
        slot(eo, "size", Long.toString(d.size()));
        d.sourcePatientId().ifPresent(s -> slot(eo, "sourcePatientId", s));
        if (!d.sourcePatientInfo().isEmpty()) {
            slot(eo, "sourcePatientInfo", d.sourcePatientInfo());
        }
        d.title().ifPresent(t -> name(eo, t));
        for (EntryData.Author a : d.authors()) {
            author(eo, Xds.DE_AUTHOR, a);
        }
        coded(eo, Xds.DE_CLASS, d.classCode());
        for (Code c : d.confidentiality()) {
            coded(eo, Xds.DE_CONFIDENTIALITY, c);
        }
        for (Code c : d.events()) {
            coded(eo, Xds.DE_EVENT, c);
        }
        coded(eo, Xds.DE_FORMAT, d.formatCode());
        coded(eo, Xds.DE_FACILITY, d.facility());
        coded(eo, Xds.DE_PRACTICE, d.practice());
        coded(eo, Xds.DE_TYPE, d.typeCode());
        externalId(eo, Xds.DE_PATIENT_ID, d.patientId(), "XDSDocumentEntry.patientId");
        externalId(eo, Xds.DE_UNIQUE_ID, d.uniqueId(), "XDSDocumentEntry.uniqueId");
        return eo;
    }

    /**
     * Writes a SubmissionSet and its classification.
     *
     * @param list the registry object list
     * @param id the entryUUID
     * @param uniqueId the uniqueId
     * @param sourceId the source OID
     * @param patientId the patient (CX)
     * @param submissionTime when
     * @param author the author, or {@code null}
     * @param contentType the content type code
     * @return the package
     */
    public static Element submissionSet(Element list, String id, String uniqueId, String sourceId, String patientId,
            Instant submissionTime, EntryData.Author author, Code contentType) {
        Element rp = Dom.add(list, Xds.RIM, "rim:RegistryPackage");
        rp.setAttribute("id", id);
        slot(rp, "submissionTime", TIME.format(submissionTime));
        if (author != null) {
            author(rp, Xds.SS_AUTHOR, author);
        }
        coded(rp, Xds.SS_CONTENT_TYPE, contentType);
        externalId(rp, Xds.SS_UNIQUE_ID, uniqueId, "XDSSubmissionSet.uniqueId");
        externalId(rp, Xds.SS_SOURCE_ID, sourceId, "XDSSubmissionSet.sourceId");
        externalId(rp, Xds.SS_PATIENT_ID, patientId, "XDSSubmissionSet.patientId");
        Element c = Dom.add(list, Xds.RIM, "rim:Classification");
        c.setAttribute("id", newId());
        c.setAttribute("classifiedObject", id);
        c.setAttribute("classificationNode", Xds.SUBMISSION_SET);
        return rp;
    }

    /**
     * Writes an association.
     *
     * @param list the registry object list
     * @param type the association type
     * @param source the source id
     * @param target the target id
     * @return the association
     */
    public static Element association(Element list, String type, String source, String target) {
        Element a = Dom.add(list, Xds.RIM, "rim:Association");
        a.setAttribute("id", newId());
        a.setAttribute("associationType", type);
        a.setAttribute("sourceObject", source);
        a.setAttribute("targetObject", target);
        return a;
    }
}
