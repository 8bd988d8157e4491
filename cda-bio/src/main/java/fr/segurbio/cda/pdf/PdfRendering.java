package fr.segurbio.cda.pdf;

import java.util.List;
import java.util.Objects;

import fr.segurbio.core.Problem;

/**
 * A rendered PDF/A-1b report and what the renderer had to say about it: characters replaced because the font
 * lacks them ({@code CDA-701}), a logo that could not be read ({@code CDA-702}), no Datamatrix because the
 * identity is not qualified ({@code CDA-703}).
 *
 * <pre>{@code
 * PdfRendering r = renderer.renderWithWarnings(report);
 * Files.write(dir.resolve("report.pdf"), r.pdf());
 * }</pre>
 *
 * @param pdf the PDF/A-1b file
 * @param pageCount the number of pages
 * @param warnings the problems found, none of them an error
 */
public record PdfRendering(byte[] pdf, int pageCount, List<Problem> warnings) {

    /**
     * Checks and copies the fields.
     *
     * @param pdf the PDF/A-1b file
     * @param pageCount the number of pages
     * @param warnings the problems found
     */
    public PdfRendering {
        Objects.requireNonNull(pdf, "pdf");
        warnings = List.copyOf(warnings);
    }

    /**
     * The PDF bytes (the array itself: do not modify it).
     *
     * @return the PDF/A-1b file
     */
    @Override
    public byte[] pdf() {
        return pdf;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PdfRendering r && java.util.Arrays.equals(pdf, r.pdf)
                && pageCount == r.pageCount && warnings.equals(r.warnings);
    }

    @Override
    public int hashCode() {
        return java.util.Arrays.hashCode(pdf) * 31 + pageCount;
    }

    @Override
    public String toString() {
        return "PdfRendering[" + pdf.length + " bytes, " + pageCount + " pages, " + warnings.size() + " warnings]";
    }
}
