package fr.segurbio.cda.internal;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

import fr.segurbio.cda.Address;
import fr.segurbio.cda.Attachment;
import fr.segurbio.cda.Battery;
import fr.segurbio.cda.CdaError;
import fr.segurbio.cda.CdaException;
import fr.segurbio.cda.Chapter;
import fr.segurbio.cda.Code;
import fr.segurbio.cda.CodeSystems;
import fr.segurbio.cda.Comment;
import fr.segurbio.cda.CommentSection;
import fr.segurbio.cda.CrBioReport;
import fr.segurbio.cda.DocumentKind;
import fr.segurbio.cda.Encounter;
import fr.segurbio.cda.HealthProfessional;
import fr.segurbio.cda.InstanceId;
import fr.segurbio.cda.Interpretation;
import fr.segurbio.cda.Isolate;
import fr.segurbio.cda.Observation;
import fr.segurbio.cda.Organization;
import fr.segurbio.cda.Participation;
import fr.segurbio.cda.Patient;
import fr.segurbio.cda.PersonName;
import fr.segurbio.cda.PreviousResult;
import fr.segurbio.cda.ReferenceRange;
import fr.segurbio.cda.ResultEntry;
import fr.segurbio.cda.ResultItem;
import fr.segurbio.cda.ResultValue;
import fr.segurbio.cda.Specimen;
import fr.segurbio.cda.SubChapter;
import fr.segurbio.cda.Telecom;
import fr.segurbio.cda.xds.XdsMetadata;
import fr.segurbio.cda.xds.XdsProjection;
import fr.segurbio.core.Problem;
import fr.segurbio.ins.Ins;

/**
 * The StAX writer of CR-BIO N3 and N1 documents. Thread-safe: every call has its own state.
 */
public final class CdaXmlWriter {

    static final String HL7 = CrBioVocabulary.NS_HL7;
    static final String LAB = CrBioVocabulary.NS_LAB;
    static final String XSI = CrBioVocabulary.NS_XSI;

    private static final DateTimeFormatter TS = DateTimeFormatter.ofPattern("yyyyMMddHHmmssxx", Locale.ROOT);
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyyMMdd", Locale.ROOT);
    private static final DateTimeFormatter SHOW = DateTimeFormatter.ofPattern("dd/MM/yyyy HH:mm", Locale.ROOT);
    private static final int BUFFER = 32 * 1024;
    private static final XMLOutputFactory FACTORY = XMLOutputFactory.newDefaultFactory();

    private final String stylesheet;

    /**
     * A writer.
     *
     * @param stylesheet the href of the {@code xml-stylesheet} processing instruction, or {@code null}
     */
    public CdaXmlWriter(String stylesheet) {
        this.stylesheet = stylesheet;
    }

    /**
     * Writes an N3.
     *
     * @param report the report
     * @param pdf the PDF copy
     * @param out the stream
     * @return the metadata
     */
    public XdsMetadata writeN3(CrBioReport report, byte[] pdf, OutputStream out) {
        Counting counting = new Counting(out);
        try {
            Writer chars = utf8(counting);
            State s = new State(FACTORY.createXMLStreamWriter(chars), chars, counting, report.id());
            s.header(report, DocumentKind.N3, report.id(), report.setId(), report.replacedDocument().orElse(null),
                    stylesheet);
            s.structuredBody(report, pdf);
            s.finish();
        } catch (XMLStreamException e) {
            throw failure(e);
        }
        return metadata(report, DocumentKind.N3, report.id(), report.setId(), report.replacedDocument().orElse(null),
                counting);
    }

    /**
     * Writes an N1.
     *
     * @param report the report
     * @param pdf the PDF
     * @param id the N1 id
     * @param setId the N1 set id
     * @param replaced the id of the N1 this one replaces, or {@code null}
     * @param out the stream
     * @return the metadata
     */
    public XdsMetadata writeN1(CrBioReport report, byte[] pdf, InstanceId id, InstanceId setId, InstanceId replaced,
            OutputStream out) {
        Counting counting = new Counting(out);
        try {
            Writer chars = utf8(counting);
            State s = new State(FACTORY.createXMLStreamWriter(chars), chars, counting, id);
            s.header(report, DocumentKind.N1, id, setId, replaced, stylesheet);
            s.start("component");
            s.start("nonXMLBody");
            s.start("text");
            s.attr("mediaType", "application/pdf");
            s.attr("representation", "B64");
            s.base64(pdf);
            s.end();
            s.end();
            s.end();
            s.finish();
        } catch (XMLStreamException e) {
            throw failure(e);
        }
        return metadata(report, DocumentKind.N1, id, setId, replaced, counting);
    }

