package fr.segurbio.cda.internal.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import fr.segurbio.cda.CdaError;
import fr.segurbio.cda.CdaException;
import fr.segurbio.cda.internal.ReadContext;
import fr.segurbio.core.ErrorCode;
import fr.segurbio.core.Problem;
import fr.segurbio.core.Severity;
import fr.segurbio.ins.InsError;

class JsonReportReaderTest {

    private static final Path EXAMPLES = Path.of("..", "examples").toAbsolutePath().normalize();
    private static final ObjectMapper M = new ObjectMapper();
    private static final String RESULT = "/chapters/0/subChapters/0/entry/results/0";

    /** Where the sample report has an object of each kind. */
    private static final Map<JsonObject, String> WHERE = new EnumMap<>(JsonObject.class);

    static {
        WHERE.put(JsonObject.REPORT, "");
        WHERE.put(JsonObject.DOCUMENT, "/document");
        WHERE.put(JsonObject.ENCOUNTER, "/encounter");
        WHERE.put(JsonObject.COMMENT_SECTION, "/commentSections/0");
        WHERE.put(JsonObject.EXTENSION, "/extensions/0");
        WHERE.put(JsonObject.ID, "/document/id");
        WHERE.put(JsonObject.CODE, "/encounter/code");
        WHERE.put(JsonObject.LOINC, RESULT + "/loinc");
        WHERE.put(JsonObject.CHAPTER_CODE, "/chapters/0/code");
        WHERE.put(JsonObject.SECOND_LINE_RESULT, "/secondLineResults/0");
        WHERE.put(JsonObject.ADDRESS, "/patient/address");
        WHERE.put(JsonObject.ADDRESS_PART, "/patient/address/otherParts/0");
        WHERE.put(JsonObject.RELATED_PERSON, "/informants/0");
        WHERE.put(JsonObject.TELECOM, "/patient/telecoms/0");
        WHERE.put(JsonObject.ORGANIZATION, "/custodian");
        WHERE.put(JsonObject.PROFESSIONAL, "/authors/0/professional");
        WHERE.put(JsonObject.PERSON_NAME, "/recipients/0/name");
        WHERE.put(JsonObject.PARTICIPATION, "/authors/0");
        WHERE.put(JsonObject.PATIENT, "/patient");
        WHERE.put(JsonObject.INS, "/patient/ins");
        WHERE.put(JsonObject.BINARY, "/pdf");
        WHERE.put(JsonObject.ATTACHMENT, "/chapters/0/subChapters/0/entry/images/0");
        WHERE.put(JsonObject.CHAPTER, "/chapters/0");
        WHERE.put(JsonObject.SUB_CHAPTER, "/chapters/0/subChapters/0");
        WHERE.put(JsonObject.ENTRY, "/chapters/0/subChapters/0/entry");
        WHERE.put(JsonObject.SPECIMEN, "/chapters/0/subChapters/0/entry/specimens/0");
        WHERE.put(JsonObject.OBSERVATION, RESULT);
        WHERE.put(JsonObject.REFERENCE_RANGE, RESULT + "/referenceRange");
        WHERE.put(JsonObject.PREVIOUS_RESULT, RESULT + "/previousResults/0");
        WHERE.put(JsonObject.BATTERY, "/chapters/1/entry/results/0");
        WHERE.put(JsonObject.ISOLATE, "/chapters/1/entry/results/1");
        WHERE.put(JsonObject.QUANTITY, RESULT + "/referenceRange/low");
        WHERE.put(JsonObject.VALUE, RESULT + "/value");
    }

    /** The sample report, with its PDF copy given as an object (so that every kind of object is in it). */
    private static ObjectNode sample() throws Exception {
        ObjectNode root = (ObjectNode) M.readTree(Files.readAllBytes(EXAMPLES.resolve("sample-report.json")));
        root.putObject("pdf").put("mediaType", "application/pdf").put("file", "sample-second-line.pdf");
        root.putArray("extensions").addObject().put("place", "header").put("xml", "<authorization "
                + "xmlns=\"urn:hl7-org:v3\"><consent><statusCode code=\"completed\"/></consent></authorization>");
        return root;
    }

    private static JsonReportReader.Result read(JsonNode root, ReadContext.Mode mode) throws Exception {
        return JsonReportReader.readWithProblems(new ByteArrayInputStream(M.writeValueAsBytes(root)), EXAMPLES, mode);
    }

    private static List<Problem> problems(JsonNode root) {
        try {
            read(root, ReadContext.Mode.STRICT);
        } catch (CdaException e) {
            e.problems().forEach(JsonReportReaderTest::isCodedAndBilingual);
            return e.problems();
        } catch (Exception e) {
            fail("not a CdaException", e);
        }
        return fail("the report was read");
    }

