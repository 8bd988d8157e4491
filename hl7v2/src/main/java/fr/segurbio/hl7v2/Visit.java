package fr.segurbio.hl7v2;

import java.util.Objects;
import java.util.Optional;

/**
 * The visit of PV1 the lab needs: the patient class (PV1-2, HL7 table 0004: {@code I} inpatient, {@code O}
 * outpatient, {@code E} emergency, {@code R} recurring, {@code N} not applicable) and the visit number (PV1-19).
 *
 * <pre>{@code
 * Visit v = Visit.of("I", new PatientIdentifier("000897406", "CHU-X", "", "", "VN"));
 * }</pre>
 *
 * @param patientClass PV1-2
 * @param visitNumber PV1-19, empty when not given
 */
public record Visit(String patientClass, Optional<PatientIdentifier> visitNumber) {

    /** A lab result outside any visit: PV1-2 {@code N}. */
    public static final Visit NOT_APPLICABLE = new Visit("N", Optional.empty());

    /**
     * Checks the fields.
     *
     * @param patientClass PV1-2
     * @param visitNumber PV1-19, empty when not given
     */
    public Visit {
        Objects.requireNonNull(patientClass, "patientClass");
        Objects.requireNonNull(visitNumber, "visitNumber");
    }

    /**
     * A visit with its number.
     *
     * @param patientClass PV1-2
     * @param visitNumber PV1-19
     * @return the visit
     */
    public static Visit of(String patientClass, PatientIdentifier visitNumber) {
        return new Visit(patientClass, Optional.of(visitNumber));
    }

    /**
     * Reads PV1.
     *
     * @param pv1 the segment
     * @return the visit
     */
    public static Visit of(Segment pv1) {
        Field vn = pv1.field(19);
        return new Visit(pv1.value(2).trim(), vn.isEmpty() ? Optional.empty() : Optional.of(PatientIdentifier.of(vn)));
    }
}
