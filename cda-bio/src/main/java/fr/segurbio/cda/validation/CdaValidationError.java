package fr.segurbio.cda.validation;

import fr.segurbio.core.ErrorCode;
import fr.segurbio.core.Severity;

/**
 * The stable codes of CR-BIO validation, reading and merging ({@code CDA-5xx}), as findings and exceptions carry
 * them.
 *
 * <pre>{@code
 * if (report.findings().stream().anyMatch(f -> CdaValidationError.DOCTYPE_REFUSED.id().equals(f.id()))) {
 *     // the document declared a DTD and was refused
 * }
 * }</pre>
 */
public enum CdaValidationError implements ErrorCode {
    /** The conformance package lacks a file the validator needs. */
    PACKAGE_INCOMPLETE("CDA-501", Severity.ERROR,
            "Le paquet de conformité %s est incomplet : %s est absent",
            "The conformance package %s is incomplete: %s is missing"),
    /** The document declares a DTD or an entity. */
    DOCTYPE_REFUSED("CDA-502", Severity.ERROR,
            "Le document déclare une DTD ou une entité externe (%s) : refusé pour raison de sécurité",
            "The document declares a DTD or an external entity (%s): refused for security reasons"),
    /** The document is not well-formed XML (truncated, bad encoding…). */
    NOT_WELL_FORMED("CDA-503", Severity.ERROR,
            "Le document n'est pas un XML bien formé (fichier tronqué ?) : %s",
            "The document is not well-formed XML (truncated file?): %s"),
    /** The root element is not an HL7 CDA ClinicalDocument. */
    NOT_A_CDA("CDA-504", Severity.ERROR,
            "L'élément racine est %s, et non ClinicalDocument (urn:hl7-org:v3)",
            "The root element is %s, not ClinicalDocument (urn:hl7-org:v3)"),
    /** The document could not be read. */
    UNREADABLE("CDA-505", Severity.ERROR,
            "Le document %s ne peut pas être lu : %s",
            "The document %s cannot be read: %s"),
    /** The document is larger than the configured limit. */
    TOO_LARGE("CDA-506", Severity.ERROR,
            "Le document dépasse la taille maximale admise (%s octets)",
            "The document exceeds the maximum size allowed (%s bytes)"),
    /** A schematron profile could not be compiled or failed while running (doc() failure...). */
    PROFILE_FAILED("CDA-507", Severity.ERROR,
            "Le profil %s n'a pas pu être appliqué : %s",
            "The profile %s could not be applied: %s"),
    /** The CR-BIO volet version has no schematron in the package. */
    UNKNOWN_VOLET("CDA-508", Severity.ERROR,
            "Aucun schématron du volet %s dans le paquet de conformité (%s absent)",
            "No schematron for volet %s in the conformance package (%s is missing)"),
    /** The document is a CDA, but not a CR-BIO. */
    NOT_CR_BIO("CDA-509", Severity.ERROR,
            "Le document n'est pas un CR de biologie (templateId 1.2.250.1.213.1.1.1.55 absent ; templateIds : %s)",
            "The document is not a lab report (CR-BIO) (templateId 1.2.250.1.213.1.1.1.55 missing; templateIds: %s)"),
    /** A profile was not applied because the package cannot run it. */
    PROFILE_SKIPPED("CDA-510", Severity.INFO,
            "Profil %s non appliqué : %s",
            "Profile %s not applied: %s"),
    /** A self-presenting document: the ClinicalDocument inside an XSLT wrapper was validated. */
    EMBEDDED_CDA("CDA-513", Severity.INFO,
            "Document auto-présentable : le ClinicalDocument contenu dans %s a été validé",
            "Self-presenting document: the ClinicalDocument inside %s was validated"),
    /** The compiled-schematron cache folder cannot be written: the validator keeps its compilations in memory. */
    CACHE_NOT_WRITABLE("CDA-514", Severity.WARNING,
            "Le cache des schématrons compilés %s n'est pas accessible en écriture (%s) : compilation en mémoire"
                    + " seulement, le prochain démarrage compilera à nouveau",
            "The compiled-schematron cache %s is not writable (%s): compiling in memory only, the next start will"
                    + " compile again"),
    /** A document was refused by a batch because validating it could exceed the memory allowed. */
    BATCH_MEMORY("CDA-515", Severity.ERROR,
            "Document de %s octets refusé : sa validation demanderait plus que la mémoire allouée au lot (%s octets)",
            "Document of %s bytes refused: validating it would need more than the memory allowed to the batch"
                    + " (%s bytes)"),
    /** A finding of the XSD. */
    XSD_FINDING("CDA-511", Severity.ERROR,
            "%s",
            "%s"),
    /** A finding of a schematron profile. */
    SCHEMATRON_FINDING("CDA-512", Severity.ERROR,
            "%s",
            "%s");

    private final String id;
    private final Severity severity;
    private final String fr;
    private final String en;

    CdaValidationError(String id, Severity severity, String fr, String en) {
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
