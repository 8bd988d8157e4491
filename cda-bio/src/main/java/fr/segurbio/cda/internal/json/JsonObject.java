package fr.segurbio.cda.internal.json;

import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The one table of the JSON report format's objects: for each kind of object, the fields it may have and where the
 * bundled JSON Schema ({@code crbio-report.schema.json}) declares it (a JSON Pointer into the schema). The reader
 * refuses any other field; a test holds this table against the schema, so that the two never drift apart.
 *
 * <pre>{@code
 * JsonObject.PATIENT.allows("birthDate");   // true
 * JsonObject.PATIENT.allows("birthdate");   // false: refused as an unknown field
 * }</pre>
 */
public enum JsonObject {
    /** The report itself. */
    REPORT("", "$schema", "name", "pdf", "stylesheet", "document", "patient", "authors", "custodian", "informants",
            "recipients", "legalAuthenticator", "authenticators", "prescriber", "sampler", "attendingPhysician",
            "orderId", "requestId", "reportStatus",
            "requestReceived", "reportReleased", "performingLab", "encounter", "chapters", "commentSections",
            "secondLineResults", "extensions"),
    /** An item of {@code extensions}: a part of a CDA the model has no field for, kept as written. */
    EXTENSION("/$defs/extension", "place", "xml"),
    /** {@code document}. */
    DOCUMENT("/properties/document", "id", "setId", "version", "effectiveTime", "confidentiality", "language",
            "volet", "replaces"),
    /** {@code encounter}. */
    ENCOUNTER("/properties/encounter", "id", "code", "start", "responsible", "facilityType"),
    /** An item of {@code commentSections}. */
    COMMENT_SECTION("/properties/commentSections/items", "title", "text"),
    /** An instance identifier. */
    ID("/$defs/id", "root", "extension"),
    /** A code of any system. */
    CODE("/$defs/code", "code", "system", "display"),
    /** A chapter's code: LOINC without {@code system}, or any code system with it. */
    CHAPTER_CODE("/$defs/chapterCode", "code", "system", "display"),
    /** An item of {@code secondLineResults}: a PDF, its caption and the section's code. */
    SECOND_LINE_RESULT("/$defs/secondLineResult", "mediaType", "caption", "file", "data", "code"),
    /** A LOINC code. */
    LOINC("/$defs/loinc", "code", "display"),
    /** A postal address. */
    ADDRESS("/$defs/address", "use", "lines", "houseNumber", "streetName", "additionalLocator", "postBox",
            "postalCode", "city", "county", "country", "otherParts", "nullFlavor"),
    /** An item of an address's {@code otherParts}. */
    ADDRESS_PART("/$defs/address/properties/otherParts/items", "name", "value"),
    /** An item of {@code telecoms}. */
    TELECOM("/$defs/telecoms/items", "value", "use"),
    /** An organization. */
    ORGANIZATION("/$defs/organization", "id", "name", "address", "telecoms", "practiceSetting"),
    /** A health professional. */
    PROFESSIONAL("/$defs/professional", "id", "profession", "name", "address", "telecoms", "organization"),
    /** A professional's {@code name}. */
    PERSON_NAME("/$defs/professional/properties/name", "prefix", "given", "family", "suffix"),
    /** A participation: a professional and a time. */
    PARTICIPATION("/$defs/participation", "professional", "time"),
    /** {@code patient}. */
    PATIENT("/$defs/patient", "ins", "insQualified", "localId", "birthFamilyName", "birthGivenNames",
            "firstBirthGivenName", "usedFamilyName", "usedGivenName", "gender", "birthDate", "birthPlace", "birthCity",
            "address", "telecoms", "guardians"),
    /** A guardian of the patient or an informant. */
    RELATED_PERSON("/$defs/relatedPerson", "classCode", "relationship", "name", "address", "telecoms"),
    /** The patient's {@code ins}. */
    INS("/$defs/patient/properties/ins", "matricule", "oid"),
    /** A binary given as an object (it may also be a file name). */
    BINARY("/$defs/binary/oneOf/1", "mediaType", "file", "data"),
    /** An attachment: a PDF or an image with its caption. */
    ATTACHMENT("/$defs/attachment", "mediaType", "caption", "file", "data"),
    /** A chapter. */
    CHAPTER("/$defs/chapter", "code", "title", "entry", "subChapters"),
    /** An item of a chapter's {@code subChapters}. */
    SUB_CHAPTER("/$defs/chapter/properties/subChapters/items", "code", "title", "entry"),
    /** The entry of a chapter or sub-chapter. */
    ENTRY("/$defs/entry", "code", "status", "performer", "validator", "specimens", "results", "comments", "images"),
    /** A specimen. */
    SPECIMEN("/$defs/specimen", "type", "act", "site", "id", "collected", "received"),
    /** A result. */
    OBSERVATION("/$defs/observation", "kind", "loinc", "localCode", "label", "status", "time", "value",
            "interpretation", "method", "methodText", "referenceRange", "previousResults", "comments", "performer"),
    /** A result's {@code referenceRange}. */
    REFERENCE_RANGE("/$defs/observation/properties/referenceRange", "low", "high", "text"),
    /** An item of a result's {@code previousResults}. */
    PREVIOUS_RESULT("/$defs/observation/properties/previousResults/items", "time", "timeAsWritten", "value",
            "interpretation"),
    /** A battery of results. */
    BATTERY("/$defs/battery", "kind", "loinc", "localCode", "label", "status", "items", "comments"),
    /** An isolated micro-organism. */
    ISOLATE("/$defs/isolate", "kind", "organism", "taxonomy", "label", "id", "time", "observations", "antibiogram"),
    /** A physical quantity. */
    QUANTITY("/$defs/quantity", "value", "unit", "inclusive"),
    /** A result's value. */
    VALUE("/$defs/value", "type", "value", "unit", "low", "high", "code", "text", "numerator", "denominator");

    private final String schemaPointer;
    private final Set<String> fields;

    JsonObject(String schemaPointer, String... fields) {
        this.schemaPointer = schemaPointer;
        this.fields = Collections.unmodifiableSet(new LinkedHashSet<>(Arrays.asList(fields)));
    }

    /**
     * Where the schema declares this object.
     *
     * @return a JSON Pointer into {@code crbio-report.schema.json}
     */
    public String schemaPointer() {
        return schemaPointer;
    }

    /**
     * The fields this object may have, in the schema's order.
     *
     * @return the field names
     */
    public Set<String> fields() {
        return fields;
    }

    /**
     * Whether a field is allowed.
     *
     * @param field the field name
     * @return {@code true} when the schema declares it for this object
     */
    public boolean allows(String field) {
        return fields.contains(field);
    }

    /**
     * The allowed field that differs from {@code field} only by case, to suggest for a misspelling.
     *
     * @param field an unknown field
     * @return the allowed field, or {@code null}
     */
    public String closest(String field) {
        for (String f : fields) {
            if (f.equalsIgnoreCase(field)) {
                return f;
            }
        }
        return null;
    }
}
