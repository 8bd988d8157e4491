package fr.segurbio.cda;

/**
 * The OIDs a CR-BIO user needs, in one place: the code systems of the codes in a report, and the roots of the
 * national identifiers (health professionals, structures). The INS roots are ins-core's
 * {@link fr.segurbio.ins.AssigningAuthority}; the templateIds are the SDK's business, not the user's.
 *
 * <pre>{@code
 * Code male = Code.of("M", CodeSystems.ADMINISTRATIVE_GENDER, "Masculin");
 * InstanceId lab = InstanceId.of(CodeSystems.ID_NAT_STRUCT, "1750000000");
 * }</pre>
 */
public final class CodeSystems {
    /** LOINC. */
    public static final String LOINC = "2.16.840.1.113883.6.1";
    /** SNOMED CT. */
    public static final String SNOMED_CT = "2.16.840.1.113883.6.96";
    /** NCBI Taxonomy (translation of an organism's SNOMED CT code). */
    public static final String NCBI_TAXONOMY = "2.16.840.1.113883.3.9471";
    /** HL7 v2 table 0487 specimen type (jdv-specimen-type-cisis). */
    public static final String SPECIMEN_TYPE = "2.16.840.1.113883.18.311";
    /** NABM, the French lab act nomenclature. */
    public static final String NABM = "1.2.250.1.213.2.7";
    /** ANSM common reagent coding table (methods, jdv-technique-biologie-cisis). */
    public static final String ANSM_TECHNIQUE = "1.2.250.1.213.2.3.5";
    /** HL7 ObservationInterpretation. */
    public static final String OBSERVATION_INTERPRETATION = "2.16.840.1.113883.5.83";
    /** HL7 ObservationMethod. */
    public static final String OBSERVATION_METHOD = "2.16.840.1.113883.5.84";
    /** HL7 AdministrativeGender. */
    public static final String ADMINISTRATIVE_GENDER = "2.16.840.1.113883.5.1";
    /** HL7 Confidentiality. */
    public static final String CONFIDENTIALITY = "2.16.840.1.113883.5.25";
    /** HL7 ActCode (encounter codes such as {@code AMB}). */
    public static final String ACT_CODE = "2.16.840.1.113883.5.4";
    /** TRE_G15 / J01 profession and specialty codes ({@code G15_10/SM03}…). */
    public static final String PROFESSION = "1.2.250.1.213.1.1.4.5";
    /** TRE_A01 practice setting ({@code AMBULATOIRE}, {@code ETABLISSEMENT}). */
    public static final String PRACTICE_SETTING = "1.2.250.1.213.1.1.4.9";
    /** TRE_R02 activity sector ({@code SA25} laboratoire de biologie médicale). */
    public static final String ACTIVITY_SECTOR = "1.2.250.1.71.4.2.4";
    /** National "code d'attente" of the lab circuit, for an analyte without a LOINC code. */
    public static final String WAITING_CODE = "1.2.250.1.213.1.1.5.130";
    /** TRE_A03 document class. */
    public static final String DOCUMENT_CLASS = "1.2.250.1.213.1.1.4.1";
    /** IHE format codes. */
    public static final String IHE_FORMAT = "1.3.6.1.4.1.19376.1.2.3";
    /** Participation function ({@code PRELV} préleveur). */
    public static final String PARTICIPATION_FUNCTION = "1.2.250.1.213.1.1.4.2.280";
    /**
     * IHE ActCode as the CR-BIO spells it ({@code SPRECEIVE}): {@code 1.3.5.1.4.1.19376.1.5.3.2}, IHE's historical
     * typo for {@code 1.3.6…}, which the CI-SIS schematron requires.
     */
    public static final String IHE_ACT_CODE = "1.3.5.1.4.1.19376.1.5.3.2";

    /** Identifier root of the national health professional identifier (idNat_PS: "8" + RPPS, "0" + ADELI…). */
    public static final String ID_NAT_PS = "1.2.250.1.71.4.2.1";
    /** Identifier root of the national structure identifier (idNat_Struct: "1" + FINESS, "3" + SIRET…). */
    public static final String ID_NAT_STRUCT = "1.2.250.1.71.4.2.2";

    private CodeSystems() {
    }

    static String nameOf(String oid) {
        return switch (oid) {
            case LOINC -> "LOINC";
            case SNOMED_CT -> "SNOMED CT";
            case NCBI_TAXONOMY -> "NCBI-Taxonomy";
            case NABM -> "NABM";
            case OBSERVATION_METHOD -> "HL7:ObservationMethod";
            case ANSM_TECHNIQUE -> "ANSM – Table de codage commune des réactifs";
            case IHE_ACT_CODE -> "IHEActCode";
            default -> null;
        };
    }
}
