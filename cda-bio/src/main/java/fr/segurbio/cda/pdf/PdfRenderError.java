package fr.segurbio.cda.pdf;

import fr.segurbio.core.ErrorCode;
import fr.segurbio.core.Severity;

/**
 * Stable codes of the PDF renderer ({@code CDA-7nn}). Warnings are returned with the PDF in
 * {@link PdfRendering#warnings()}; errors are thrown as {@link fr.segurbio.cda.CdaException}.
 *
 * <pre>{@code
 * PdfRendering r = renderer.renderWithWarnings(report);
 * r.warnings().forEach(p -> log.warn("{}: {}", p.code().id(), p.messageFr()));
 * }</pre>
 */
public enum PdfRenderError implements ErrorCode {

    /** Characters the font cannot draw were replaced by a visible replacement glyph. */
    CHARACTERS_REPLACED("CDA-701", Severity.WARNING,
            "Caractères absents de la police, remplacés par « \uFFFD » dans le PDF : %s",
            "Characters missing from the font, replaced by \"\uFFFD\" in the PDF: %s"),
    /** The configured logo could not be read; the report is rendered without it. */
    LOGO_UNREADABLE("CDA-702", Severity.WARNING,
            "Logo du laboratoire illisible ou absent (%s) : compte rendu produit sans logo",
            "Lab logo missing or unreadable (%s): report rendered without logo"),
    /** No INS Datamatrix is printed: the identity is not qualified, or its traits cannot be encoded. */
    NO_DATAMATRIX("CDA-703", Severity.INFO,
            "Pas de Datamatrix INS sur le compte rendu : %1$s",
            "No INS Datamatrix on the report: %2$s"),
    /** A configured font cannot be used. */
    BAD_FONT("CDA-704", Severity.ERROR,
            "Police inutilisable (%s) : %s", "Unusable font (%s): %s"),
    /** PDFBox failed to produce the file. */
    RENDER_FAILED("CDA-705", Severity.ERROR,
            "Échec de production du PDF : %s", "Failed to produce the PDF: %s");

    private final String id;
    private final Severity severity;
    private final String fr;
    private final String en;

    PdfRenderError(String id, Severity severity, String fr, String en) {
        this.id = id;
        this.severity = severity;
        this.fr = fr;
        this.en = en;
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public Severity severity() {
        return severity;
    }

    @Override
    public String frenchTemplate() {
        return fr;
    }

    @Override
    public String englishTemplate() {
        return en;
    }
}