    /** A problem users read: coded, located, in French and English, without an exception's own text. */
    private static void isCodedAndBilingual(Problem p) {
        assertThat(p.code()).isNotNull();
        for (String m : List.of(p.message(Locale.FRENCH), p.message(Locale.ENGLISH))) {
            assertThat(m).as(p.toString()).doesNotContain("Exception", "java.", "For input string",
                    "No enum constant", "Cannot invoke", "Illegal base64", "could not be parsed");
        }
        assertThat(p.message(Locale.FRENCH)).as(p.toString()).doesNotContain("unknown", " must ", "expected", " is ",
                " or ", "not a ");
    }

    @Test
    void theSampleWithItsPdfObjectIsRead() throws Exception {
        JsonReportReader.Result r = read(sample(), ReadContext.Mode.STRICT);
        assertThat(r.report().pdf()).isPresent();
        assertThat(r.warnings()).isEmpty();
    }

    @Test
    void everyKindOfObjectHasAPlaceInTheSample() {
        assertThat(WHERE).containsOnlyKeys(JsonObject.values());
    }

    @ParameterizedTest
    @EnumSource(JsonObject.class)
    void anUnknownFieldIsRefusedInEveryKindOfObject(JsonObject kind) throws Exception {
        ObjectNode root = sample();
        JsonNode target = WHERE.get(kind).isEmpty() ? root : root.at(WHERE.get(kind));
        assertThat(target.isObject()).as(WHERE.get(kind)).isTrue();
        ((ObjectNode) target).put("surplus", 1);
        List<Problem> problems = problems(root);
        assertThat(problems).singleElement().satisfies(p -> {
            assertThat(p.code()).isEqualTo(CdaError.BAD_JSON);
            assertThat(p.path()).isEqualTo(WHERE.get(kind) + "/surplus");
        });
    }

    @Test
    void theMisspelledBirthDateOfTheIssueIsRefusedWithASuggestion() throws Exception {
        ObjectNode root = sample();
        ObjectNode patient = (ObjectNode) root.get("patient");
        patient.set("birthdate", patient.remove("birthDate"));
        patient.put("insQualified", false);
        List<Problem> problems = problems(root);
        assertThat(problems).singleElement().satisfies(p -> {
            assertThat(p.code()).isEqualTo(CdaError.BAD_JSON);
            assertThat(p.path()).isEqualTo("/patient/birthdate");
            assertThat(p.message(Locale.FRENCH)).contains("champ inconnu « birthdate »", "« birthDate »");
            assertThat(p.message(Locale.ENGLISH)).contains("unknown field \"birthdate\"", "\"birthDate\"");
        });
    }

    @Test
    void aLenientReadingWarnsOfUnknownFieldsAndReads() throws Exception {
        ObjectNode root = sample();
        ((ObjectNode) root.get("patient")).put("nickname", "Jo");
        ((ObjectNode) root.at(RESULT)).put("colour", "red");
        JsonReportReader.Result r = read(root, ReadContext.Mode.LENIENT);
        assertThat(r.report().report().patient().birthDate()).isPresent();
        assertThat(r.warnings()).extracting(Problem::path).containsExactly("/patient/nickname", RESULT + "/colour");
        assertThat(r.warnings()).allSatisfy(p -> assertThat(p.severity()).isEqualTo(Severity.WARNING));
    }

