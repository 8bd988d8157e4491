package fr.segurbio.mss.xdm;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.zip.Deflater;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

import fr.segurbio.cda.Code;
import fr.segurbio.cda.DocumentKind;
import fr.segurbio.cda.xds.IntendedRecipient;
import fr.segurbio.cda.xds.XdsMetadata;
import fr.segurbio.mss.MssError;
import fr.segurbio.mss.MssException;

/**
 * Writes an {@code IHE_XDM.ZIP} (IHE ITI TF-1 §16, the MSSanté layout): {@code INDEX.HTM}, {@code README.TXT},
 * {@code IHE_XDM/SUBSET01/METADATA.XML} (an ebRS 3.0 {@code SubmitObjectsRequest}: the submission set, one
 * document entry per file with its {@code URI}, {@code size} and {@code hash}, the {@code HasMember} and the N3→N1
 * {@code XFRM} associations) and the documents in ISO-9660 8.3 names ({@code DOC00001.XML} the N3,
 * {@code DOC00002.XML} the N1). Thread-safe; the archive is reproducible for a given submission.
 *
 * <pre>{@code
 * byte[] zip = XdmWriter.create().write(submission);
 * Files.write(dir.resolve(XdmWriter.ARCHIVE_NAME), zip);
 * }</pre>
 */
public final class XdmWriter {

    /** The attachment's file name. */
    public static final String ARCHIVE_NAME = "IHE_XDM.ZIP";
    /** The subset folder. */
    public static final String SUBSET = "IHE_XDM/SUBSET01/";
    /** The metadata file's path in the archive. */
    public static final String METADATA_PATH = SUBSET + "METADATA.XML";

    private static final XMLOutputFactory XML = XMLOutputFactory.newFactory();

    private final String vendor;

    private XdmWriter(String vendor) {
        this.vendor = vendor;
    }

    /**
     * A writer whose README.TXT names the SDK as the producing software.
     *
     * @return the writer
     */
    public static XdmWriter create() {
        return new XdmWriter("Ségur Bio SDK");
    }

    /**
     * A writer whose README.TXT names the lab's software (the SGL), as IHE asks for the sending system.
     *
     * @param vendorProductVersion for example {@code "BioLab SGL 4.2 (Ségur Bio SDK)"}
     * @return the writer
     */
    public static XdmWriter forVendor(String vendorProductVersion) {
        return new XdmWriter(vendorProductVersion);
    }

    /**
     * The 8.3 file name of the document at this position.
     *
     * @param index 0 for the first document
     * @return {@code DOC00001.XML}, …
     */
    public static String fileName(int index) {
        return String.format(java.util.Locale.ROOT, "DOC%05d.XML", index + 1);
    }

