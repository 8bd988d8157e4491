package fr.segurbio.cda;

import java.util.Objects;

import fr.segurbio.cda.internal.Bilingual;

/**
 * A section "Résultats de laboratoire de biologie de seconde intention"
 * ({@code 1.2.250.1.213.1.1.2.60}): the PDF report of a second-line laboratory and the section's code.
 *
 * <p>The volet requires the section's {@code code} (CD, 1..1 R, {@link #CODE_RULE}) and shows LOINC
 * {@code 101792-0} "Résultats de laboratoire scannés" ({@link #DEFAULT_CODE}); it binds no code system, so a code
 * of a French terminology, or the {@code 60572-5} of the 2021.01 examples, is kept as written.
 *
 * <pre>{@code
 * SecondLineResult cerba = new SecondLineResult(
 *         Code.of("CR-2L", "1.2.250.1.213.1.1.4.322", "Compte rendu de seconde intention"),
 *         new Attachment("application/pdf", pdfBytes, "Compte rendu du laboratoire Cerba"));
 * }</pre>
 *
 * @param code the section's code
 * @param document the PDF (its caption is the section's title)
 */
public record SecondLineResult(Code code, Attachment document) {

    /** The volet rule on the section's code that the model enforces: present, any code system. */
    public static final String CODE_RULE = "BIO-CR-BIO 2024.01 FR-Resultats-de-laboratoire-de-biologie-de-seconde-"
            + "intention (1.2.250.1.213.1.1.2.60): section/code CD 1..1 R";

    /** The code the volet shows, used when none is given: LOINC 101792-0 "Résultats de laboratoire scannés". */
    public static final Code DEFAULT_CODE = Code.of("101792-0", CodeSystems.LOINC,
            "Résultats de laboratoire scannés");

    /**
     * Checks the fields.
     *
     * @param code the section's code, {@code null} for {@link #DEFAULT_CODE}
     * @param document the PDF
     */
    public SecondLineResult {
        code = code == null ? DEFAULT_CODE : code;
        Objects.requireNonNull(document, "document");
        if (!"application/pdf".equals(document.mediaType())) {
            throw new CdaException(CdaError.BAD_VALUE, document.mediaType(), Bilingual.of(
                    "les résultats de seconde intention sont un PDF (" + CODE_RULE + ")",
                    "second-line results are a PDF (" + CODE_RULE + ")"));
        }
    }

    /**
     * A second-line result with the volet's default section code.
     *
     * @param document the PDF
     * @return the result
     */
    public static SecondLineResult of(Attachment document) {
        return new SecondLineResult(null, document);
    }
}