    static Stream<Arguments> badInputs() {
        String v = RESULT + "/value";
        return Stream.of(
                Arguments.of("", "patient", "null", CdaError.BAD_JSON, "/patient"),
                Arguments.of("", "authors", "{}", CdaError.BAD_JSON, "/authors"),
                Arguments.of("", "authors", "[null]", CdaError.BAD_JSON, "/authors/0"),
                Arguments.of("", "chapters", "\"none\"", CdaError.BAD_JSON, "/chapters"),
                Arguments.of("/document", "version", "\"2\"", CdaError.BAD_JSON, "/document/version"),
                Arguments.of("/document", "effectiveTime", "\"2024-01-04T16:05:27\"", CdaError.BAD_VALUE,
                        "/document/effectiveTime"),
                Arguments.of("/document", "confidentiality", "\"X\"", CdaError.BAD_VALUE, "/document/confidentiality"),
                Arguments.of("/document", "id", "{\"extension\": \"x\"}", CdaError.MISSING, "/document/id/root"),
                Arguments.of("/document", "id", "{\"root\": \"not an oid\"}", CdaError.BAD_IDENTIFIER, "/document/id"),
                Arguments.of("/patient", "insQualified", "\"yes\"", CdaError.BAD_JSON, "/patient/insQualified"),
                Arguments.of("/patient", "birthDate", "\"28/03/1979\"", CdaError.BAD_VALUE, "/patient/birthDate"),
                Arguments.of("/patient", "birthFamilyName", "42", CdaError.BAD_JSON, "/patient/birthFamilyName"),
                Arguments.of("/patient", "gender", "\"Z\"", CdaError.BAD_VALUE, "/patient/gender"),
                Arguments.of("/patient", "birthPlace", "\"ABC\"", InsError.BIRTH_PLACE, "/patient/birthPlace"),
                Arguments.of("/patient/address", "lines", "[1]", CdaError.BAD_JSON, "/patient/address/lines/0"),
                Arguments.of("", "reportStatus", "\"done\"", CdaError.BAD_VALUE, "/reportStatus"),
                Arguments.of("/recipients/0", "name", "{}", CdaError.MISSING, "/recipients/0/name/family"),
                Arguments.of(RESULT, "interpretation", "\"ZZZ\"", CdaError.BAD_VALUE, RESULT + "/interpretation"),
                Arguments.of(RESULT, "kind", "\"panel\"", CdaError.BAD_VALUE, RESULT + "/kind"),
                Arguments.of(RESULT, "value", "\"1.95\"", CdaError.BAD_JSON, v),
                Arguments.of(RESULT, "value", "{\"type\": \"XX\"}", CdaError.BAD_VALUE, v + "/type"),
                Arguments.of(RESULT, "value", "{\"type\": \"PQ\", \"unit\": \"mmol/L\"}", CdaError.MISSING,
                        v + "/value"),
                Arguments.of(RESULT, "value", "{\"type\": \"PQ\", \"value\": \"1,95\", \"unit\": \"mmol/L\"}",
                        CdaError.BAD_VALUE, v + "/value"),
                Arguments.of(RESULT, "value", "{\"type\": \"INT\", \"value\": \"1.5\"}", CdaError.BAD_VALUE,
                        v + "/value"),
                Arguments.of(RESULT, "value", "{\"type\": \"BL\", \"value\": \"true\"}", CdaError.BAD_JSON,
                        v + "/value"),
                Arguments.of(RESULT, "value", "{\"type\": \"RTO\", \"numerator\": \"1\"}", CdaError.MISSING,
                        v + "/denominator"),
                Arguments.of("/chapters/0/subChapters/0/entry/images/0", "data", "\"!!not base64\"",
                        CdaError.BAD_VALUE, "/chapters/0/subChapters/0/entry/images/0/data"),
                Arguments.of("/secondLineResults/0", "file", "\"missing.pdf\"", CdaError.BAD_JSON,
                        "/secondLineResults/0/file"),
                Arguments.of("", "pdf", "\"missing.pdf\"", CdaError.BAD_JSON, "/pdf"),
                Arguments.of("", "pdf", "{\"mediaType\": \"application/pdf\"}", CdaError.MISSING, "/pdf"));
    }

    @ParameterizedTest(name = "{0}/{1} = {2}")
    @MethodSource("badInputs")
    void everyBadInputIsACodedBilingualProblemAtItsPath(String parent, String field, String json, ErrorCode code,
            String path) throws Exception {
        ObjectNode root = sample();
        JsonNode target = parent.isEmpty() ? root : root.at(parent);
        ((ObjectNode) target).set(field, M.readTree(json));
        List<Problem> problems = problems(root);
        assertThat(problems).as("%s", problems).anySatisfy(p -> {
            assertThat(p.code()).isEqualTo(code);
            assertThat(p.path()).isEqualTo(path);
        });
    }

    @Test
    void everyProblemIsFoundAtOnce() throws Exception {
        ObjectNode root = sample();
        ((ObjectNode) root.get("patient")).put("birthDate", "1979-02-30").put("sex", "F");
        ((ObjectNode) root.get("document")).put("version", "two");
        ((ObjectNode) root.at(RESULT + "/value")).put("value", "abc");
        List<Problem> problems = problems(root);
        assertThat(problems).extracting(Problem::path).contains("/patient/birthDate", "/patient/sex",
                "/document/version", RESULT + "/value/value");
    }

    @Test
    void malformedJsonSaysWhereInBothLanguages() {
        assertThatThrownBy(() -> JsonReportReader.read(new ByteArrayInputStream("{\"name\": }".getBytes()), null,
                ReadContext.Mode.STRICT)).isInstanceOfSatisfying(CdaException.class, e -> {
                    assertThat(e.code()).isEqualTo(CdaError.BAD_JSON);
                    assertThat(e.problems().get(0).message(Locale.FRENCH)).contains("JSON mal formé (ligne 1");
                    assertThat(e.problems().get(0).message(Locale.ENGLISH)).contains("malformed JSON (line 1");
                });
    }
}
