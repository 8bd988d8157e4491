package fr.segurbio.dmp;

import fr.segurbio.core.ErrorCode;
import fr.segurbio.core.Severity;

/**
 * The stable codes of the dmp-client module ({@code DMP-001}…), with French and English messages a lab's staff
 * can act on. Codes {@code DMP-001}…{@code DMP-009} are configuration and certificates, {@code DMP-01x} the
 * identity and consent gates, {@code DMP-02x} the documents and their metadata, {@code DMP-03x} what the DMP
 * answered, {@code DMP-04x} the VIHF.
 *
 * <pre>{@code
 * try {
 *     dmp.submit(submission);
 * } catch (DmpException e) {
 *     if (e.code() == DmpError.PATIENT_OPPOSED) { ... }
 *     e.problems().forEach(p -> log.warn(p.message(Locale.FRENCH)));
 * }
 * }</pre>
 */
public enum DmpError implements ErrorCode {
    /** A setting is missing or wrong. */
    INVALID_CONFIGURATION("DMP-001", "Configuration du client DMP invalide : %s", "Invalid DMP client configuration: %s"),
    /** A certificate cannot be used (expired, not yet valid, wrong key usage…). */
    CERTIFICATE_UNUSABLE("DMP-002", "Certificat %s inutilisable : %s", "%s certificate unusable: %s"),
    /** The VIHF signing certificate is a TLS client (AUTH_CLI) certificate. */
    SIGN_CERTIFICATE_IS_TLS("DMP-003",
            "Le VIHF doit être signé avec le certificat ORG SIGN de la structure ; %s est un certificat "
                    + "d'authentification TLS (AUTH_CLI)",
            "The VIHF must be signed with the structure's ORG SIGN certificate; %s is a TLS authentication "
                    + "(AUTH_CLI) certificate"),
    /** The TLS certificate is a signature (SIGN) certificate. */
    TLS_CERTIFICATE_IS_SIGN("DMP-004",
            "L'authentification TLS au DMP demande le certificat ORG AUTH_CLI ; %s est un certificat de signature "
                    + "(ORG SIGN)",
            "TLS authentication to the DMP needs the ORG AUTH_CLI certificate; %s is a signature (ORG SIGN) "
                    + "certificate"),
    /** The same certificate is used for TLS and for signing. */
    SAME_CERTIFICATE("DMP-005",
            "Le même certificat (%s) sert à l'authentification TLS et à la signature : le DMP en exige deux",
            "The same certificate (%s) is used for TLS and for signing: the DMP requires two"),

    /** The patient's INS is not qualified. */
    INS_NOT_QUALIFIED("DMP-010",
            "L'identité du patient n'est pas qualifiée : seule une INS qualifiée alimente le DMP",
            "The patient's identity is not qualified: only a qualified INS feeds the DMP"),
    /** The INS OID does not belong to the environment. */
    INS_WRONG_ENVIRONMENT("DMP-011",
            "INS d'OID %s refusée dans l'environnement %s (OID de test en production, ou l'inverse)",
            "INS with OID %s refused in the %s environment (test OID in production, or the reverse)"),
    /** The patient opposed the feeding of the DMP. */
    PATIENT_OPPOSED("DMP-012",
            "Le patient s'est opposé à l'alimentation de son DMP : rien n'a été envoyé",
            "The patient opposed the feeding of the DMP: nothing was sent"),
    /** The patient was not informed. */
    PATIENT_NOT_INFORMED("DMP-013",
            "Le patient n'a pas été informé de l'alimentation de son DMP : rien n'a été envoyé",
            "The patient was not informed that the DMP is fed: nothing was sent"),
    /** The DMP is closed. */
    DMP_CLOSED("DMP-014", "Le DMP du patient est fermé : %s", "The patient's DMP is closed: %s"),
    /** The patient has no DMP. */
    DMP_ABSENT("DMP-015", "Le patient n'a pas de DMP : %s", "The patient has no DMP: %s"),
    /** The structure is not authorised to consult the DMP. */
    NOT_AUTHORISED("DMP-016",
            "La structure n'est pas autorisée à consulter ce DMP (autorisation %s)",
            "The structure is not authorised to consult this DMP (authorisation %s)"),
    /** The patient did not consent to consultation. */
    NO_CONSULTATION_CONSENT("DMP-017",
            "Le patient n'a pas consenti à la consultation de son DMP par le laboratoire",
            "The patient did not consent to the lab consulting the DMP"),

