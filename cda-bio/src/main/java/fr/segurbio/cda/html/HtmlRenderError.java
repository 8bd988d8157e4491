package fr.segurbio.cda.html;

import fr.segurbio.core.ErrorCode;
import fr.segurbio.core.Severity;

/**
 * Stable codes of the self-presenting stylesheet ({@code CDA-8nn}), thrown as
 * {@link fr.segurbio.cda.CdaException}.
 *
 * <pre>{@code
 * try {
 *     String html = CrBioStylesheet.create().toHtml(bytes);
 * } catch (CdaException e) {
 *     e.code().id();   // "CDA-801" for a document with a DOCTYPE
 * }
 * }</pre>
 */
public enum HtmlRenderError implements ErrorCode {

    /** The input is not well-formed XML, or it is refused (DOCTYPE, too large). */
    UNREADABLE("CDA-801", Severity.ERROR,
            "Document XML refusé ou illisible : %s",
            "XML document refused or unreadable: %s"),
    /** The input is XML but holds no CDA ClinicalDocument. */
    NOT_A_CDA("CDA-802", Severity.ERROR,
            "Le document n'est pas un CDA (aucun élément ClinicalDocument de l'espace urn:hl7-org:v3)",
            "The document is not a CDA (no ClinicalDocument element in namespace urn:hl7-org:v3)"),
    /** The logo file of the style is missing or is not an image a browser shows. */
    LOGO_UNREADABLE("CDA-803", Severity.ERROR,
            "Logo du laboratoire absent ou illisible (%s) : %s",
            "Lab logo missing or unreadable (%s): %s"),
    /** A value of the style is not allowed (colour, URL, separator). */
    BAD_STYLE("CDA-804", Severity.ERROR,
            "Paramètre de présentation « %s » refusé : %s",
            "Presentation setting \"%s\" refused: %s"),
    /** The transformation or the writing of the HTML failed. */
    RENDER_FAILED("CDA-805", Severity.ERROR,
            "Échec de la production du HTML : %s",
            "Failed to produce the HTML: %s");

    private final String id;
    private final Severity severity;
    private final String fr;
    private final String en;

    HtmlRenderError(String id, Severity severity, String fr, String en) {
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