    /**
     * Writes the archive.
     *
     * @param submission the documents and the submission set
     * @return the zip bytes
     */
    public byte[] write(XdmSubmission submission) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(estimate(submission));
        write(submission, out);
        return out.toByteArray();
    }

    /**
     * Writes the archive to a stream (not closed).
     *
     * @param submission the documents and the submission set
     * @param out where to write
     */
    public void write(XdmSubmission submission, OutputStream out) {
        List<XdmDocument> docs = submission.documents();
        FileTime time = FileTime.from(submission.submissionTime());
        try {
            AdaptiveZip zip = new AdaptiveZip(out);
            put(zip, "INDEX.HTM", indexHtm(submission), time);
            put(zip, "README.TXT", readme(submission).getBytes(StandardCharsets.UTF_8), time);
            put(zip, METADATA_PATH, metadata(submission), time);
            for (int i = 0; i < docs.size(); i++) {
                put(zip, SUBSET + fileName(i), docs.get(i).content(), time);
            }
            zip.finish();
            zip.flush();
        } catch (IOException e) {
            throw new MssException(e, MssError.XDM_WRITE_FAILED, e.getMessage());
        }
    }

    private static int estimate(XdmSubmission s) {
        long n = 8192;
        for (XdmDocument d : s.documents()) {
            n += d.content().length;
        }
        // the documents are mostly base64 text of a PDF (about 3/4 once deflated) and CDA markup (much less)
        return (int) Math.min(Integer.MAX_VALUE - 16, n * 3 / 4);
    }

    private static void put(AdaptiveZip zip, String name, byte[] content, FileTime time) throws IOException {
        ZipEntry e = new ZipEntry(name);
        e.setLastModifiedTime(time);
        zip.putNextEntry(e);
        zip.writeAdaptive(content);
        zip.closeEntry();
    }

    /**
     * A deflating zip stream that keeps base64 text (the PDF inside the N3 and the N1: already-compressed bytes
     * written with 6 bits per character) in stored deflate blocks, and compresses the rest (the CDA markup, the
     * metadata) at the default level. A match search on the base64 of a PDF finds almost nothing: it cost most
     * of the time of building a message (about 6 ms for a 100 KB PDF) to save a quarter of that text. Each entry
     * stays one ordinary deflated entry; the choice is made per chunk of {@value #CHUNK} bytes.
     */
    static final class AdaptiveZip extends ZipOutputStream {
        /** Granularity of the choice: one level per chunk of this size. */
        static final int CHUNK = 8192;
        private static final boolean[] BASE64_TEXT = new boolean[256];

        static {
            for (int c = 'A'; c <= 'Z'; c++) {
                BASE64_TEXT[c] = true;
                BASE64_TEXT[c + ('a' - 'A')] = true;
            }
            for (int c = '0'; c <= '9'; c++) {
                BASE64_TEXT[c] = true;
            }
            for (char c : "+/=\r\n\t ".toCharArray()) {
                BASE64_TEXT[c] = true;
            }
        }

        private int level = Deflater.DEFAULT_COMPRESSION;

        AdaptiveZip(OutputStream out) {
            super(out, StandardCharsets.UTF_8);
        }

        @Override
        public void putNextEntry(ZipEntry e) throws IOException {
            choose(Deflater.DEFAULT_COMPRESSION);
            super.putNextEntry(e);
        }

        void writeAdaptive(byte[] content) throws IOException {
            for (int off = 0; off < content.length; off += CHUNK) {
                int len = Math.min(CHUNK, content.length - off);
                choose(isBase64Text(content, off, len) ? Deflater.NO_COMPRESSION : Deflater.DEFAULT_COMPRESSION);
                write(content, off, len);
            }
        }

        private void choose(int value) {
            if (value != level) {
                def.setLevel(value);
                level = value;
            }
        }

        static boolean isBase64Text(byte[] b, int off, int len) {
            for (int i = off, end = off + len; i < end; i++) {
                if (!BASE64_TEXT[b[i] & 0xFF]) {
                    return false;
                }
            }
            return true;
        }
    }

    private String readme(XdmSubmission s) {
        StringBuilder b = new StringBuilder();
        b.append("IHE XDM - Cross-Enterprise Document Media Interchange\r\n\r\n");
        b.append("Emetteur / Sending system: ").append(vendor).append("\r\n");
        b.append("Lot de soumission / Submission set: ").append(s.uniqueId()).append("\r\n");
        b.append("Source: ").append(s.sourceId()).append("\r\n");
        b.append("Date: ").append(XdsMetadata.dtm(s.submissionTime())).append(" UTC\r\n\r\n");
        b.append("Contenu / Content:\r\n");
        List<XdmDocument> docs = s.documents();
        for (int i = 0; i < docs.size(); i++) {
            XdsMetadata m = docs.get(i).metadata();
            b.append("  ").append(SUBSET).append(fileName(i)).append("  CDA ").append(m.kind()).append("  ")
                    .append(m.formatCode().code()).append("\r\n");
        }
        b.append("  ").append(METADATA_PATH).append("  XDS metadata (ebRS 3.0)\r\n");
        b.append("\r\nOuvrir INDEX.HTM pour la liste des documents. Open INDEX.HTM for the list of documents.\r\n");
        return b.toString();
    }

    private static byte[] indexHtm(XdmSubmission s) {
        StringBuilder b = new StringBuilder(1024);
        b.append("<!DOCTYPE html>\r\n<html lang=\"fr\"><head><meta charset=\"UTF-8\"><title>")
                .append(html(s.title())).append("</title></head><body>\r\n<h1>").append(html(s.title()))
                .append("</h1>\r\n<ul>\r\n");
        List<XdmDocument> docs = s.documents();
        for (int i = 0; i < docs.size(); i++) {
            XdsMetadata m = docs.get(i).metadata();
            b.append("<li><a href=\"").append(SUBSET).append(fileName(i)).append("\">").append(html(m.title()))
                    .append(" (").append(m.kind() == DocumentKind.N3 ? "CDA N3 structuré" : "CDA N1 PDF")
                    .append(")</a></li>\r\n");
        }
        b.append("</ul>\r\n<p><a href=\"README.TXT\">README.TXT</a> - <a href=\"").append(METADATA_PATH)
                .append("\">METADATA.XML</a></p>\r\n</body></html>\r\n");
        return b.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static String html(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (char c : s.toCharArray()) {
            switch (c) {
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '&' -> b.append("&amp;");
                case '"' -> b.append("&quot;");
                default -> b.append(c);
            }
        }
        return b.toString();
    }

    /**
     * The {@code METADATA.XML} of a submission, alone.
     *
     * @param s the submission
     * @return the XML bytes (UTF-8)
     */
    public byte[] metadata(XdmSubmission s) {
        TextBuffer text = new TextBuffer(16384);
        try {
            XMLStreamWriter w = XML.createXMLStreamWriter(text);
            w.writeStartDocument("UTF-8", "1.0");
            w.writeStartElement("lcm", "SubmitObjectsRequest", XdsUuids.LCM);
            w.writeNamespace("lcm", XdsUuids.LCM);
            w.writeNamespace("rim", XdsUuids.RIM);
            w.writeStartElement("rim", "RegistryObjectList", XdsUuids.RIM);
            List<XdmDocument> docs = s.documents();
            XdsMetadata main = docs.get(0).metadata();
            String patientId = main.patientId().orElse(main.sourcePatientId()).format();

            // Submission set
            String ss = "SubmissionSet01";
            start(w, "RegistryPackage");
            w.writeAttribute("id", ss);
            w.writeAttribute("objectType", "urn:oasis:names:tc:ebxml-regrep:ObjectType:RegistryObject:RegistryPackage");
            slot(w, "submissionTime", XdsMetadata.dtm(s.submissionTime()));
            if (!s.intendedRecipients().isEmpty()) {
                slot(w, "intendedRecipient", s.intendedRecipients().stream().map(a -> recipient(main, a)).toList());
            }
            name(w, s.title());
            int[] n = {0};
            for (XdsMetadata.Author a : main.authors()) {
                author(w, XdsUuids.SS_AUTHOR, ss, a, n);
            }
            code(w, XdsUuids.SS_CONTENT_TYPE, ss, s.contentType(), n);
            externalId(w, XdsUuids.SS_UNIQUE_ID, ss, s.uniqueId(), "XDSSubmissionSet.uniqueId", n);
            externalId(w, XdsUuids.SS_SOURCE_ID, ss, s.sourceId(), "XDSSubmissionSet.sourceId", n);
            externalId(w, XdsUuids.SS_PATIENT_ID, ss, patientId, "XDSSubmissionSet.patientId", n);
            w.writeEndElement();
            start(w, "Classification");
            w.writeAttribute("id", "cl" + (++n[0]));
            w.writeAttribute("classifiedObject", ss);
            w.writeAttribute("classificationNode", XdsUuids.SUBMISSION_SET);
            w.writeEndElement();

            // Document entries
            for (int i = 0; i < docs.size(); i++) {
                documentEntry(w, "Document" + String.format(java.util.Locale.ROOT, "%02d", i + 1), fileName(i),
                        docs.get(i).metadata(), patientId, n);
            }
            // Associations
            for (int i = 0; i < docs.size(); i++) {
                start(w, "Association");
                w.writeAttribute("id", "as" + (i + 1));
                w.writeAttribute("associationType", XdsUuids.HAS_MEMBER);
                w.writeAttribute("sourceObject", ss);
                w.writeAttribute("targetObject", "Document" + String.format(java.util.Locale.ROOT, "%02d", i + 1));
                slot(w, "SubmissionSetStatus", "Original");
                w.writeEndElement();
            }
            if (docs.size() > 1) {
                start(w, "Association");
                w.writeAttribute("id", "as" + (docs.size() + 1));
                w.writeAttribute("associationType", XdsUuids.XFRM);
                w.writeAttribute("sourceObject", "Document01");
                w.writeAttribute("targetObject", "Document02");
                w.writeEndElement();
            }
            w.writeEndElement();
            w.writeEndElement();
            w.writeEndDocument();
            w.close();
        } catch (XMLStreamException e) {
            throw new MssException(e, MssError.XDM_WRITE_FAILED, e.getMessage());
        }
        return text.toString().getBytes(StandardCharsets.UTF_8);
    }

    /**
     * An unsynchronised character buffer for the StAX writer, which writes one character at a time (a
     * {@code ByteArrayOutputStream} or a {@code StringWriter} would take a lock for each).
     */
    private static final class TextBuffer extends Writer {
        private final StringBuilder b;

        TextBuffer(int capacity) {
            this.b = new StringBuilder(capacity);
        }

        @Override
        public void write(int c) {
            b.append((char) c);
        }

        @Override
        public void write(char[] cbuf, int off, int len) {
            b.append(cbuf, off, len);
        }

        @Override
        public void write(String str, int off, int len) {
            b.append(str, off, off + len);
        }

        @Override
        public void flush() {
            // nothing buffered beyond the builder
        }

        @Override
        public void close() {
            // the builder is read after the writer is closed
        }

        @Override
        public String toString() {
            return b.toString();
        }
    }

    private static void documentEntry(XMLStreamWriter w, String id, String uri, XdsMetadata m, String patientId,
            int[] n) throws XMLStreamException {
        start(w, "ExtrinsicObject");
        w.writeAttribute("id", id);
        w.writeAttribute("mimeType", m.mimeType());
        w.writeAttribute("objectType", XdsUuids.DOCUMENT_ENTRY);
        slot(w, "creationTime", XdsMetadata.dtm(m.creationTime()));
        slot(w, "hash", m.hash());
        slot(w, "languageCode", m.languageCode());
        if (m.legalAuthenticator().isPresent()) {
            slot(w, "legalAuthenticator", m.legalAuthenticator().get().format());
        }
        slot(w, "serviceStartTime", XdsMetadata.dtm(m.serviceStartTime()));
        slot(w, "serviceStopTime", XdsMetadata.dtm(m.serviceStopTime()));
        slot(w, "size", Long.toString(m.size()));
        slot(w, "sourcePatientId", m.sourcePatientId().format());
        slot(w, "sourcePatientInfo", m.sourcePatientInfo().lines());
        slot(w, "URI", uri);
        name(w, m.title());
        for (XdsMetadata.Author a : m.authors()) {
            author(w, XdsUuids.DE_AUTHOR, id, a, n);
        }
        code(w, XdsUuids.DE_CLASS, id, m.classCode(), n);
        code(w, XdsUuids.DE_CONFIDENTIALITY, id, m.confidentialityCode(), n);
        for (Code c : m.eventCodes()) {
            code(w, XdsUuids.DE_EVENT, id, c, n);
        }
        code(w, XdsUuids.DE_FORMAT, id, m.formatCode(), n);
        code(w, XdsUuids.DE_FACILITY, id, m.healthcareFacilityTypeCode(), n);
        code(w, XdsUuids.DE_PRACTICE, id, m.practiceSettingCode(), n);
        code(w, XdsUuids.DE_TYPE, id, m.typeCode(), n);
        externalId(w, XdsUuids.DE_PATIENT_ID, id, patientId, "XDSDocumentEntry.patientId", n);
        externalId(w, XdsUuids.DE_UNIQUE_ID, id, m.uniqueId(), "XDSDocumentEntry.uniqueId", n);
        w.writeEndElement();
    }

    /**
     * The intendedRecipient value of a mailbox: the report's recipient of that address in full
     * ({@code XON|XCN|XTN}) when the CR-BIO names it, else the address alone ({@code |^^Internet^address}).
     */
    private static String recipient(XdsMetadata main, String address) {
        for (IntendedRecipient r : main.intendedRecipients()) {
            if (r.email().filter(address::equalsIgnoreCase).isPresent()) {
                return r.format();
            }
        }
        return "|^^Internet^" + address;
    }

    private static void start(XMLStreamWriter w, String local) throws XMLStreamException {
        w.writeStartElement("rim", local, XdsUuids.RIM);
    }

    private static void slot(XMLStreamWriter w, String name, String value) throws XMLStreamException {
        slot(w, name, List.of(value));
    }

    private static void slot(XMLStreamWriter w, String name, List<String> values) throws XMLStreamException {
        start(w, "Slot");
        w.writeAttribute("name", name);
        start(w, "ValueList");
        for (String v : values) {
            start(w, "Value");
            w.writeCharacters(v);
            w.writeEndElement();
        }
        w.writeEndElement();
        w.writeEndElement();
    }

    private static void name(XMLStreamWriter w, String value) throws XMLStreamException {
        start(w, "Name");
        start(w, "LocalizedString");
        w.writeAttribute("xml", "http://www.w3.org/XML/1998/namespace", "lang", "fr-FR");
        w.writeAttribute("value", value);
        w.writeEndElement();
        w.writeEndElement();
    }

    private static void author(XMLStreamWriter w, String scheme, String object, XdsMetadata.Author a, int[] n)
            throws XMLStreamException {
        start(w, "Classification");
        w.writeAttribute("id", "cl" + (++n[0]));
        w.writeAttribute("classificationScheme", scheme);
        w.writeAttribute("classifiedObject", object);
        w.writeAttribute("nodeRepresentation", "");
        if (a.institution().isPresent()) {
            slot(w, "authorInstitution", a.institution().get().format());
        }
        slot(w, "authorPerson", a.person().format());
        if (a.specialtyValue().isPresent()) {
            slot(w, "authorSpecialty", a.specialtyValue().get());
        }
        w.writeEndElement();
    }

    private static void code(XMLStreamWriter w, String scheme, String object, Code c, int[] n)
            throws XMLStreamException {
        start(w, "Classification");
        w.writeAttribute("id", "cl" + (++n[0]));
        w.writeAttribute("classificationScheme", scheme);
        w.writeAttribute("classifiedObject", object);
        w.writeAttribute("nodeRepresentation", c.code());
        slot(w, "codingScheme", c.codeSystem());
        name(w, c.optionalDisplayName().orElse(c.code()));
        w.writeEndElement();
    }

    private static void externalId(XMLStreamWriter w, String scheme, String object, String value, String label,
            int[] n) throws XMLStreamException {
        start(w, "ExternalIdentifier");
        w.writeAttribute("id", "ei" + (++n[0]));
        w.writeAttribute("registryObject", object);
        w.writeAttribute("identificationScheme", scheme);
        w.writeAttribute("value", value);
        name(w, label);
        w.writeEndElement();
    }
}
