package fr.segurbio.cda;

import fr.segurbio.core.ErrorCode;
import fr.segurbio.core.Severity;

/**
 * The stable codes of the cda-bio module ({@code CDA-001}…), with French and English messages.
 *
 * <pre>{@code
 * try {
 *     CrBioReport report = builder.build();
 * } catch (CdaException e) {
 *     e.problems().forEach(p -> System.out.println(p.code().id() + " " + p.message(Locale.FRENCH)));
 * }
 * }</pre>
 */
public enum CdaError implements ErrorCode {
    /** A required field is missing. */
    MISSING("CDA-001", Severity.ERROR, "Élément obligatoire absent : %s", "Required element missing: %s"),
    /** The report has no result. */
    NO_RESULT("CDA-002", Severity.ERROR,
            "Le compte rendu ne contient aucun résultat (au moins un chapitre avec un résultat est requis)",
            "The report has no result (at least one chapter with one result is required)"),
    /** No validating biologist (legal authenticator). */
    NO_VALIDATING_BIOLOGIST("CDA-003", Severity.ERROR,
            "Aucun biologiste validateur (legalAuthenticator) : un CR-BIO doit être validé par un biologiste",
            "No validating biologist (legalAuthenticator): a CR-BIO must be validated by a biologist"),
    /** The INS is not qualified: the document carries the local identifier only. */
    INS_NOT_QUALIFIED("CDA-004", Severity.WARNING,
            "INS non qualifiée : le document est produit avec le seul identifiant local %s (l'INS n'y figure pas)",
            "INS not qualified: the document is produced with the local identifier %s only (no INS in it)"),
    /** UCUM rejects a unit. */
    BAD_UNIT("CDA-005", Severity.ERROR, "Unité « %s » refusée par UCUM : %s", "Unit \"%s\" rejected by UCUM: %s"),
    /** A LOINC code is malformed or its check digit is wrong. */
    BAD_LOINC("CDA-006", Severity.ERROR, "Code LOINC « %s » invalide : %s", "Invalid LOINC code \"%s\": %s"),
    /** An identifier (OID, UUID) is malformed. */
    BAD_IDENTIFIER("CDA-007", Severity.ERROR, "Identifiant « %s » invalide : %s", "Invalid identifier \"%s\": %s"),
    /** A value is not allowed by the volet or its value set. */
    BAD_VALUE("CDA-008", Severity.ERROR, "Valeur « %s » non autorisée : %s", "Value \"%s\" not allowed: %s"),
    /** The traits a qualified INS requires are incomplete. */
    INS_TRAITS_MISSING("CDA-009", Severity.ERROR,
            "INS qualifiée sans ses traits d'identité obligatoires : %s",
            "Qualified INS without its required identity traits: %s"),
    /** The PDF copy is missing or is not a PDF. */
    BAD_PDF("CDA-010", Severity.ERROR, "Copie PDF du compte rendu absente ou invalide : %s",
            "PDF copy of the report missing or invalid: %s"),
    /** The JSON report cannot be read. */
    BAD_JSON("CDA-011", Severity.ERROR, "Rapport JSON illisible : %s", "Unreadable JSON report: %s"),
    /** Writing the document failed. */
    WRITE_FAILED("CDA-012", Severity.ERROR, "Échec d'écriture du document CDA : %s", "Failed to write the CDA document: %s"),
    /** A chapter mixes entries and sub-chapters, or is empty. */
    BAD_STRUCTURE("CDA-013", Severity.ERROR, "Structure invalide : %s", "Invalid structure: %s"),
    /**
     * A {@link CdaExtension} that is not one well-formed element the CDA schema allows at its place, in the allowed
     * namespaces, without DTD nor entity; or more of them than the schema allows there.
     */
    BAD_EXTENSION("CDA-014", Severity.ERROR, "Extension CDA refusée (%s) : %s", "CDA extension refused (%s): %s");

    private final String id;
    private final Severity severity;
    private final String fr;
    private final String en;

    CdaError(String id, Severity severity, String fr, String en) {
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
