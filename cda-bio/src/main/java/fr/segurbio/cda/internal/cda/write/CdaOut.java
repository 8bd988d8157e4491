package fr.segurbio.cda.internal.cda.write;

import java.io.IOException;
import java.io.OutputStream;
import java.io.StringReader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

import javax.xml.namespace.QName;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import javax.xml.stream.XMLStreamWriter;

import fr.segurbio.cda.Address;
import fr.segurbio.cda.CdaExtension;
import fr.segurbio.cda.CrBioReport;
import fr.segurbio.cda.Code;
import fr.segurbio.cda.InstanceId;
import fr.segurbio.cda.PersonName;
import fr.segurbio.cda.Telecom;
import fr.segurbio.cda.internal.CrBioVocabulary;

/**
 * The writing of one CDA document: the StAX writer, the generated ids, and the HL7 v3 data types every part
 * writes (II, CD, TS, AD, TEL, PN). Elements are written in the default (HL7) namespace declared on the root, so
 * no namespace is looked up per element. Not thread-safe: one per document.
 */
final class CdaOut {

    private static final DateTimeFormatter TS = DateTimeFormatter.ofPattern("yyyyMMddHHmmssxx", Locale.ROOT);
    private static final int BASE64_CHUNK = 3 * 8192;

    /** The prefixes the document's root declares. */
    private static final java.util.Set<String> DOCUMENT_PREFIXES = java.util.Set.of("lab", "xsi");
    private static final ThreadLocal<javax.xml.stream.XMLInputFactory> EXTENSION_READER =
            ThreadLocal.withInitial(fr.segurbio.transport.SecureXml::newXMLInputFactory);

    private final XMLStreamWriter w;
    private final Writer chars;
    private final OutputStream bytes;
    private final String seed;
    private int ids;
    private int uuids;

    /**
     * A document's writing.
     *
     * @param w the StAX writer over {@code chars}
     * @param chars the buffered UTF-8 writer over {@code bytes}
     * @param bytes the byte stream, written to directly for base64 content
     * @param documentId the document's id, the seed of the generated UUIDs
     */
    CdaOut(XMLStreamWriter w, Writer chars, OutputStream bytes, InstanceId documentId) {
        this.w = w;
        this.chars = chars;
        this.bytes = bytes;
        this.seed = documentId.toXds();
    }

    // ---- document

    /** The XML declaration, the stylesheet instruction and the root element with its three namespaces. */
    void startDocument(String stylesheet) throws XMLStreamException {
        w.writeStartDocument("UTF-8", "1.0");
        if (stylesheet != null) {
            w.writeProcessingInstruction("xml-stylesheet", "type=\"text/xsl\" href=\"" + stylesheet + "\"");
        }
        w.setDefaultNamespace(CrBioVocabulary.NS_HL7);
        w.setPrefix("lab", CrBioVocabulary.NS_LAB);
        w.setPrefix("xsi", CrBioVocabulary.NS_XSI);
        w.writeStartElement(CrBioVocabulary.NS_HL7, "ClinicalDocument");
        w.writeDefaultNamespace(CrBioVocabulary.NS_HL7);
        w.writeNamespace("lab", CrBioVocabulary.NS_LAB);
        w.writeNamespace("xsi", CrBioVocabulary.NS_XSI);
    }

    void finish() throws XMLStreamException {
        w.writeEndDocument();
        w.flush();
        w.close();
    }

    // ---- primitives

    /** An element of the default (HL7) namespace, declared on the root: no namespace lookup per element. */
    void start(String name) throws XMLStreamException {
        w.writeStartElement(name);
    }

    void empty(String name) throws XMLStreamException {
        w.writeEmptyElement(name);
    }

    /** An empty element of the IHE lab namespace ({@code lab:statusCode}). */
    void emptyLab(String name) throws XMLStreamException {
        w.writeEmptyElement(CrBioVocabulary.NS_LAB, name);
    }

    void end() throws XMLStreamException {
        w.writeEndElement();
    }

    void attr(String name, String value) throws XMLStreamException {
        w.writeAttribute(name, value);
    }

    void xsiType(String type) throws XMLStreamException {
        w.writeAttribute("xsi", CrBioVocabulary.NS_XSI, "type", type);
    }

    void text(String s) throws XMLStreamException {
        w.writeCharacters(s);
    }

