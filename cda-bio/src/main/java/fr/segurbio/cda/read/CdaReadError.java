package fr.segurbio.cda.read;

import fr.segurbio.core.ErrorCode;
import fr.segurbio.core.Severity;

/**
 * The stable codes of reading and merging CR-BIO documents ({@code CDA-6xx}).
 *
 * <pre>{@code
 * try {
 *     reader.read(file);
 * } catch (CdaException e) {
 *     if (e.code() == CdaReadError.NOT_A_CR_BIO_N3) { ... }
 * }
 * }</pre>
 */
public enum CdaReadError implements ErrorCode {
    /** The document is a CDA, but not a CR-BIO level 3 (another volet, or a level-1 document). */
    NOT_A_CR_BIO_N3("CDA-601", Severity.ERROR,
            "Le document n'est pas un CR d'examens de biologie de niveau 3 (%s) : il ne peut pas être lu",
            "The document is not a level-3 lab report (CR-BIO) (%s): it cannot be read"),
    /** A part of the document cannot be represented (missing or malformed element). */
    BAD_PART("CDA-602", Severity.ERROR,
            "%s : %s",
            "%s: %s"),
    /** The subcontractor's report is about another patient. */
    PATIENT_MISMATCH("CDA-603", Severity.ERROR,
            "Le compte rendu du sous-traitant concerne un autre patient (INS %s au lieu de %s) : fusion refusée",
            "The subcontractor's report is about another patient (INS %s instead of %s): merge refused"),
    /** The subcontractor's report has neither a structured body nor a PDF. */
    NOTHING_TO_MERGE("CDA-604", Severity.ERROR,
            "Le compte rendu du sous-traitant n'a ni résultats structurés ni PDF",
            "The subcontractor's report has neither structured results nor a PDF"),
    /** The document lacks the CR-BIO document code or title. */
    WRONG_DOCUMENT_CODE("CDA-610", Severity.ERROR,
            "Le code du document est %s au lieu de 11502-2 « CR d'examens biologiques » (LOINC)",
            "The document code is %s instead of 11502-2 \"CR d'examens biologiques\" (LOINC)"),
    /** The mandatory PDF copy section is missing. */
    NO_PDF_COPY("CDA-611", Severity.ERROR,
            "La section « Copie du document » (PDF, 1.2.250.1.213.1.1.2.243) est absente",
            "The \"Copie du document\" section (PDF, 1.2.250.1.213.1.1.2.243) is missing"),
    /** The patient has an INS without the identity traits that must accompany it. */
    INS_WITHOUT_TRAITS("CDA-612", Severity.ERROR,
            "Le patient a un INS mais pas tous ses traits d'identité (%s)",
            "The patient has an INS but not all its identity traits (%s)"),
    /** An impossible date read with its day and month swapped. */
    IMPOSSIBLE_DATE("CDA-614", Severity.WARNING,
            "La date %s est impossible ; lue en inversant jour et mois : %s",
            "The date %s is impossible; read with day and month swapped: %s"),
    /** The document's volet version is not one the reader knows. */
    OLD_VOLET("CDA-613", Severity.INFO,
            "Document du volet %s, lu et réécrit au format 2024.01",
            "Volet %s document, read and rewritten as 2024.01");

    private final String id;
    private final Severity severity;
    private final String fr;
    private final String en;

    CdaReadError(String id, Severity severity, String fr, String en) {
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
