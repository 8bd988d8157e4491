package fr.segurbio.dmp;

import java.util.LinkedHashSet;
import java.util.Set;

import fr.segurbio.cda.Code;
import fr.segurbio.core.ValidationResult;

/**
 * The DMP's value sets for the metadata of a CR-BIO submission, checked before anything is sent
 * ({@code DMP-022}): JDV_J57 classCode, JDV_J66 typeCode, JDV_J60 formatCode, JDV_J61
 * healthcareFacilityTypeCode (TRE_R02 sectors), JDV_J62 practiceSettingCode (TRE_A01), JDV_J58
 * confidentialityCode (HL7 N/R/V and TRE_A07 visibility codes). The J61/J62 codes are those of the CI-SIS
 * JDV_J02/JDV_J04 (2025-05-23) that the DMP versions restrict; J57/J60/J66 hold the codes a lab report uses.
 *
 * <pre>{@code
 * ValidationResult r = DmpValueSets.check("formatCode", m.formatCode(), DmpValueSets.FORMAT_CODES, "JDV_J60");
 * }</pre>
 */
public final class DmpValueSets {

    /** JDV_J57 classCode: TRE_A03 {@code 10} "Compte rendu". */
    public static final Set<String> CLASS_CODES = Set.of("10|1.2.250.1.213.1.1.4.1");
    /** JDV_J66 typeCode of a lab report: LOINC {@code 11502-2}. */
    public static final Set<String> TYPE_CODES = Set.of("11502-2|2.16.840.1.113883.6.1");
    /** JDV_J60 formatCode of a CR-BIO N3 and of a PDF N1 (and text N1). */
    public static final Set<String> FORMAT_CODES = Set.of(
            "urn:ihe:lab:xd-lab:2008|1.3.6.1.4.1.19376.1.2.3",
            "urn:ihe:iti:xds-sd:pdf:2008|1.3.6.1.4.1.19376.1.2.3",
            "urn:ihe:iti:xds-sd:text:2008|1.3.6.1.4.1.19376.1.2.3");
    /** JDV_J61 healthcareFacilityTypeCode (TRE_R02 sectors). */
    public static final Set<String> FACILITY_CODES;
    /** JDV_J62 practiceSettingCode (TRE_A01 cadres d'exercice). */
    public static final Set<String> PRACTICE_CODES;
    /** JDV_J58 confidentialityCode. */
    public static final Set<String> CONFIDENTIALITY_CODES;

    static {
        Set<String> facility = new LinkedHashSet<>();
        for (int i = 1; i <= 69; i++) {
            if (i != 11 && i != 62) {
                facility.add(String.format("SA%02d|1.2.250.1.71.4.2.4", i));
            }
        }
        FACILITY_CODES = Set.copyOf(facility);
        Set<String> practice = new LinkedHashSet<>();
        for (String c : new String[] {"AMBULATOIRE", "AMO", "DEPISTAGE", "ESSMS", "ETABLISSEMENT", "HAD", "MAD",
            "PALLIATIF", "SAD", "SAMU_SMUR"}) {
            practice.add(c + "|1.2.250.1.213.1.1.4.9");
        }
        PRACTICE_CODES = Set.copyOf(practice);
        Set<String> conf = new LinkedHashSet<>();
        for (String c : new String[] {"N", "R", "V"}) {
            conf.add(c + "|2.16.840.1.113883.5.25");
        }
        for (Visibility v : Visibility.values()) {
            conf.add(v.code() + "|" + Visibility.CODE_SYSTEM);
        }
        CONFIDENTIALITY_CODES = Set.copyOf(conf);
    }

    private DmpValueSets() {
    }

    /**
     * Whether a code is in a value set.
     *
     * @param code the code
     * @param valueSet one of the sets of this class
     * @return {@code true} when code and code system are both in it
     */
    public static boolean contains(Set<String> valueSet, Code code) {
        return code != null && valueSet.contains(code.code() + "|" + code.codeSystem());
    }

    /**
     * Checks one metadata code.
     *
     * @param metadata the metadata's name (the problem's path)
     * @param code the code, or {@code null}
     * @param valueSet the set
     * @param name the value set's name
     * @return the problem found, or none
     */
    public static ValidationResult check(String metadata, Code code, Set<String> valueSet, String name) {
        if (code == null) {
            return ValidationResult.builder().add(DmpError.METADATA_MISSING, metadata, metadata).build();
        }
        if (!contains(valueSet, code)) {
            return ValidationResult.builder()
                    .add(DmpError.NOT_IN_VALUE_SET, metadata, metadata, code.code() + "@" + code.codeSystem(), name)
                    .build();
        }
        return ValidationResult.ok();
    }
}
