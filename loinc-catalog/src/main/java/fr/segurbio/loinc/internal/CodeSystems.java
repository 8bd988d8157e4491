package fr.segurbio.loinc.internal;

import java.util.Map;

/**
 * Normalises code system identifiers so that a CDA OID, its {@code urn:oid:} form and the FHIR canonical URI of
 * the same code system compare equal.
 */
public final class CodeSystems {

    private static final Map<String, String> URI_TO_OID = Map.of(
            "http://loinc.org", "2.16.840.1.113883.6.1",
            "http://unitsofmeasure.org", "2.16.840.1.113883.6.8",
            "http://snomed.info/sct", "2.16.840.1.113883.6.96",
            "http://terminology.hl7.org/CodeSystem/v3-ObservationInterpretation", "2.16.840.1.113883.5.83",
            "http://terminology.hl7.org/CodeSystem/v3-AdministrativeGender", "2.16.840.1.113883.5.1",
            "http://terminology.hl7.org/CodeSystem/v3-ActCode", "2.16.840.1.113883.5.4",
            "http://terminology.hl7.org/CodeSystem/v3-Confidentiality", "2.16.840.1.113883.5.25");

    private CodeSystems() {
    }

    /**
     * The normalised form: an OID when one is known, the trimmed text otherwise; {@code ""} for none.
     *
     * @param system an OID, {@code urn:oid:…} or a URI
     * @return the key to compare
     */
    public static String normalize(String system) {
        if (system == null) {
            return "";
        }
        String s = system.strip();
        if (s.startsWith("urn:oid:")) {
            return s.substring(8);
        }
        return URI_TO_OID.getOrDefault(s, s);
    }
}
