/**
 * Ségur Bio SDK — loinc-catalog: LOINC codes (format and mod-10 check digit), the optional LOINC table
 * (the user's own release files), value sets (ANS JDV in SVS XML or FHIR JSON), UCUM units, the lab's local
 * exam catalogue with its LOINC transcoding, the checks a biologist reads before validating it, and its
 * CSV and FHIR R4 import/export.
 *
 * <pre>{@code
 * LoincCode code = LoincCode.parse("2345-7");
 * ValueSet jdv = ValueSets.load(Path.of("jdv-examen-biochimie-eunv-cisis.xml"));
 * boolean member = jdv.contains(code);
 * BigDecimal f = Ucum.standard().factor("mg/dL", "g/L"); // 0.01
 * }</pre>
 */
module fr.segurbio.loinc {
    requires transitive fr.segurbio.core;
    requires com.fasterxml.jackson.databind;
    requires java.xml;
    requires ucum;

    exports fr.segurbio.loinc;
    exports fr.segurbio.loinc.catalog;
    exports fr.segurbio.loinc.io;
}
