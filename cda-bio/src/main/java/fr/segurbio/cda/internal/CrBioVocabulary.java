package fr.segurbio.cda.internal;

import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Collectors;

import fr.segurbio.cda.Code;
import fr.segurbio.cda.CodeSystems;
import fr.segurbio.ins.AssigningAuthority;

/**
 * The CR-BIO's structural vocabulary, in one place for its writer and its reader: the XML namespaces, the CDA
 * type id, the templateIds of every part (IHE XD-LAB and PCC first, then the French CI-SIS one, in the order the
 * documents carry them), the fixed LOINC codes of the sections and entries, and the INS roots (taken from
 * ins-core's {@link AssigningAuthority}). The code systems users need are public in {@link CodeSystems}; the
 * templateIds are internal, a user never spells them.
 */
public final class CrBioVocabulary {

    // ------------------------------------------------------------------ namespaces and CDA type

    /** The HL7 v3 namespace, the default one of a CDA. */
    public static final String NS_HL7 = "urn:hl7-org:v3";
    /** The IHE lab extension namespace ({@code lab:statusCode} of the service event). */
    public static final String NS_LAB = "urn:oid:1.3.6.1.4.1.19376.1.3.2";
    /** The XML Schema instance namespace ({@code xsi:type}). */
    public static final String NS_XSI = "http://www.w3.org/2001/XMLSchema-instance";
    /** The root of the CDA {@code typeId}. */
    public static final String TYPE_ID_ROOT = "2.16.840.1.113883.1.3";
    /** The extension of the CDA {@code typeId}. */
    public static final String TYPE_ID_EXTENSION = "POCD_HD000040";
    /** The realm code of a French CDA. */
    public static final String REALM_FR = "FR";

    // ------------------------------------------------------------------ document templates

    /** HL7 France. */
    public static final String T_HL7_FRANCE = "2.16.840.1.113883.2.8.2.1";
    /** CI-SIS structuration minimale. */
    public static final String T_CI_SIS = "1.2.250.1.213.1.1.1.1";
    /** IHE XD-LAB lab report (N3). */
    public static final String T_XD_LAB = "1.3.6.1.4.1.19376.1.3.3";
    /** CI-SIS volet BIO-CR-BIO (N3), with {@link #CR_BIO_VERSION} as extension. */
    public static final String T_CR_BIO = "1.2.250.1.213.1.1.1.55";
    /** The version of the volet written, the extension of {@link #T_CR_BIO}. */
    public static final String CR_BIO_VERSION = "2024.01";
    /** IHE XDS-SD scanned document (N1). */
    public static final String T_XDS_SD = "1.3.6.1.4.1.19376.1.2.20";

    // ------------------------------------------------------------------ header participants

    /** IHE XD-LAB intended recipient. */
    public static final String T_INTENDED_RECIPIENT = "1.3.6.1.4.1.19376.1.3.3.1.4";
    /** IHE XD-LAB authenticator (header authenticator and an entry's validator). */
    public static final String T_AUTHENTICATOR = "1.3.6.1.4.1.19376.1.3.3.1.5";
    /** IHE XD-LAB ordering provider (the prescriber, {@code participant typeCode="REF"}). */
    public static final String T_ORDERING_PROVIDER = "1.3.6.1.4.1.19376.1.3.3.1.6";
    /** IHE XD-LAB laboratory performer (service event and subcontractor). */
    public static final String T_LAB_PERFORMER = "1.3.6.1.4.1.19376.1.3.3.1.7";
    /** The function code of the sampler ({@code participant typeCode="PRF"}). */
    public static final String SAMPLER_FUNCTION = "PRELV";
    /** The display name of {@link #SAMPLER_FUNCTION}. */
    public static final String SAMPLER_FUNCTION_DISPLAY = "Préleveur";

    // ------------------------------------------------------------------ sections

    /** HL7 CDA section (comment section). */
    public static final String T_CDA_SECTION = "2.16.840.1.113883.10.12.201";
    /** IHE PCC coded comment section. */
    public static final String T_PCC_COMMENT_SECTION = "1.3.6.1.4.1.19376.1.4.1.2.16";
    /** FR-Commentaire-non-code (comment section). */
    public static final String T_COMMENT_SECTION = "1.2.250.1.213.1.1.2.73";
    /** FR-Resultats-examens-de-biologie-medicale scannés (second-line results). */
    public static final String T_SECOND_LINE = "1.2.250.1.213.1.1.2.60";
    /** FR-Document-PDF-copie (the PDF copy of an N3). */
    public static final String T_PDF_COPY = "1.2.250.1.213.1.1.2.243";
    /** IHE XD-LAB laboratory speciality section (a chapter). */
    public static final String T_CHAPTER = "1.3.6.1.4.1.19376.1.3.3.2.1";
    /** FR-CR-BIO-Chapitre. */
    public static final String T_FR_CHAPTER = "1.2.250.1.213.1.1.2.70";
    /** IHE XD-LAB laboratory report item section (a sub-chapter). */
    public static final String T_SUBCHAPTER = "1.3.6.1.4.1.19376.1.3.3.2.2";
    /** FR-CR-BIO-Sous-Chapitre. */
    public static final String T_FR_SUBCHAPTER = "1.2.250.1.213.1.1.2.71";

    // ------------------------------------------------------------------ entries

