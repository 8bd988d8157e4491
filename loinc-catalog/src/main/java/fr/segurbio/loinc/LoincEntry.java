package fr.segurbio.loinc;

import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * One term of the LOINC table, as read from the user's release files. LOINC content: never modified by the
 * SDK; the French name comes from the French linguistic variant file when given.
 *
 * <pre>{@code
 * LoincEntry glucose = table.find(LoincCode.parse("2345-7")).orElseThrow();
 * glucose.property();               // "MCnc"
 * glucose.name(Locale.FRENCH);      // the French name when the variant file was loaded
 * }</pre>
 *
 * @param code the code
 * @param component the COMPONENT part
 * @param property the PROPERTY part ({@code MCnc}, {@code SCnc} …)
 * @param timeAspect the TIME_ASPCT part
 * @param system the SYSTEM part ({@code Ser/Plas} …)
 * @param scale the SCALE_TYP part ({@code Qn}, {@code Ord}, {@code Nom}, {@code Nar} …)
 * @param method the METHOD_TYP part, {@code ""} when none
 * @param loincClass the CLASS
 * @param status the status
 * @param longCommonName the LONG_COMMON_NAME
 * @param shortName the SHORTNAME
 * @param exampleUcumUnits the EXAMPLE_UCUM_UNITS
 * @param frenchName the French name, {@code ""} when the French variant was not loaded or lacks the term
 * @param replacedBy the replacements of a deprecated term ({@code MapTo.csv})
 */
public record LoincEntry(LoincCode code, String component, String property, String timeAspect, String system,
        String scale, String method, String loincClass, LoincStatus status, String longCommonName,
        String shortName, List<String> exampleUcumUnits, String frenchName, List<LoincCode> replacedBy) {

    /**
     * Checks and normalises the fields (nulls become empty).
     *
     * @param code the code
     * @param component the COMPONENT part
     * @param property the PROPERTY part
     * @param timeAspect the TIME_ASPCT part
     * @param system the SYSTEM part
     * @param scale the SCALE_TYP part
     * @param method the METHOD_TYP part
     * @param loincClass the CLASS
     * @param status the status
     * @param longCommonName the LONG_COMMON_NAME
     * @param shortName the SHORTNAME
     * @param exampleUcumUnits the EXAMPLE_UCUM_UNITS
     * @param frenchName the French name
     * @param replacedBy the replacements
     */
    public LoincEntry {
        Objects.requireNonNull(code, "code");
        component = nz(component);
        property = nz(property);
        timeAspect = nz(timeAspect);
        system = nz(system);
        scale = nz(scale);
        method = nz(method);
        loincClass = nz(loincClass);
        status = status == null ? LoincStatus.ACTIVE : status;
        longCommonName = nz(longCommonName);
        shortName = nz(shortName);
        exampleUcumUnits = exampleUcumUnits == null ? List.of() : List.copyOf(exampleUcumUnits);
        frenchName = nz(frenchName);
        replacedBy = replacedBy == null ? List.of() : List.copyOf(replacedBy);
    }

    private static String nz(String s) {
        return s == null ? "" : s.strip();
    }

    /**
     * The name for a reader: the French name for a French locale when known, the long common name otherwise
     * (the fully specified name when the table has no long common name).
     *
     * @param locale the reader's locale
     * @return the name
     */
    public String name(Locale locale) {
        if ("fr".equals(locale.getLanguage()) && !frenchName.isEmpty()) {
            return frenchName;
        }
        return longCommonName.isEmpty() ? fullySpecifiedName() : longCommonName;
    }

    /**
     * The fully specified name, {@code COMPONENT:PROPERTY:TIME:SYSTEM:SCALE:METHOD}.
     *
     * @return the six parts joined by colons
     */
    public String fullySpecifiedName() {
        return String.join(":", component, property, timeAspect, system, scale, method);
    }
}
