package fr.segurbio.cda.read;

import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import fr.segurbio.cda.CdaException;
import fr.segurbio.cda.CrBioReport;
import fr.segurbio.cda.VoletVersion;
import fr.segurbio.cda.internal.CrBioVocabulary;
import fr.segurbio.cda.internal.ReadContext;
import fr.segurbio.cda.internal.cda.read.CdaDocumentReader;
import fr.segurbio.cda.internal.cda.read.CdaXml;
import fr.segurbio.cda.internal.cda.read.Node;
import fr.segurbio.core.Problem;
import fr.segurbio.core.Severity;
import fr.segurbio.core.ValidationResult;

/**
 * Reads a CR-BIO level-3 document (volets 2021.01, 2023.01 and 2024.01, written by the SDK or not) into the
 * {@link CrBioReport} model, with the PDF copy it carries and the built-in checks that need no conformance package.
 * Parsing is hardened (no DTD, no external entity, the JDK's secure-processing limits) and light: one StAX pass
 * builds the small tree the model is read from, and the base64 of the PDF copy is decoded as it is parsed (a file is
 * streamed, never held in memory whole). A CDA of another volet, or a level-1 document, is refused with
 * {@code CDA-601}; a part the model cannot hold is refused with {@code CDA-602}: every such part is reported (the
 * reading goes on past the first), each at the XPath of its element, with the model's own code and message inside.
 * A {@link #lenient()} reader leaves out, with a warning, a repeated part (an author, a recipient, a chapter, a
 * result…) that it cannot hold instead of refusing the document. Thread-safe.
 *
 * <pre>{@code
 * CrBioReader reader = CrBioReader.create();
 * ReadDocument doc = reader.read(Path.of("subcontractor.xml"));
 * doc.report().chapters().forEach(c -> System.out.println(c.title()));
 * }</pre>
 */
public final class CrBioReader {

    private final ReadContext.Mode mode;

    private CrBioReader(ReadContext.Mode mode) {
        this.mode = mode;
    }

    /**
     * A reader that refuses a document with a part the model cannot hold.
     *
     * @return a new reader
     */
    public static CrBioReader create() {
        return new CrBioReader(ReadContext.Mode.STRICT);
    }

    /**
     * A reader that leaves out a repeated part the model cannot hold (an author, an authenticator, a recipient, a
     * chapter, a comment section, a specimen, a result, an image), each with a {@code CDA-602} warning in
     * {@link ReadDocument#checks()}; a part the report cannot do without (the patient, the legal authenticator…)
     * still refuses the document.
     *
     * <pre>{@code
     * ReadDocument doc = CrBioReader.lenient().read(Path.of("subcontractor.xml"));
     * doc.checks().warnings().forEach(System.out::println);   // what was left out, and where
     * }</pre>
     *
     * @return a new reader
     */
    public static CrBioReader lenient() {
        return new CrBioReader(ReadContext.Mode.LENIENT);
    }

    /**
     * Reads a file.
     *
     * @param file the CDA
     * @return the document read
     * @throws CdaException when the file is not a readable CR-BIO N3
     */
    public ReadDocument read(Path file) {
        Objects.requireNonNull(file, "file");
        return read(parse(CdaXml.Source.of(file)));
    }

    /**
     * Reads a document held in memory.
     *
     * @param xml the CDA's bytes
     * @return the document read
     * @throws CdaException when the bytes are not a readable CR-BIO N3
     */
    public ReadDocument read(byte[] xml) {
        Objects.requireNonNull(xml, "xml");
        return read(parse(CdaXml.Source.of(xml)));
    }

    /**
     * Reads a document from a stream (read to its end, not closed).
     *
     * @param in the CDA
     * @return the document read
     * @throws CdaException when the stream is not a readable CR-BIO N3
     */
    public ReadDocument read(InputStream in) {
        Objects.requireNonNull(in, "in");
        return read(parse(CdaXml.Source.once(in)));
    }

    /** Reads a parsed document's {@code ClinicalDocument}. */
    ReadDocument read(Node root) {
        String volet = voletOf(root);
        Node body = root.path("component", "structuredBody");
        if (volet == null || body == null) {
            throw new CdaException(CdaReadError.NOT_A_CR_BIO_N3, describe(root));
        }
        CdaDocumentReader.Result read = CdaDocumentReader.read(root, mode);
        ValidationResult checks = ValidationResult.of(read.notices())
                .and(checks(root, read.report(), read.pdfCopy(), volet));
        return new ReadDocument(read.report(), read.pdfCopy(), volet, checks);
    }

    /** The parsed ClinicalDocument, refusing DTDs and malformed XML. */
    Node parse(byte[] xml) {
        Objects.requireNonNull(xml, "xml");
        return parse(CdaXml.Source.of(xml));
    }

    private static Node parse(CdaXml.Source source) {
        return CdaXml.clinicalDocument(CdaXml.parse(source));
    }

    static String voletOf(Node root) {
        for (Node t : root.children("templateId")) {
            if (CrBioVocabulary.T_CR_BIO.equals(t.attr("root"))) {
                String ext = t.attr("extension");
                return "BIO-CR-BIO_" + (ext == null ? "2021.01" : ext);
            }
        }
        return null;
    }

    private static String describe(Node root) {
        List<String> ids = new ArrayList<>();
        for (Node t : root.children("templateId")) {
            ids.add(t.attr("extension") == null ? t.attr("root") : t.attr("root") + "@" + t.attr("extension"));
        }
        String kind = root.path("component", "nonXMLBody") != null ? "CDA R2 N1 (nonXMLBody)" : "templateIds "
                + String.join(", ", ids);
        return kind;
    }

    /** The checks that need no package, on what the model does not already refuse. */
    private static ValidationResult checks(Node root, CrBioReport report, byte[] pdf, String volet) {
        ValidationResult.Builder r = ValidationResult.builder();
        Node code = root.child("code");
        if (code == null || !CrBioReport.DOCUMENT_CODE.code().equals(code.attr("code"))
                || !CrBioReport.DOCUMENT_CODE.codeSystem().equals(code.attr("codeSystem"))) {
            r.add(CdaReadError.WRONG_DOCUMENT_CODE, "ClinicalDocument/code",
                    code == null ? "(none)" : code.attr("code") + "@" + code.attr("codeSystem"));
        }
        if (pdf == null && report.volet().hasPdfCopySection()) {
            r.add(CdaReadError.NO_PDF_COPY, "structuredBody");
        }
        if (VoletVersion.of(volet.substring("BIO-CR-BIO_".length())).isEmpty()) {
            r.add(CdaReadError.UNKNOWN_VOLET, "ClinicalDocument/templateId", volet);
        } else if (report.volet() != VoletVersion.V2024_01) {
            r.add(Problem.of(CdaReadError.OLD_VOLET, Severity.INFO, "ClinicalDocument/templateId", volet));
        }
        r.addAll(report.notices());
        return r.build();
    }
}