    /** The JDK's StAX writer is far faster over a buffered {@code Writer} than over an {@code OutputStream}. */
    private static Writer utf8(OutputStream out) {
        // the char buffer in front makes the UTF-8 encoder run on large chunks, not on every name and attribute
        return new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), BUFFER);
    }

    private static CdaException failure(Exception e) {
        Throwable cause = e.getCause() != null ? e.getCause() : e;
        return new CdaException(Problem.of(CdaError.WRITE_FAILED, "", String.valueOf(cause.getMessage())), e);
    }

    private static XdsMetadata metadata(CrBioReport r, DocumentKind kind, InstanceId id, InstanceId setId,
            InstanceId replaced, Counting counting) {
        return XdsProjection.project(r, kind, id, setId, replaced, counting.count, counting.hash());
    }

    // ------------------------------------------------------------------ streaming state

    /** Counts and hashes what is written. */
    private static final class Counting extends OutputStream {
        private final OutputStream out;
        private final MessageDigest sha1;
        private long count;

        Counting(OutputStream out) {
            this.out = out;
            try {
                this.sha1 = MessageDigest.getInstance("SHA-1");
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("SHA-1 is missing from this JVM", e);
            }
        }

        @Override
        public void write(int b) throws IOException {
            out.write(b);
            sha1.update((byte) b);
            count++;
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
            sha1.update(b, off, len);
            count += len;
        }

        @Override
        public void flush() throws IOException {
            out.flush();
        }

        String hash() {
            return HexFormat.of().formatHex(sha1.digest());
        }
    }

    /** The writing of one document. */
    private static final class State {
        private final XMLStreamWriter w;
        private final Writer chars;
        private final OutputStream bytes;
        private final String seed;
        private int ids;
        private int uuids;

        State(XMLStreamWriter w, Writer chars, OutputStream bytes, InstanceId documentId) {
            this.w = w;
            this.chars = chars;
            this.bytes = bytes;
            this.seed = documentId.toXds();
        }

        // ---- primitives

        /** An element of the default (HL7) namespace, declared on the root: no namespace lookup per element. */
        void start(String name) throws XMLStreamException {
            w.writeStartElement(name);
        }

        void empty(String name) throws XMLStreamException {
            w.writeEmptyElement(name);
        }

        void end() throws XMLStreamException {
            w.writeEndElement();
        }

        void attr(String name, String value) throws XMLStreamException {
            w.writeAttribute(name, value);
        }

        void xsiType(String type) throws XMLStreamException {
            w.writeAttribute("xsi", XSI, "type", type);
        }

        void text(String s) throws XMLStreamException {
            w.writeCharacters(s);
        }

        void element(String name, String text) throws XMLStreamException {
            start(name);
            text(text);
            end();
        }

        void finish() throws XMLStreamException {
            w.writeEndDocument();
            w.flush();
            w.close();
        }

        String nextId(String prefix) {
            return prefix + "-" + (++ids);
        }

        String uuid() {
            return UUID.nameUUIDFromBytes((seed + "#" + (++uuids)).getBytes(StandardCharsets.UTF_8)).toString()
                    .toUpperCase(Locale.ROOT);
        }

        /**
         * Base64 content written straight to the byte stream: the characters need no escaping and no encoding, so
         * the StAX writer (which would check and encode each of them) is flushed and bypassed.
         */
        void base64(byte[] data) throws XMLStreamException {
            w.writeCharacters("");
            w.flush();
            try {
                chars.flush();
                Base64.Encoder enc = Base64.getEncoder();
                int chunk = 3 * 8192;
                byte[] encoded = new byte[4 * 8192];
                for (int off = 0; off < data.length; off += chunk) {
                    int len = Math.min(chunk, data.length - off);
                    int n = enc.encode(len == data.length ? data : java.util.Arrays.copyOfRange(data, off, off + len),
                            encoded);
                    bytes.write(encoded, 0, n);
                }
            } catch (IOException e) {
                throw new XMLStreamException(e);
            }
        }

        void templateId(String root) throws XMLStreamException {
            empty("templateId");
            attr("root", root);
        }

        void templateId(String root, String extension) throws XMLStreamException {
            empty("templateId");
            attr("root", root);
            attr("extension", extension);
        }

        void id(String name, InstanceId id) throws XMLStreamException {
            empty(name);
            attr("root", id.root());
            if (id.extension() != null) {
                attr("extension", id.extension());
            }
        }

        void uuidId() throws XMLStreamException {
            empty("id");
            attr("root", uuid());
        }

        void codeAttrs(Code c) throws XMLStreamException {
            attr("code", c.code());
            if (c.displayName() != null) {
                attr("displayName", c.displayName());
            }
            attr("codeSystem", c.codeSystem());
            Optional<String> name = c.codeSystemName();
            if (name.isPresent()) {
                attr("codeSystemName", name.get());
            }
        }

        void code(String name, Code c) throws XMLStreamException {
            empty(name);
            codeAttrs(c);
        }

        /** A code with originalText reference and optional translation; without main code when absent. */
        void codeWithText(String name, Code main, Code translation, String reference) throws XMLStreamException {
            start(name);
            if (main != null) {
                codeAttrs(main);
            }
            if (reference != null) {
                start("originalText");
                empty("reference");
                attr("value", "#" + reference);
                end();
            }
            if (translation != null) {
                empty("translation");
                codeAttrs(translation);
            }
            end();
        }

        void ts(String name, OffsetDateTime t) throws XMLStreamException {
            empty(name);
            attr("value", TS.format(t));
        }

        void statusCode(String code) throws XMLStreamException {
            empty("statusCode");
            attr("code", code);
        }

        void addr(Address a, String nullFlavor) throws XMLStreamException {
            if (a == null) {
                empty("addr");
                attr("nullFlavor", nullFlavor);
                return;
            }
            start("addr");
            List<String> lines = a.streetLines();
            if (!lines.isEmpty()) {
                element("streetName", lines.get(0));
            }
            if (lines.size() > 1) {
                element("additionalLocator", lines.get(1));
            }
            if (a.postalCode() != null) {
                element("postalCode", a.postalCode());
            }
            element("city", a.city());
            if (a.country() != null) {
                element("country", a.country());
            }
            end();
        }

        void telecoms(List<Telecom> telecoms, String nullFlavor) throws XMLStreamException {
            if (telecoms.isEmpty()) {
                empty("telecom");
                attr("nullFlavor", nullFlavor);
                return;
            }
            for (Telecom t : telecoms) {
                empty("telecom");
                attr("value", t.value());
                if (t.use() != null) {
                    attr("use", t.use());
                }
            }
        }

        void name(PersonName n) throws XMLStreamException {
            start("name");
            if (n.prefix() != null) {
                element("prefix", n.prefix());
            }
            if (n.given() != null) {
                element("given", n.given());
            }
            element("family", n.family());
            if (n.suffix() != null) {
                element("suffix", n.suffix());
            }
            end();
        }

        /** id, name, telecom, addr, [standardIndustryClassCode]. */
        void organization(String element, Organization o, boolean withPracticeSetting) throws XMLStreamException {
            start(element);
            id("id", o.id());
            element("name", o.name());
            telecoms(o.telecoms(), "UNK");
            addr(o.address(), "UNK");
            if (withPracticeSetting && o.practiceSetting() != null) {
                code("standardIndustryClassCode", o.practiceSetting());
            }
            end();
        }

        /** Content of assignedAuthor / assignedEntity: id, code, addr, telecom, person, organization. */
        void assigned(HealthProfessional hp, String personElement, String orgElement, boolean withCode,
                boolean withPracticeSetting) throws XMLStreamException {
            id("id", hp.id());
            if (withCode && hp.profession().isPresent()) {
                code("code", hp.profession().get());
            }
            addr(hp.address().orElse(null), "UNK");
            telecoms(hp.telecoms(), "UNK");
            start(personElement);
            name(hp.name());
            end();
            if (orgElement != null && hp.organization().isPresent()) {
                organization(orgElement, hp.organization().get(), withPracticeSetting);
            }
        }

        // ---- header

        /**
         * informationRecipient/intendedRecipient: templateId (IHE XD-LAB intended recipient), id (idNat_PS), addr,
         * telecom, the person's name and the receiving organization, in the CDA schema order.
         */
        void informationRecipient(HealthProfessional hp) throws XMLStreamException {
            start("informationRecipient");
            start("intendedRecipient");
            templateId(CrBioVocabulary.T_INTENDED_RECIPIENT);
            id("id", hp.id());
            addr(hp.address().orElse(null), "UNK");
            telecoms(hp.telecoms(), "UNK");
            start("informationRecipient");
            name(hp.name());
            end();
            if (hp.organization().isPresent()) {
                Organization o = hp.organization().get();
                start("receivedOrganization");
                id("id", o.id());
                element("name", o.name());
                telecoms(o.telecoms(), "UNK");
                addr(o.address(), "UNK");
                end();
            }
            end();
            end();
        }

        void header(CrBioReport r, DocumentKind kind, InstanceId id, InstanceId setId, InstanceId replaced,
                String stylesheet) throws XMLStreamException {
            w.writeStartDocument("UTF-8", "1.0");
            if (stylesheet != null) {
                w.writeProcessingInstruction("xml-stylesheet", "type=\"text/xsl\" href=\"" + stylesheet + "\"");
            }
            w.setDefaultNamespace(HL7);
            w.setPrefix("lab", LAB);
            w.setPrefix("xsi", XSI);
            w.writeStartElement(HL7, "ClinicalDocument");
            w.writeDefaultNamespace(HL7);
            w.writeNamespace("lab", LAB);
            w.writeNamespace("xsi", XSI);
            empty("realmCode");
            attr("code", CrBioVocabulary.REALM_FR);
            empty("typeId");
            attr("root", CrBioVocabulary.TYPE_ID_ROOT);
            attr("extension", CrBioVocabulary.TYPE_ID_EXTENSION);
            templateId(CrBioVocabulary.T_HL7_FRANCE);
            templateId(CrBioVocabulary.T_CI_SIS);
            if (kind == DocumentKind.N3) {
                templateId(CrBioVocabulary.T_XD_LAB);
                templateId(CrBioVocabulary.T_CR_BIO, CrBioVocabulary.CR_BIO_VERSION);
            } else {
                templateId(CrBioVocabulary.T_XDS_SD);
            }
            id("id", id);
            code("code", CrBioReport.DOCUMENT_CODE);
            element("title", CrBioReport.TITLE);
            ts("effectiveTime", r.effectiveTime());
            code("confidentialityCode", r.confidentiality().code());
            empty("languageCode");
            attr("code", r.language());
            id("setId", setId);
            empty("versionNumber");
            attr("value", Integer.toString(r.version()));
            recordTarget(r.patient());
            for (Participation a : r.authors()) {
                start("author");
                ts("time", a.time());
                start("assignedAuthor");
                assigned(a.professional(), "assignedPerson", "representedOrganization", true, false);
                end();
                end();
            }
            start("custodian");
            start("assignedCustodian");
            organization("representedCustodianOrganization", r.custodian(), false);
            end();
            end();
            for (HealthProfessional recipient : r.recipients()) {
                informationRecipient(recipient);
            }
            Participation la = r.legalAuthenticator();
            start("legalAuthenticator");
            ts("time", la.time());
            empty("signatureCode");
            attr("code", "S");
            start("assignedEntity");
            assigned(la.professional(), "assignedPerson", "representedOrganization", true, true);
            end();
            end();
            for (Participation a : r.authenticators()) {
                start("authenticator");
                templateId(CrBioVocabulary.T_AUTHENTICATOR);
                ts("time", a.time());
                empty("signatureCode");
                attr("code", "S");
                start("assignedEntity");
                assigned(a.professional(), "assignedPerson", "representedOrganization", true, false);
                end();
                end();
            }
            if (r.prescriber().isPresent()) {
                Participation p = r.prescriber().get();
                start("participant");
                attr("typeCode", "REF");
                templateId(CrBioVocabulary.T_ORDERING_PROVIDER);
                start("time");
                xsiType("IVL_TS");
                ts("high", p.time());
                end();
                start("associatedEntity");
                attr("classCode", "PROV");
                assigned(p.professional(), "associatedPerson", "scopingOrganization", true, false);
                end();
                end();
            }
            if (r.sampler().isPresent()) {
                Participation p = r.sampler().get();
                start("participant");
                attr("typeCode", "PRF");
                empty("functionCode");
                attr("code", CrBioVocabulary.SAMPLER_FUNCTION);
                attr("displayName", CrBioVocabulary.SAMPLER_FUNCTION_DISPLAY);
                attr("codeSystem", CodeSystems.PARTICIPATION_FUNCTION);
                start("time");
                xsiType("IVL_TS");
                ts("high", p.time());
                end();
                start("associatedEntity");
                attr("classCode", "PROV");
                assigned(p.professional(), "associatedPerson", "scopingOrganization", true, false);
                end();
                end();
            }
            if (r.orderId().isPresent()) {
                start("inFulfillmentOf");
                start("order");
                id("id", r.orderId().get());
                end();
                end();
            }
            documentationOf(r);
            if (replaced != null) {
                start("relatedDocument");
                attr("typeCode", "RPLC");
                start("parentDocument");
                id("id", replaced);
                end();
                end();
            }
            componentOf(r.encounter());
        }

        void recordTarget(Patient p) throws XMLStreamException {
            start("recordTarget");
            start("patientRole");
            Optional<Ins> ins = p.shareableIns();
            if (ins.isPresent()) {
                empty("id");
                attr("root", ins.get().oid());
                attr("extension", ins.get().matricule().value());
            }
            id("id", p.localId());
            addr(p.address().orElse(null), "UNK");
            telecoms(p.telecoms(), "UNK");
            start("patient");
            attr("classCode", "PSN");
            start("name");
            start("family");
            attr("qualifier", "BR");
            text(p.birthFamilyName());
            end();
            if (p.birthGivenNames().isPresent()) {
                element("given", p.birthGivenNames().get());
            }
            if (p.firstBirthGivenName().isPresent()) {
                start("given");
                attr("qualifier", "BR");
                text(p.firstBirthGivenName().get());
                end();
            }
            start("family");
            attr("qualifier", "CL");
            text(p.usedFamilyName().orElse(p.birthFamilyName()));
            end();
            Optional<String> usedGiven = p.usedGivenName().or(p::firstBirthGivenName);
            if (usedGiven.isPresent()) {
                start("given");
                attr("qualifier", "CL");
                text(usedGiven.get());
                end();
            }
            end();
            empty("administrativeGenderCode");
            attr("code", p.gender().name());
            attr("displayName", p.gender().displayName());
            attr("codeSystem", CodeSystems.ADMINISTRATIVE_GENDER);
            empty("birthTime");
            if (p.birthDate().isPresent()) {
                attr("value", DATE.format(p.birthDate().get()));
            } else {
                attr("nullFlavor", "UNK");
            }
            if (p.birthPlace().isPresent()) {
                start("birthplace");
                start("place");
                start("addr");
                element("county", p.birthPlace().get().code());
                if (p.birthCity().isPresent()) {
                    element("city", p.birthCity().get());
                }
                end();
                end();
                end();
            }
            end();
            end();
            end();
        }

        void documentationOf(CrBioReport r) throws XMLStreamException {
            List<Code> chapters = new ArrayList<>();
            for (Chapter c : r.chapters()) {
                if (chapters.stream().noneMatch(x -> x.code().equals(c.code().code()))) {
                    chapters.add(c.code());
                }
            }
            start("documentationOf");
            start("serviceEvent");
            if (r.requestId().isPresent()) {
                id("id", r.requestId().get());
            }
            code("code", chapters.get(0));
            w.writeEmptyElement(LAB, "statusCode");
            attr("code", r.reportStatus().code());
            start("effectiveTime");
            ts("low", r.requestReceived());
            ts("high", r.reportReleased());
            end();
            Participation lab = r.performingLab();
            start("performer");
            attr("typeCode", "PRF");
            templateId(CrBioVocabulary.T_LAB_PERFORMER);
            start("time");
            ts("high", lab.time());
            end();
            start("assignedEntity");
            assigned(lab.professional(), "assignedPerson", "representedOrganization", true, true);
            end();
            end();
            end();
            end();
            for (int i = 1; i < chapters.size(); i++) {
                start("documentationOf");
                start("serviceEvent");
                code("code", chapters.get(i));
                end();
                end();
            }
        }

        void componentOf(Encounter e) throws XMLStreamException {
            start("componentOf");
            start("encompassingEncounter");
            id("id", e.id());
            code("code", e.code());
            start("effectiveTime");
            ts("low", e.start());
            end();
            start("responsibleParty");
            start("assignedEntity");
            assigned(e.responsible(), "assignedPerson", "representedOrganization", true, false);
            end();
            end();
            Organization location = e.responsible().organization().orElseThrow();
            start("location");
            start("healthCareFacility");
            code("code", e.facilityType());
            start("location");
            element("name", location.name());
            addr(location.address(), "UNK");
            end();
            end();
            end();
            end();
            end();
        }

        // ---- body

        void structuredBody(CrBioReport r, byte[] pdf) throws XMLStreamException {
            start("component");
            start("structuredBody");
            for (CommentSection c : r.commentSections()) {
                commentSection(c);
            }
            for (Chapter c : r.chapters()) {
                chapter(c);
            }
            for (Attachment a : r.secondLineResults()) {
                attachedDocumentSection(CrBioVocabulary.T_SECOND_LINE, CrBioVocabulary.SECOND_LINE_SECTION,
                        a.caption(), a.caption(), a.data(), false);
            }
            attachedDocumentSection(CrBioVocabulary.T_PDF_COPY, CrBioVocabulary.PDF_COPY_SECTION,
                    "Copie du document", "Copie PDF du document", pdf, true);
            end();
            end();
        }

        void commentSection(CommentSection c) throws XMLStreamException {
            start("component");
            start("section");
            templateId(CrBioVocabulary.T_CDA_SECTION);
            templateId(CrBioVocabulary.T_PCC_COMMENT_SECTION);
            templateId(CrBioVocabulary.T_COMMENT_SECTION);
            uuidId();
            code("code", CrBioVocabulary.COMMENT_SECTION);
            element("title", c.title());
            start("text");
            for (String para : c.text().split("\\R\\s*\\R")) {
                element("paragraph", para.strip());
            }
            end();
            end();
            end();
        }

        void attachedDocumentSection(String templateId, Code code, String title,
                String caption, byte[] pdf, boolean copy) throws XMLStreamException {
            String titleId = nextId("doc-title");
            String mediaId = nextId("doc");
            start("component");
            start("section");
            templateId(templateId);
            uuidId();
            code("code", code);
            element("title", title);
            start("text");
            start("table");
            attr("border", "0");
            start("tbody");
            start("tr");
            start("td");
            start("content");
            attr("ID", titleId);
            text(caption);
            end();
            end();
            end();
            start("tr");
            start("td");
            empty("renderMultiMedia");
            attr("referencedObject", mediaId);
            end();
            end();
            end();
            end();
            end();
            start("entry");
            start("organizer");
            attr("classCode", "CLUSTER");
            attr("moodCode", "EVN");
            templateId(CrBioVocabulary.T_ATTACHED_DOCUMENT);
            uuidId();
            code("code", CrBioVocabulary.ATTACHED_DOCUMENT);
            statusCode("completed");
            start("component");
            start("observation");
            attr("classCode", "OBS");
            attr("moodCode", "EVN");
            templateId(CrBioVocabulary.T_SIMPLE_OBSERVATION);
            templateId(CrBioVocabulary.T_FR_SIMPLE_OBSERVATION);
            templateId(CrBioVocabulary.T_ATTACHED_DOCUMENT_TYPE);
            uuidId();
            code("code", CrBioVocabulary.ATTACHED_DOCUMENT_TYPE);
            start("text");
            empty("reference");
            attr("value", "#" + titleId);
            end();
            statusCode("completed");
            empty("effectiveTime");
            attr("nullFlavor", "NA");
            if (copy) {
                empty("value");
                xsiType("CD");
                codeAttrs(CrBioVocabulary.PDF_COPY_SECTION);
            } else {
                start("value");
                xsiType("CD");
                start("originalText");
                empty("reference");
                attr("value", "#" + titleId);
                end();
                end();
            }
            end();
            end();
            start("component");
            start("observationMedia");
            attr("classCode", "OBS");
            attr("moodCode", "EVN");
            attr("ID", mediaId);
            start("value");
            attr("mediaType", "application/pdf");
            attr("representation", "B64");
            base64(pdf);
            end();
            end();
            end();
            end();
            end();
            end();
            end();
        }

        void chapter(Chapter c) throws XMLStreamException {
            start("component");
            start("section");
            templateId(CrBioVocabulary.T_CHAPTER);
            templateId(CrBioVocabulary.T_FR_CHAPTER);
            code("code", c.code());
            element("title", c.title());
            if (c.entry() != null) {
                entryWithText(c.entry());
            } else {
                for (SubChapter s : c.subChapters()) {
                    start("component");
                    start("section");
                    templateId(CrBioVocabulary.T_SUBCHAPTER);
                    templateId(CrBioVocabulary.T_FR_SUBCHAPTER);
                    if (s.code() != null) {
                        code("code", s.code());
                    }
                    element("title", s.title());
                    entryWithText(s.entry());
                    end();
                    end();
                }
            }
            end();
            end();
        }

        /** Writes the narrative then the entry, with the same generated IDs. */
        void entryWithText(ResultEntry e) throws XMLStreamException {
            Ids ids = new Ids(this);
            narrative(e, ids);
            entry(e, ids);
        }

        // ---- narrative

        void narrative(ResultEntry e, Ids ids) throws XMLStreamException {
            start("text");
            for (Specimen s : e.specimens()) {
                StringBuilder b = new StringBuilder("Prélèvement : ").append(s.type().label());
                s.site().ifPresent(site -> b.append(" (").append(site.label()).append(')'));
                b.append(", prélevé le ").append(SHOW.format(s.collected()));
                s.received().ifPresent(t -> b.append(", reçu le ").append(SHOW.format(t)));
                element("paragraph", b.toString());
            }
            if (e.performer().isPresent()) {
                element("paragraph", "Examens réalisés par " + labName(e.performer().get()));
            }
            start("table");
            attr("border", "0");
            start("thead");
            start("tr");
            for (String h : new String[] {"Examen", "Résultat", "Valeurs de référence", "Interprétation",
                "Antériorités"}) {
                element("th", h);
            }
            end();
            end();
            start("tbody");
            for (ResultItem item : e.results()) {
                rows(item, ids);
            }
            end();
            end();
            for (Comment c : e.comments()) {
                start("paragraph");
                start("content");
                attr("ID", ids.of(c));
                text(c.text());
                end();
                end();
            }
            for (Attachment image : e.images()) {
                start("renderMultiMedia");
                attr("referencedObject", ids.of(image));
                element("caption", image.caption());
                end();
            }
            if (e.validator().isPresent()) {
                Participation v = e.validator().get();
                element("paragraph", "Résultats validés par " + v.professional().name().display() + " le "
                        + SHOW.format(v.time()));
            }
            end();
        }

        private static String labName(Participation p) {
            return p.professional().organization().map(Organization::name).orElse(p.professional().name().display());
        }

        void rows(ResultItem item, Ids ids) throws XMLStreamException {
            if (item instanceof Observation o) {
                observationRow(o, ids);
            } else if (item instanceof Battery b) {
                headingRow(ids.of(b), b.label());
                for (ResultItem i : b.items()) {
                    rows(i, ids);
                }
                commentRows(b.comments(), ids);
            } else if (item instanceof Isolate i) {
                headingRow(ids.of(i), i.label());
                for (Observation o : i.observations()) {
                    observationRow(o, ids);
                }
                if (i.antibiogram().isPresent()) {
                    rows(i.antibiogram().get(), ids);
                }
            }
        }

        void headingRow(String id, String label) throws XMLStreamException {
            start("tr");
            start("td");
            attr("colspan", "5");
            start("content");
            attr("ID", id);
            attr("styleCode", "Bold");
            text(label);
            end();
            end();
            end();
        }

        void commentRows(List<Comment> comments, Ids ids) throws XMLStreamException {
            for (Comment c : comments) {
                start("tr");
                start("td");
                attr("colspan", "5");
                start("content");
                attr("ID", ids.of(c));
                attr("styleCode", "Italics");
                text(c.text());
                end();
                end();
                end();
            }
        }

        void observationRow(Observation o, Ids ids) throws XMLStreamException {
            start("tr");
            start("td");
            start("content");
            attr("ID", ids.of(o));
            text(o.label());
            end();
            if (o.methodText().isPresent() || o.method().isPresent()) {
                empty("br");
                start("content");
                attr("ID", ids.methodOf(o));
                attr("styleCode", "Italics");
                text(o.methodText().orElseGet(() -> o.method().get().label()));
                end();
            }
            if (o.performer().isPresent()) {
                empty("br");
                text("Réalisé par " + labName(o.performer().get()));
            }
            end();
            start("td");
            if (o.value().isEmpty()) {
                text("Non réalisé");
            } else if (o.value().get() instanceof ResultValue.Coded c && c.code() == null) {
                start("content");
                attr("ID", ids.valueOf(o));
                text(c.display());
                end();
            } else {
                ResultValue v = o.value().get();
                if (o.interpretation().isPresent() && o.interpretation().get() != Interpretation.N) {
                    start("content");
                    attr("styleCode", "Bold");
                    text(v.display());
                    end();
                } else {
                    text(v.display());
                }
            }
            end();
            element("td", o.referenceRange().map(ReferenceRange::display).orElse(""));
            element("td", o.interpretation().map(Interpretation::displayName).orElse(""));
            start("td");
            boolean first = true;
            for (PreviousResult p : o.previousResults()) {
                if (!first) {
                    empty("br");
                }
                first = false;
                text(SHOW.format(p.time()) + " : " + p.value().display());
            }
            end();
            end();
            commentRows(o.comments(), ids);
        }

        // ---- entries

        void entry(ResultEntry e, Ids ids) throws XMLStreamException {
            start("entry");
            attr("typeCode", "DRIV");
            templateId(CrBioVocabulary.T_DATA_PROCESSING_ENTRY);
            templateId(CrBioVocabulary.T_FR_DATA_PROCESSING_ENTRY);
            start("act");
            attr("classCode", "ACT");
            attr("moodCode", "EVN");
            code("code", e.code());
            statusCode(e.status().code());
            if (e.performer().isPresent()) {
                subcontractor(e.performer().get());
            }
            if (e.validator().isPresent()) {
                Participation v = e.validator().get();
                start("participant");
                attr("typeCode", "AUTHEN");
                templateId(CrBioVocabulary.T_AUTHENTICATOR);
                templateId(CrBioVocabulary.T_FR_VALIDATOR);
                start("time");
                ts("high", v.time());
                end();
                start("participantRole");
                HealthProfessional hp = v.professional();
                id("id", hp.id());
                addr(hp.address().orElse(null), "UNK");
                telecoms(hp.telecoms(), "UNK");
                start("playingEntity");
                name(hp.name());
                end();
                end();
                end();
            }
            for (Specimen s : e.specimens()) {
                start("entryRelationship");
                attr("typeCode", "COMP");
                specimen(s);
                end();
            }
            for (ResultItem item : e.results()) {
                start("entryRelationship");
                attr("typeCode", "COMP");
                item(item, ids);
                end();
            }
            for (Attachment image : e.images()) {
                start("entryRelationship");
                attr("typeCode", "COMP");
                start("observationMedia");
                attr("classCode", "OBS");
                attr("moodCode", "EVN");
                attr("ID", ids.of(image));
                templateId(CrBioVocabulary.T_OBSERVATION_MEDIA);
                templateId(CrBioVocabulary.T_FR_OBSERVATION_MEDIA);
                start("value");
                attr("mediaType", image.mediaType());
                attr("representation", "B64");
                base64(image.data());
                end();
                end();
                end();
            }
            for (Comment c : e.comments()) {
                start("entryRelationship");
                attr("typeCode", "SUBJ");
                comment(c, ids);
                end();
            }
            end();
            end();
        }

        void subcontractor(Participation p) throws XMLStreamException {
            start("performer");
            attr("typeCode", "PRF");
            templateId(CrBioVocabulary.T_LAB_PERFORMER);
            templateId(CrBioVocabulary.T_FR_SUBCONTRACTOR);
            ts("time", p.time());
            start("assignedEntity");
            assigned(p.professional(), "assignedPerson", "representedOrganization", false, true);
            end();
            end();
        }

        void comment(Comment c, Ids ids) throws XMLStreamException {
            start("act");
            attr("classCode", "ACT");
            attr("moodCode", "EVN");
            templateId(CrBioVocabulary.T_CCD_COMMENT);
            templateId(CrBioVocabulary.T_PCC_COMMENT);
            templateId(CrBioVocabulary.T_FR_COMMENT);
            code("code", CrBioVocabulary.COMMENT_ENTRY);
            start("text");
            empty("reference");
            attr("value", "#" + ids.of(c));
            end();
            statusCode("completed");
            end();
        }

        void specimen(Specimen s) throws XMLStreamException {
            start("procedure");
            attr("classCode", "PROC");
            attr("moodCode", "EVN");
            templateId(CrBioVocabulary.T_SPECIMEN_COLLECTION);
            templateId(CrBioVocabulary.T_FR_SPECIMEN_COLLECTION);
            if (s.act().isPresent()) {
                code("code", s.act().get());
            }
            ts("effectiveTime", s.collected());
            if (s.site().isPresent()) {
                code("targetSiteCode", s.site().get());
            }
            start("participant");
            attr("typeCode", "PRD");
            start("participantRole");
            attr("classCode", "SPEC");
            if (s.id().isPresent()) {
                id("id", s.id().get());
            } else {
                uuidId();
            }
            start("playingEntity");
            code("code", s.type());
            end();
            end();
            end();
            if (s.received().isPresent()) {
                start("entryRelationship");
                attr("typeCode", "COMP");
                start("act");
                attr("classCode", "ACT");
                attr("moodCode", "EVN");
                templateId(CrBioVocabulary.T_SPECIMEN_RECEIVED);
                templateId(CrBioVocabulary.T_FR_SPECIMEN_RECEIVED);
                code("code", CrBioVocabulary.SPECIMEN_RECEIVED);
                ts("effectiveTime", s.received().get());
                end();
                end();
            }
            end();
        }

        void item(ResultItem item, Ids ids) throws XMLStreamException {
            if (item instanceof Observation o) {
                observation(o, ids);
            } else if (item instanceof Battery b) {
                battery(b, ids);
            } else if (item instanceof Isolate i) {
                isolate(i, ids);
            }
        }

        void battery(Battery b, Ids ids) throws XMLStreamException {
            start("organizer");
            attr("classCode", "BATTERY");
            attr("moodCode", "EVN");
            templateId(CrBioVocabulary.T_BATTERY);
            templateId(CrBioVocabulary.T_FR_BATTERY);
            codeWithText("code", b.loinc().orElse(null), b.localCode().orElse(null), ids.of(b));
            statusCode(b.status().code());
            for (ResultItem i : b.items()) {
                start("component");
                item(i, ids);
                end();
            }
            for (Comment c : b.comments()) {
                start("component");
                comment(c, ids);
                end();
            }
            end();
        }

        void isolate(Isolate i, Ids ids) throws XMLStreamException {
            start("organizer");
            attr("classCode", "CLUSTER");
            attr("moodCode", "EVN");
            templateId(CrBioVocabulary.T_ISOLATE);
            templateId(CrBioVocabulary.T_FR_ISOLATE);
            statusCode("completed");
            if (i.time().isPresent()) {
                ts("effectiveTime", i.time().get());
            }
            start("specimen");
            attr("typeCode", "SPC");
            start("specimenRole");
            attr("classCode", "SPEC");
            if (i.id().isPresent()) {
                id("id", i.id().get());
            } else {
                uuidId();
            }
            start("specimenPlayingEntity");
            attr("classCode", "MIC");
            codeWithText("code", i.organism(), i.taxonomy().orElse(null), ids.of(i));
            end();
            end();
            end();
            for (Observation o : i.observations()) {
                start("component");
                observation(o, ids);
                end();
            }
            if (i.antibiogram().isPresent()) {
                start("component");
                battery(i.antibiogram().get(), ids);
                end();
            }
            end();
        }

        void observation(Observation o, Ids ids) throws XMLStreamException {
            start("observation");
            attr("classCode", "OBS");
            attr("moodCode", "EVN");
            templateId(CrBioVocabulary.T_RESULT);
            templateId(CrBioVocabulary.T_FR_RESULT);
            codeWithText("code", o.loinc().orElse(null), o.localCode().orElse(null), ids.of(o));
            statusCode(o.status().code());
            if (o.time().isPresent()) {
                ts("effectiveTime", o.time().get());
            }
            if (o.value().isPresent()) {
                value(o.value().get(), ids.valueOfIfAny(o));
            }
            if (o.interpretation().isPresent()) {
                interpretation(o.interpretation().get());
            }
            if (o.method().isPresent()) {
                code("methodCode", o.method().get());
            } else if (o.methodText().isPresent()) {
                start("methodCode");
                start("originalText");
                empty("reference");
                attr("value", "#" + ids.methodOf(o));
                end();
                end();
            }
            if (o.performer().isPresent()) {
                subcontractor(o.performer().get());
            }
            for (Comment c : o.comments()) {
                start("entryRelationship");
                attr("typeCode", "SUBJ");
                comment(c, ids);
                end();
            }
            for (PreviousResult p : o.previousResults()) {
                start("entryRelationship");
                attr("typeCode", "REFR");
                start("observation");
                attr("classCode", "OBS");
                attr("moodCode", "EVN");
                codeWithText("code", o.loinc().orElse(null), o.localCode().orElse(null), null);
                statusCode("completed");
                ts("effectiveTime", p.time());
                value(p.value(), null);
                if (p.interpretation() != null) {
                    interpretation(p.interpretation());
                }
                end();
                end();
            }
            if (o.referenceRange().isPresent()) {
                ReferenceRange r = o.referenceRange().get();
                start("referenceRange");
                attr("typeCode", "REFV");
                start("observationRange");
                attr("classCode", "OBS");
                attr("moodCode", "EVN.CRT");
                if (r.text() != null) {
                    element("text", r.text());
                }
                start("value");
                xsiType("IVL_PQ");
                if (r.low() != null) {
                    pq("low", r.low(), null);
                }
                if (r.high() != null) {
                    pq("high", r.high(), null);
                }
                end();
                interpretation(Interpretation.N);
                end();
                end();
            }
            end();
        }

        void interpretation(Interpretation i) throws XMLStreamException {
            empty("interpretationCode");
            attr("code", i.code());
            attr("displayName", i.displayName());
            attr("codeSystem", CodeSystems.OBSERVATION_INTERPRETATION);
        }

        void pq(String name, ResultValue.Quantity q, Boolean inclusive) throws XMLStreamException {
            empty(name);
            attr("value", q.value().toPlainString());
            attr("unit", q.unit());
            if (inclusive != null) {
                attr("inclusive", inclusive.toString());
            }
        }

        void value(ResultValue v, String textId) throws XMLStreamException {
            if (v instanceof ResultValue.Quantity q) {
                empty("value");
                xsiType("PQ");
                attr("value", q.value().toPlainString());
                attr("unit", q.unit());
            } else if (v instanceof ResultValue.QuantityRange r) {
                start("value");
                xsiType("IVL_PQ");
                if (r.low() != null) {
                    pq("low", r.low(), r.lowInclusive());
                }
                if (r.high() != null) {
                    pq("high", r.high(), r.highInclusive());
                }
                end();
            } else if (v instanceof ResultValue.Coded c) {
                start("value");
                xsiType(c.ordinal() ? "CO" : "CD");
                if (c.code() != null) {
                    codeAttrs(c.code());
                }
                if (c.code() == null) {
                    if (textId != null) {
                        start("originalText");
                        empty("reference");
                        attr("value", "#" + textId);
                        end();
                    } else {
                        element("originalText", c.text());
                    }
                }
                end();
            } else if (v instanceof ResultValue.Text t) {
                start("value");
                xsiType("ST");
                text(t.text());
                end();
            } else if (v instanceof ResultValue.Ratio r) {
                start("value");
                xsiType("RTO");
                number("numerator", r.numerator());
                number("denominator", r.denominator());
                end();
            } else if (v instanceof ResultValue.Bool b) {
                empty("value");
                xsiType("BL");
                attr("value", Boolean.toString(b.value()));
            } else if (v instanceof ResultValue.Int i) {
                empty("value");
                xsiType("INT");
                attr("value", Long.toString(i.value()));
            } else if (v instanceof ResultValue.Real r) {
                empty("value");
                xsiType("REAL");
                attr("value", r.value().toPlainString());
            }
        }

        void number(String name, BigDecimal n) throws XMLStreamException {
            empty(name);
            boolean integer = n.signum() == 0 || n.scale() <= 0 || n.stripTrailingZeros().scale() <= 0;
            xsiType(integer ? "INT" : "REAL");
            attr("value", integer ? n.toBigInteger().toString() : n.toPlainString());
        }
    }

    /** The narrative IDs of one entry, given in the same order to the narrative and to the entries. */
    private static final class Ids {
        private final java.util.IdentityHashMap<Object, String> ids = new java.util.IdentityHashMap<>();
        private final java.util.IdentityHashMap<Object, String> values = new java.util.IdentityHashMap<>();
        private final java.util.IdentityHashMap<Object, String> methods = new java.util.IdentityHashMap<>();
        private final State state;

        Ids(State state) {
            this.state = state;
        }

        String of(Object o) {
            return ids.computeIfAbsent(o, k -> state.nextId(prefix(k)));
        }

        String valueOf(Observation o) {
            return values.computeIfAbsent(o, k -> state.nextId("val"));
        }

        /** The ID of a text-only coded value, when the narrative gave one. */
        String valueOfIfAny(Observation o) {
            return values.get(o);
        }

        String methodOf(Observation o) {
            return methods.computeIfAbsent(o, k -> state.nextId("met"));
        }

        private static String prefix(Object o) {
            if (o instanceof Observation) {
                return "res";
            }
            if (o instanceof Battery) {
                return "bat";
            }
            if (o instanceof Isolate) {
                return "iso";
            }
            if (o instanceof Comment) {
                return "com";
            }
            return "img";
        }
    }

}
