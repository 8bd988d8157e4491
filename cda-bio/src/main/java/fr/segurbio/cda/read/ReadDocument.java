package fr.segurbio.cda.read;

import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;

import fr.segurbio.cda.CrBioReport;
import fr.segurbio.core.ValidationResult;

/**
 * A CR-BIO N3 read back: the typed report, the PDF copy the document carried, the volet it announced and the
 * built-in checks (those that need no conformance package) run on it.
 *
 * <pre>{@code
 * ReadDocument doc = CrBioReader.create().read(Path.of("cr-bio.xml"));
 * byte[] n3 = CrBioWriter.standard().n3(doc.report(), doc.pdfCopy().orElseThrow()).document();
 * }</pre>
 *
 * @param report the report
 * @param pdf the PDF copy of the document ({@code null} when the document had none)
 * @param volet the volet announced, such as {@code "BIO-CR-BIO_2024.01"}
 * @param checks the built-in checks' findings (warnings and errors that the model itself does not refuse)
 */
public record ReadDocument(CrBioReport report, byte[] pdf, String volet, ValidationResult checks) {

    /**
     * Checks the fields.
     *
     * @param report the report
     * @param pdf the PDF copy, or {@code null}
     * @param volet the volet
     * @param checks the built-in checks
     */
    public ReadDocument {
        Objects.requireNonNull(report, "report");
        Objects.requireNonNull(volet, "volet");
        Objects.requireNonNull(checks, "checks");
        pdf = pdf == null ? null : pdf.clone();
    }

    /**
     * The PDF copy the document carried.
     *
     * @return a copy of the PDF bytes, when present
     */
    public Optional<byte[]> pdfCopy() {
        return Optional.ofNullable(pdf).map(byte[]::clone);
    }

    @Override
    public byte[] pdf() {
        return pdf == null ? null : pdf.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ReadDocument other && report.equals(other.report) && Arrays.equals(pdf, other.pdf)
                && volet.equals(other.volet) && checks.equals(other.checks);
    }

    @Override
    public int hashCode() {
        return Objects.hash(report, Arrays.hashCode(pdf), volet, checks);
    }

    @Override
    public String toString() {
        return "ReadDocument[" + volet + ", " + report.observationCount() + " results, pdf "
                + (pdf == null ? "none" : pdf.length + " bytes") + ", " + checks + "]";
    }
}