    /** FR-Document-attache organizer. */
    public static final String T_ATTACHED_DOCUMENT = "1.2.250.1.213.1.1.3.18";
    /** IHE PCC simple observation. */
    public static final String T_SIMPLE_OBSERVATION = "1.3.6.1.4.1.19376.1.5.3.1.4.13";
    /** FR-Simple-Observation. */
    public static final String T_FR_SIMPLE_OBSERVATION = "1.2.250.1.213.1.1.3.48";
    /** FR-Type-document-attache. */
    public static final String T_ATTACHED_DOCUMENT_TYPE = "1.2.250.1.213.1.1.3.48.18";
    /** IHE XD-LAB laboratory report data processing entry. */
    public static final String T_DATA_PROCESSING_ENTRY = "1.3.6.1.4.1.19376.1.3.1";
    /** FR-Resultats-examens-de-biologie-medicale entry. */
    public static final String T_FR_DATA_PROCESSING_ENTRY = "1.2.250.1.213.1.1.3.21";
    /** FR-Validateur (an entry's authenticator participant). */
    public static final String T_FR_VALIDATOR = "1.2.250.1.213.1.1.3.109";
    /** FR-Laboratoire-executant (a subcontracting lab performer). */
    public static final String T_FR_SUBCONTRACTOR = "1.2.250.1.213.1.1.3.23";
    /** HL7 CDA observation media. */
    public static final String T_OBSERVATION_MEDIA = "2.16.840.1.113883.10.12.304";
    /** FR-Image-illustrative. */
    public static final String T_FR_OBSERVATION_MEDIA = "1.2.250.1.213.1.1.3.103";
    /** CCD comment. */
    public static final String T_CCD_COMMENT = "2.16.840.1.113883.10.20.1.40";
    /** IHE PCC comment. */
    public static final String T_PCC_COMMENT = "1.3.6.1.4.1.19376.1.5.3.1.4.2";
    /** FR-Commentaire-ER. */
    public static final String T_FR_COMMENT = "1.2.250.1.213.1.1.3.32";
    /** IHE XD-LAB specimen collection. */
    public static final String T_SPECIMEN_COLLECTION = "1.3.6.1.4.1.19376.1.3.1.2";
    /** FR-Prelevement. */
    public static final String T_FR_SPECIMEN_COLLECTION = "1.2.250.1.213.1.1.3.77";
    /** IHE XD-LAB specimen received. */
    public static final String T_SPECIMEN_RECEIVED = "1.3.6.1.4.1.19376.1.3.1.3";
    /** FR-Date-de-reception-echantillon. */
    public static final String T_FR_SPECIMEN_RECEIVED = "1.2.250.1.213.1.1.3.107";
    /** IHE XD-LAB laboratory battery organizer. */
    public static final String T_BATTERY = "1.3.6.1.4.1.19376.1.3.1.4";
    /** FR-Batterie-examens-de-biologie-medicale. */
    public static final String T_FR_BATTERY = "1.2.250.1.213.1.1.3.78";
    /** IHE XD-LAB laboratory isolate organizer. */
    public static final String T_ISOLATE = "1.3.6.1.4.1.19376.1.3.1.5";
    /** FR-Isolat-microbiologique. */
    public static final String T_FR_ISOLATE = "1.2.250.1.213.1.1.3.79";
    /** IHE XD-LAB laboratory observation. */
    public static final String T_RESULT = "1.3.6.1.4.1.19376.1.3.1.6";
    /** FR-Resultat-examens-de-biologie-medicale. */
    public static final String T_FR_RESULT = "1.2.250.1.213.1.1.3.80";

    // ------------------------------------------------------------------ fixed codes

    /** Section code of a comment section. */
    public static final Code COMMENT_SECTION = Code.of("55112-7", CodeSystems.LOINC, "Commentaire");
    /** Section code of scanned second-line results. */
    public static final Code SECOND_LINE_SECTION = Code.of("101792-0", CodeSystems.LOINC,
            "Résultats de laboratoire scannés");
    /** Section code of the PDF copy, also the value of its document type observation. */
    public static final Code PDF_COPY_SECTION = Code.of("55108-5", CodeSystems.LOINC, "Copie du document");
    /** Code of the attached-document organizer. */
    public static final Code ATTACHED_DOCUMENT = Code.of("55107-7", CodeSystems.LOINC, "Document attaché");
    /** Code of the attached document's type observation. */
    public static final Code ATTACHED_DOCUMENT_TYPE = Code.of("69764-9", CodeSystems.LOINC, "Type de document");
    /** Code of a comment entry. */
    public static final Code COMMENT_ENTRY = Code.of("48767-8", CodeSystems.LOINC, "Commentaire");
    /** Code of a specimen's reception act (written with its code system name, {@code IHEActCode}). */
    public static final Code SPECIMEN_RECEIVED = Code.of("SPRECEIVE", CodeSystems.IHE_ACT_CODE, "Échantillon reçu");

    // ------------------------------------------------------------------ identifiers

    /** The roots of an INS: the four OIDs of ins-core's {@link AssigningAuthority}. */
    public static final Set<String> INS_ROOTS = EnumSet.allOf(AssigningAuthority.class).stream()
            .map(AssigningAuthority::oid).collect(Collectors.toUnmodifiableSet());

    private CrBioVocabulary() {
    }
}
