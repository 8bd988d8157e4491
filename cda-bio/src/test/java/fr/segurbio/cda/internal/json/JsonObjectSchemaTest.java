package fr.segurbio.cda.internal.json;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import fr.segurbio.cda.CrBioJson;

/** Holds the reader's one table of allowed fields ({@link JsonObject}) against the bundled JSON Schema. */
class JsonObjectSchemaTest {

    private static JsonNode schema() throws Exception {
        return new ObjectMapper().readTree(CrBioJson.schema());
    }

    /** Every place of the schema that forbids unknown fields, by JSON Pointer, with its declared fields. */
    private static Map<String, List<String>> closedObjects(JsonNode n, String pointer, Map<String, List<String>> out) {
        if (n.isObject()) {
            if (n.path("additionalProperties").isBoolean() && !n.get("additionalProperties").booleanValue()) {
                List<String> fields = new ArrayList<>();
                n.path("properties").fieldNames().forEachRemaining(fields::add);
                out.put(pointer, fields);
            }
            Iterator<Map.Entry<String, JsonNode>> it = n.fields();
            while (it.hasNext()) {
                Map.Entry<String, JsonNode> e = it.next();
                closedObjects(e.getValue(), pointer + "/" + e.getKey().replace("~", "~0").replace("/", "~1"), out);
            }
        } else if (n.isArray()) {
            for (int i = 0; i < n.size(); i++) {
                closedObjects(n.get(i), pointer + "/" + i, out);
            }
        }
        return out;
    }

    @Test
    void theTableHasOneRowPerObjectTheSchemaCloses() throws Exception {
        Map<String, List<String>> closed = closedObjects(schema(), "", new TreeMap<>());
        assertThat(closed).hasSize(33);
        assertThat(Arrays.stream(JsonObject.values()).map(JsonObject::schemaPointer))
                .doesNotHaveDuplicates()
                .containsExactlyInAnyOrderElementsOf(closed.keySet());
    }

    @Test
    void eachRowAllowsExactlyTheFieldsTheSchemaDeclares() throws Exception {
        Map<String, List<String>> closed = closedObjects(schema(), "", new TreeMap<>());
        for (JsonObject kind : JsonObject.values()) {
            assertThat(kind.fields()).as("%s at %s", kind, kind.schemaPointer())
                    .containsExactlyElementsOf(closed.get(kind.schemaPointer()));
        }
    }

    @Test
    void aMisspellingDifferingByCaseIsSuggested() {
        assertThat(JsonObject.PATIENT.closest("birthdate")).isEqualTo("birthDate");
        assertThat(JsonObject.PATIENT.closest("dob")).isNull();
        assertThat(JsonObject.PATIENT.allows("birthdate")).isFalse();
    }
}