    /** An N3 without its N1, or the reverse. */
    INCOMPLETE_PAIR("DMP-020",
            "Le DMP exige le N1 et le N3 ensemble dans la même soumission : %s",
            "The DMP requires the N1 and the N3 together in one submission: %s"),
    /** The N1 and the N3 are not about the same patient or report. */
    PAIR_MISMATCH("DMP-021", "Le N1 et le N3 ne correspondent pas : %s", "The N1 and the N3 do not match: %s"),
    /** A metadata value is outside the DMP value set. */
    NOT_IN_VALUE_SET("DMP-022", "Métadonnée %s : la valeur « %s » n'appartient pas au jeu de valeurs %s",
            "Metadata %s: the value \"%s\" is not in the value set %s"),
    /** A metadata item is missing. */
    METADATA_MISSING("DMP-023", "Métadonnée obligatoire absente : %s", "Required metadata missing: %s"),
    /** The replacement is not a next version of the replaced document. */
    BAD_REPLACEMENT("DMP-024", "Remplacement invalide : %s", "Invalid replacement: %s"),
    /** The document was not authored by this structure. */
    NOT_AUTHOR("DMP-025",
            "Le document %s n'a pas été déposé par cette structure (%s) : seul l'auteur peut le remplacer, "
                    + "le masquer ou le supprimer",
            "The document %s was not submitted by this structure (%s): only its author may replace, mask or "
                    + "delete it"),
    /** The document is not in the DMP. */
    DOCUMENT_NOT_FOUND("DMP-026", "Document %s absent du DMP du patient", "Document %s not found in the patient's DMP"),
    /** The action does not apply to the document in its current state. */
    BAD_STATE("DMP-027", "Action %s impossible sur le document %s : %s",
            "Action %s impossible on document %s: %s"),
    /** A document given is not what the call expects. */
    BAD_DOCUMENT("DMP-028", "Document invalide : %s", "Invalid document: %s"),

    /** The registry or repository answered with errors. */
    REGISTRY_ERROR("DMP-030", "Le DMP a refusé la requête : %s", "The DMP refused the request: %s"),
    /** A uniqueId is already in the DMP. */
    DUPLICATE_UNIQUE_ID("DMP-031", "Le DMP connaît déjà ce document (uniqueId en double) : %s",
            "The DMP already holds this document (duplicate uniqueId): %s"),
    /** A SOAP fault. */
    REMOTE_FAULT("DMP-032", "Le DMP a répondu par une erreur SOAP : %s", "The DMP answered with a SOAP fault: %s"),
    /** The DMP could not be reached or did not answer in time. */
    UNAVAILABLE("DMP-033", "DMP injoignable ou sans réponse : %s", "DMP unreachable or not answering: %s"),
    /** The answer cannot be read. */
    RESPONSE_MALFORMED("DMP-034", "Réponse du DMP illisible : %s", "Unreadable DMP answer: %s"),
    /** It cannot be known whether the DMP committed a submission. */
    OUTCOME_UNKNOWN("DMP-035",
            "Impossible de savoir si le DMP a enregistré la soumission %s (%s) : relancer plus tard, les "
                    + "identifiants uniques empêchent tout doublon",
            "Cannot tell whether the DMP recorded submission %s (%s): retry later, the unique ids prevent any "
                    + "duplicate"),
    /** A retrieved document is larger than allowed. */
    TOO_LARGE("DMP-036", "Document reçu trop volumineux (plus de %s octets)",
            "Document received is too large (over %s bytes)"),
    /** One of the two documents was updated, not the other. */
    PARTIAL_UPDATE("DMP-037", "Mise à jour partielle : %s", "Partial update: %s"),

    /** A VIHF setting or value is missing. */
    VIHF_INCOMPLETE("DMP-040", "VIHF incomplet : %s", "Incomplete VIHF: %s"),
    /** A role code has no known display name. */
    VIHF_ROLE_UNKNOWN("DMP-041",
            "Rôle %s du système %s sans libellé connu : le déclarer dans les réglages du VIHF",
            "Role %s of system %s has no known display name: declare it in the VIHF settings"),
    /** Signing the VIHF or the XAdES document failed. */
    SIGNATURE_FAILED("DMP-042", "Échec de signature : %s", "Signing failed: %s"),
    /** A Web PS DMP URL cannot be built. */
    WEBPS_UNAVAILABLE("DMP-043", "URL Web PS DMP impossible : %s", "Web PS DMP URL impossible: %s");

    private final String id;
    private final String fr;
    private final String en;

    DmpError(String id, String fr, String en) {
        this.id = id;
        this.fr = fr;
        this.en = en;
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public Severity severity() {
        return Severity.ERROR;
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
