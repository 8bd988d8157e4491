package fr.segurbio.cda;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.util.Objects;

import fr.segurbio.cda.internal.cda.write.CdaXmlWriter;
import fr.segurbio.cda.xds.XdsMetadata;

/**
 * Writes a {@link CrBioReport} as CDA R2 level 3 (structured body, 2024.01 templateIds with extension,
 * narrative generated from the entries, the PDF copy section) and as CDA R2 level 1 (the PDF in
 * {@code nonXMLBody} with exactly the three N1 templateIds), streamed with StAX, and returns the XDS metadata
 * of each. Thread-safe; build it once.
 *
 * <p>The N1 is a document of its own: unless given, its id and set id are derived from the N3's by appending
 * {@code N1} to the extension ({@code root} / {@code N1} when the N3 id has no extension).
 *
 * <pre>{@code
 * CrBioWriter writer = CrBioWriter.builder().stylesheet("CDA-FO.xsl").build();
 * try (OutputStream out = Files.newOutputStream(dir.resolve("report-N3.xml"))) {
 *     XdsMetadata m = writer.writeN3(report, pdf, out);
 * }
 * WrittenDocument n1 = writer.n1(report, pdf);
 * }</pre>
 */
public final class CrBioWriter {

    private static final CrBioWriter STANDARD = builder().build();

    private final CdaXmlWriter xml;

    private CrBioWriter(Builder b) {
        this.xml = new CdaXmlWriter(b.stylesheet);
    }

    /**
     * A writer without stylesheet processing instruction.
     *
     * @return the shared writer
     */
    public static CrBioWriter standard() {
        return STANDARD;
    }

    /**
     * A new builder.
     *
     * @return the builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Writes the N3 to a stream (not closed).
     *
     * @param report the report
     * @param pdf the PDF copy of the report (PDF/A-1 from the renderer, or the caller's)
     * @param out where to write
     * @return the XDS metadata of the N3
     * @throws CdaException {@code CDA-010} when the PDF is missing or not a PDF, {@code CDA-012} on write failure
     */
    public XdsMetadata writeN3(CrBioReport report, byte[] pdf, OutputStream out) {
        requirePdf(pdf);
        return xml.writeN3(Objects.requireNonNull(report, "report"), pdf, Objects.requireNonNull(out, "out"));
    }

    /**
     * Writes the N1 to a stream (not closed), with ids derived from the N3's.
     *
     * @param report the report
     * @param pdf the PDF
     * @param out where to write
     * @return the XDS metadata of the N1
     * @throws CdaException {@code CDA-010} when the PDF is missing or not a PDF, {@code CDA-012} on write failure
     */
    public XdsMetadata writeN1(CrBioReport report, byte[] pdf, OutputStream out) {
        return writeN1(report, pdf, n1Id(report.id()), n1Id(report.setId()), out);
    }

    /**
     * Writes the N1 to a stream (not closed) with explicit ids.
     *
     * @param report the report
     * @param pdf the PDF
     * @param id the N1's document id
     * @param setId the N1's set id
     * @param out where to write
     * @return the XDS metadata of the N1
     */
    public XdsMetadata writeN1(CrBioReport report, byte[] pdf, InstanceId id, InstanceId setId, OutputStream out) {
        requirePdf(pdf);
        return xml.writeN1(Objects.requireNonNull(report, "report"), pdf, Objects.requireNonNull(id, "id"),
                Objects.requireNonNull(setId, "setId"),
                report.replacedDocument().map(CrBioWriter::n1Id).orElse(null), Objects.requireNonNull(out, "out"));
    }

    /**
     * Writes the N3 in memory.
     *
     * @param report the report
     * @param pdf the PDF copy
     * @return the document and its metadata
     */
    public WrittenDocument n3(CrBioReport report, byte[] pdf) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(16_384 + (pdf == null ? 0 : pdf.length * 4 / 3));
        XdsMetadata m = writeN3(report, pdf, out);
        return new WrittenDocument(out.toByteArray(), m);
    }

    /**
     * Writes the N1 in memory.
     *
     * @param report the report
     * @param pdf the PDF
     * @return the document and its metadata
     */
    public WrittenDocument n1(CrBioReport report, byte[] pdf) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(8_192 + (pdf == null ? 0 : pdf.length * 4 / 3));
        XdsMetadata m = writeN1(report, pdf, out);
        return new WrittenDocument(out.toByteArray(), m);
    }

    /**
     * The N1 id derived from an N3 id: {@code N1} appended to the extension.
     *
     * @param n3Id the N3's id or set id
     * @return the derived id
     */
    public static InstanceId n1Id(InstanceId n3Id) {
        return new InstanceId(n3Id.root(), n3Id.extension() == null ? "N1" : n3Id.extension() + "-N1");
    }

    static boolean isPdf(byte[] data) {
        return data != null && data.length > 5 && data[0] == '%' && data[1] == 'P' && data[2] == 'D' && data[3] == 'F'
                && data[4] == '-';
    }

    private static void requirePdf(byte[] pdf) {
        if (pdf == null || pdf.length == 0) {
            throw new CdaException(CdaError.BAD_PDF, "no PDF given");
        }
        if (!isPdf(pdf)) {
            throw new CdaException(CdaError.BAD_PDF, "the bytes do not start with %PDF-");
        }
    }

    /** Configures a {@link CrBioWriter}. */
    public static final class Builder {
        private String stylesheet;

        private Builder() {
        }

        /**
         * Names the lab's stylesheet in an {@code xml-stylesheet} processing instruction, so that the document
         * presents itself in a browser.
         *
         * @param href the stylesheet's URL or relative path
         * @return this builder
         */
        public Builder stylesheet(String href) {
            if (href != null && (href.contains("\"") || href.contains("?>"))) {
                throw new CdaException(CdaError.BAD_VALUE, href, "a stylesheet href cannot contain '\"' or '?>'");
            }
            this.stylesheet = href == null || href.isBlank() ? null : href;
            return this;
        }

        /**
         * Builds the writer.
         *
         * @return the writer
         */
        public CrBioWriter build() {
            return new CrBioWriter(this);
        }
    }
}
