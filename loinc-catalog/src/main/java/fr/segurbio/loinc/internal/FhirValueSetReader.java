package fr.segurbio.loinc.internal;

import java.io.IOException;
import java.io.InputStream;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;

import fr.segurbio.core.Problem;
import fr.segurbio.loinc.LoincError;
import fr.segurbio.loinc.LoincException;
import fr.segurbio.loinc.ValueSet;

/**
 * Reads a FHIR R4 {@code ValueSet} in JSON: its expansion when present, else the concepts enumerated in
 * {@code compose.include}. Intensional definitions (filters, whole code systems, imported value sets) cannot be
 * enumerated without a terminology server and are refused.
 */
public final class FhirValueSetReader {

    private FhirValueSetReader() {
    }

    /**
     * Reads a value set.
     *
     * @param in the JSON bytes
     * @param name the source's name, for messages
     * @return the value set
     * @throws LoincException when the JSON is not an enumerated FHIR ValueSet
     * @throws IOException when reading fails
     */
    public static ValueSet read(InputStream in, String name) throws IOException {
        JsonNode root;
        try {
            root = Json.MAPPER.readTree(in);
        } catch (JsonProcessingException e) {
            throw new LoincException(Problem.of(LoincError.INVALID_JSON, "", name, e.getOriginalMessage()), e);
        }
        if (root == null || !root.isObject()) {
            throw new LoincException(LoincError.INVALID_JSON, name, "not a JSON object");
        }
        String type = Json.text(root, "resourceType");
        if (!"ValueSet".equals(type)) {
            throw new LoincException(LoincError.WRONG_FHIR_RESOURCE, name, type == null ? "(none)" : type,
                    "ValueSet");
        }
        String oid = null;
        for (JsonNode identifier : root.path("identifier")) {
            String v = Json.text(identifier, "value");
            if (v != null && v.startsWith("urn:oid:")) {
                oid = v.substring(8);
                break;
            }
        }
        String id = oid != null ? oid : Json.text(root, "id") != null ? Json.text(root, "id")
                : Json.text(root, "url");
        if (id == null) {
            throw new LoincException(LoincError.VALUE_SET_UNREADABLE, name, "a ValueSet without identifier, id or url");
        }
        ValueSet.Builder b = ValueSet.builder(id).url(Json.text(root, "url")).name(Json.text(root, "name"))
                .title(Json.text(root, "title")).version(Json.text(root, "version"));
        JsonNode expansion = root.path("expansion").path("contains");
        if (expansion.isArray() && !expansion.isEmpty()) {
            addContains(b, expansion, name);
            return b.build();
        }
        int i = 0;
        for (JsonNode include : root.path("compose").path("include")) {
            String system = Json.text(include, "system");
            JsonNode concepts = include.path("concept");
            if (!concepts.isArray() || concepts.isEmpty() || include.has("filter") || include.has("valueSet")) {
                throw new LoincException(LoincError.VALUE_SET_UNREADABLE, name, "compose.include[" + i
                        + "] is not an enumeration of concepts (filters, whole code systems and imported value"
                        + " sets need an expansion)");
            }
            for (JsonNode c : concepts) {
                String code = Json.text(c, "code");
                if (code == null || code.isBlank()) {
                    throw new LoincException(LoincError.VALUE_SET_UNREADABLE, name,
                            "compose.include[" + i + "].concept without code");
                }
                b.add(ValueSet.Concept.of(system, code, display(c)));
            }
            i++;
        }
        if (i == 0) {
            throw new LoincException(LoincError.VALUE_SET_UNREADABLE, name, "neither expansion nor compose.include");
        }
        return b.build();
    }

    private static void addContains(ValueSet.Builder b, JsonNode contains, String name) {
        for (JsonNode c : contains) {
            String code = Json.text(c, "code");
            if (code != null && !code.isBlank()) {
                b.add(ValueSet.Concept.of(Json.text(c, "system"), code, display(c)));
            }
            if (c.has("contains")) {
                addContains(b, c.get("contains"), name);
            }
        }
    }

    /** The French designation when there is one, the display otherwise. */
    private static String display(JsonNode concept) {
        for (JsonNode d : concept.path("designation")) {
            String lang = Json.text(d, "language");
            if (lang != null && lang.toLowerCase(java.util.Locale.ROOT).startsWith("fr") && Json.text(d, "value") != null) {
                return Json.text(d, "value");
            }
        }
        String display = Json.text(concept, "display");
        return display == null ? "" : display;
    }
}
