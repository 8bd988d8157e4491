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
            "Le document n'est pas un CR d'examens de biologie de niveau 3 (%s) : il ne peut pas être lu (règle : templateId 1.2.250.1.213.1.1.1.55 du volet BIO-CR-BIO et component/structuredBody)",
            "The document is not a level-3 lab report (CR-BIO) (%s): it cannot be read (rule: the BIO-CR-BIO volet's templateId 1.2.250.1.213.1.1.1.55 and component/structuredBody)"),
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
            "Le code du document est %s au lieu de 11502-2 « CR d'examens biologiques » (LOINC) (règle : Entete_CR-BIO, ClinicalDocument/code)",
            "The document code is %s instead of 11502-2 \"CR d'examens biologiques\" (LOINC) (rule: Entete_CR-BIO, ClinicalDocument/code)"),
    /** The mandatory PDF copy section is missing. */
    NO_PDF_COPY("CDA-611", Severity.ERROR,
            "La section « Copie du document » (PDF, 1.2.250.1.213.1.1.2.243) est absente (règle : volet BIO-CR-BIO 2023.01 et 2024.01, section 1..1)",
            "The \"Copie du document\" section (PDF, 1.2.250.1.213.1.1.2.243) is missing (rule: volet BIO-CR-BIO 2023.01 and 2024.01, section 1..1)"),
    /** The patient has an INS without the identity traits that must accompany it. */
    INS_WITHOUT_TRAITS("CDA-612", Severity.ERROR,
            "Le patient a un INS mais pas tous ses traits d'identité (%s)",
            "The patient has an INS but not all its identity traits (%s)"),
    /**
     * A date that is not a calendar date (HL7 TS, ISO 8601: month 01-12, day of the month), kept exactly as written
     * and never corrected.
     */
    IMPOSSIBLE_DATE("CDA-614", Severity.WARNING,
            "La date %s n'est pas une date du calendrier (type HL7 TS, ISO 8601) : conservée telle qu'écrite, sans correction",
            "The date %s is not a calendar date (HL7 TS type, ISO 8601): kept as written, not corrected"),
    /** The document follows an earlier volet version: it is re-written in that version unless upgraded. */
    OLD_VOLET("CDA-613", Severity.INFO,
            "Document du volet %s : réécrit dans cette version ; CrBioReport.upgradedTo(V2024_01) le passe en 2024.01 et dit ce qui change",
            "Volet %s document: re-written in that version; CrBioReport.upgradedTo(V2024_01) moves it to 2024.01 and says what changes"),
    /** The document's volet version is not one the reader knows. */
    UNKNOWN_VOLET("CDA-615", Severity.WARNING,
            "Version de volet inconnue %s (connues : 2021.01, 2023.01, 2024.01) : lue selon 2024.01 et réécrite en 2024.01",
            "Unknown volet version %s (known: 2021.01, 2023.01, 2024.01): read as 2024.01 and re-written as 2024.01"),
    /** A part of the document the model has no field for: not kept by a re-write. */
    NOT_KEPT("CDA-616", Severity.WARNING,
            "%s : élément que le modèle ne représente pas, absent d'une réécriture",
            "%s: element the model does not represent, absent from a re-write"),
    /**
     * A part of the document the model has no field for, kept as written as a {@link fr.segurbio.cda.CdaExtension}
     * and written back by a re-write at the place the CDA schema gives it.
     */
    KEPT_AS_EXTENSION("CDA-617", Severity.INFO,
            "%s : élément que le modèle ne représente pas, conservé tel qu'écrit (extension) et réécrit",
            "%s: element the model does not represent, kept as written (extension) and written back");

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