    void element(String name, String text) throws XMLStreamException {
        start(name);
        text(text);
        end();
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
            byte[] encoded = new byte[4 * 8192];
            for (int off = 0; off < data.length; off += BASE64_CHUNK) {
                int len = Math.min(BASE64_CHUNK, data.length - off);
                int n = enc.encode(len == data.length ? data : Arrays.copyOfRange(data, off, off + len), encoded);
                bytes.write(encoded, 0, n);
            }
        } catch (IOException e) {
            throw new XMLStreamException(e);
        }
    }

    /**
     * A {@link CdaExtension} replayed through this writer, element by element (never written as raw text): its
     * elements in the HL7 namespace are in the document's default namespace, the others with their canonical
     * prefix, declared on the fragment's root unless the document's root declares it ({@code lab}, {@code xsi}).
     */
    void extension(CdaExtension e) throws XMLStreamException {
        XMLStreamReader r = EXTENSION_READER.get().createXMLStreamReader(new StringReader(e.xml()));
        try {
            int depth = 0;
            while (r.hasNext()) {
                switch (r.next()) {
                    case XMLStreamConstants.START_ELEMENT -> {
                        String ns = r.getNamespaceURI();
                        String prefix = CdaExtension.prefixOf(ns);
                        if (prefix.isEmpty()) {
                            w.writeStartElement(r.getLocalName());
                        } else {
                            w.writeStartElement(prefix, r.getLocalName(), ns);
                        }
                        if (depth == 0) {
                            for (int i = 0; i < r.getNamespaceCount(); i++) {
                                String p = r.getNamespacePrefix(i);
                                String uri = r.getNamespaceURI(i);
                                if (p != null && !p.isEmpty() && !DOCUMENT_PREFIXES.contains(p)) {
                                    w.writeNamespace(p, uri);
                                }
                            }
                        }
                        for (int i = 0; i < r.getAttributeCount(); i++) {
                            String ans = r.getAttributeNamespace(i);
                            if (ans == null || ans.isEmpty()) {
                                w.writeAttribute(r.getAttributeLocalName(i), r.getAttributeValue(i));
                            } else {
                                w.writeAttribute(CdaExtension.prefixOf(ans), ans, r.getAttributeLocalName(i),
                                        r.getAttributeValue(i));
                            }
                        }
                        depth++;
                    }
                    case XMLStreamConstants.END_ELEMENT -> {
                        w.writeEndElement();
                        depth--;
                    }
                    case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA, XMLStreamConstants.SPACE -> {
                        if (depth > 0) {
                            w.writeCharacters(r.getTextCharacters(), r.getTextStart(), r.getTextLength());
                        }
                    }
                    default -> {
                        // a canonical fragment has nothing else (checked when it was made)
                    }
                }
            }
        } finally {
            r.close();
        }
    }

    /** The extensions of a report at one place of the document, for each element name in turn. */
    void extensions(CrBioReport report, CdaExtension.Place place, String... hl7Names) throws XMLStreamException {
        for (String name : hl7Names) {
            for (CdaExtension e : report.extensions(place, new QName(CrBioVocabulary.NS_HL7, name))) {
                extension(e);
            }
        }
    }

    /** The extensions of a report at one place of the document, for each element's qualified name in turn. */
    void extensions(CrBioReport report, CdaExtension.Place place, QName... names) throws XMLStreamException {
        for (QName name : names) {
            for (CdaExtension e : report.extensions(place, name)) {
                extension(e);
            }
        }
    }

    // ---- data types

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
            reference("originalText", reference);
        }
        if (translation != null) {
            empty("translation");
            codeAttrs(translation);
        }
        end();
    }

    /** A {@code text} or {@code originalText} that points at a narrative ID. */
    void reference(String name, String id) throws XMLStreamException {
        start(name);
        empty("reference");
        attr("value", "#" + id);
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
        if (a == null || a.isUnknown()) {
            empty("addr");
            attr("nullFlavor", a == null ? nullFlavor : a.nullFlavor());
            return;
        }
        start("addr");
        if (a.use() != null) {
            attr("use", a.use());
        }
        for (String line : a.streetLines()) {
            element("streetAddressLine", line);
        }
        optional("houseNumber", a.houseNumber());
        optional("streetName", a.streetName());
        optional("additionalLocator", a.additionalLocator());
        optional("postBox", a.postBox());
        optional("postalCode", a.postalCode());
        optional("city", a.city());
        optional("county", a.county());
        for (Address.Part p : a.otherParts()) {
            element(p.name(), p.value());
        }
        optional("country", a.country());
        end();
    }

    private void optional(String name, String value) throws XMLStreamException {
        if (value != null) {
            element(name, value);
        }
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
}
