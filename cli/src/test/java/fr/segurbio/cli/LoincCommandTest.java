package fr.segurbio.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

class LoincCommandTest {

    static final ObjectMapper JSON = new ObjectMapper();

    /** A two-term table in the LOINC release layout (public attributes of real codes; see the LOINC notice). */
    static final String LOINC_CSV = """
            "LOINC_NUM","COMPONENT","PROPERTY","TIME_ASPCT","SYSTEM","SCALE_TYP","STATUS","EXAMPLE_UCUM_UNITS","LONG_COMMON_NAME"
            "2345-7","Glucose","MCnc","Pt","Ser/Plas","Qn","ACTIVE","mg/dL","Glucose [Mass/volume] in Serum or Plasma"
            "87421-4","Glucose^pre-meal","MCnc","Pt","Bld","Qn","DEPRECATED","mg/dL","Glucose [Mass/volume] in Blood --pre-meal"
            "88365-2","Glucose^pre-meal","MCnc","Pt","Bld","Qn","ACTIVE","mg/dL","Glucose [Mass/volume] in Blood --pre-meal"
            """;

    static final String CATALOGUE = "code_local;libelle;unite_locale;code_loinc;unite_ucum;facteur_conversion;statut\n"
            + "GLY;Glycémie;mg/dL;2345-7;g/L;0.01;validé\n"
            + "GLYM;Glycémie molaire;mmol/L;2345-7;mmol/L;;validé\n"
            + "BAD;\"Cassé;;;;;\n"
            + "GLY;Doublon;;;;;\n"
            + "NEW;Nouveau;;;;;\n";

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        return Segur.run(new PrintWriter(out), new PrintWriter(err), args);
    }

    private JsonNode json() throws Exception {
        return JSON.readTree(out.toString());
    }

    private Path table() throws Exception {
        Path t = dir.resolve("loinc/LoincTable");
        Files.createDirectories(t);
        Files.writeString(t.resolve("Loinc.csv"), LOINC_CSV);
        Files.writeString(t.resolve("MapTo.csv"), "\"LOINC\",\"MAP_TO\",\"COMMENT\"\n\"87421-4\",\"88365-2\",\"\"\n");
        return dir.resolve("loinc");
    }

    @Test
    void checkValidCode() throws Exception {
        assertThat(run("loinc", "check", "2345-7", "--json")).isEqualTo(ExitCode.OK);
        JsonNode n = json();
        assertThat(n.get("valid").asBoolean()).isTrue();
        assertThat(n.get("code").asText()).isEqualTo("2345-7");
        assertThat(n.get("errors")).isEmpty();
    }

    @Test
    void checkInvalidCodes() throws Exception {
        assertThat(run("loinc", "check", "2345-8", "--json")).isEqualTo(ExitCode.INVALID);
        JsonNode n = json();
        assertThat(n.get("valid").asBoolean()).isFalse();
        assertThat(n.get("errors").get(0).get("code").asText()).isEqualTo("LOINC-005");
        assertThat(n.get("errors").get(0).get("messageFr").asText()).contains("attendu 7");
        out.getBuffer().setLength(0);
        assertThat(run("loinc", "check", "23457")).isEqualTo(ExitCode.INVALID);
        assertThat(out.toString()).contains("invalid").contains("LOINC-002").contains("→ 2345-7");
    }

    @Test
    void checkWithTheLoincTable() throws Exception {
        Path t = table();
        assertThat(run("loinc", "check", "2345-7", "--json", "--loinc-table", t.toString())).isEqualTo(ExitCode.OK);
        JsonNode n = json();
        assertThat(n.get("name").asText()).isEqualTo("Glucose [Mass/volume] in Serum or Plasma");
        assertThat(n.get("status").asText()).isEqualTo("ACTIVE");
        out.getBuffer().setLength(0);
        assertThat(run("loinc", "check", "87421-4", "--json", "--loinc-table", t.toString()))
                .isEqualTo(ExitCode.INVALID);
        n = json();
        assertThat(n.get("status").asText()).isEqualTo("DEPRECATED");
        assertThat(n.get("replacedBy").get(0).asText()).isEqualTo("88365-2");
        assertThat(n.get("errors").get(0).get("code").asText()).isEqualTo("LOINC-011");
        assertThat(run("loinc", "check", "2345-7", "--loinc-table", dir.resolve("nowhere").toString()))
                .isEqualTo(ExitCode.IO_ERROR);
    }

    @Test
    void importReportsEveryRejectedLineAndTheChanges() throws Exception {
        Path f = dir.resolve("cat.csv");
        Files.write(f, CATALOGUE.getBytes(StandardCharsets.ISO_8859_1));
        Path current = dir.resolve("current.csv");
        Files.writeString(current, "code_local;libelle\nGLY;Glycémie ancienne\nOLD;Ancien\n");
        Path result = dir.resolve("result.csv");
        assertThat(run("loinc", "import", f.toString(), "--current", current.toString(), "--out", result.toString(),
                "--json")).isEqualTo(ExitCode.INVALID);
        JsonNode n = json();
        assertThat(n.get("encoding").asText()).isEqualTo("windows-1252");
        assertThat(n.get("records").asInt()).isEqualTo(5);
        assertThat(n.get("imported").asInt()).isEqualTo(3);
        assertThat(n.get("rejected")).hasSize(2);
        assertThat(n.get("rejected").get(0).get("line").asInt()).isEqualTo(4);
        assertThat(n.get("rejected").get(0).get("reasons").get(0).get("code").asText()).isEqualTo("LOINC-050");
        assertThat(n.get("rejected").get(1).get("reasons").get(0).get("code").asText()).isEqualTo("LOINC-065");
        assertThat(n.at("/changes/added").toString()).contains("GLYM").contains("NEW");
        assertThat(n.at("/changes/modified/0/localCode").asText()).isEqualTo("GLY");
        assertThat(n.at("/changes/removed/0").asText()).isEqualTo("OLD");
        assertThat(Files.readString(result)).contains("GLY;Glycémie;").contains("NEW;Nouveau");
    }

    @Test
    void exportFhirAndReimport() throws Exception {
        Path f = dir.resolve("cat.csv");
        Files.writeString(f, "code_local;libelle;code_loinc;unite_ucum\nGLY;Glycémie;2345-7;g/L\n");
        Path fhir = dir.resolve("fhir");
        assertThat(run("loinc", "export", f.toString(), "--format", "fhir", "--out", fhir.toString(),
                "--system", "urn:oid:1.2.250.1.999")).isEqualTo(ExitCode.OK);
        Path cs = fhir.resolve("CodeSystem-local-catalogue.json");
        Path cm = fhir.resolve("ConceptMap-local-catalogue-to-loinc.json");
        assertThat(JSON.readTree(cm.toFile()).get("resourceType").asText()).isEqualTo("ConceptMap");
        out.getBuffer().setLength(0);
        assertThat(run("loinc", "import", cs.toString(), "--concept-map", cm.toString(), "--json"))
                .isEqualTo(ExitCode.OK);
        assertThat(json().at("/changes/added/0").asText()).isEqualTo("GLY");
        // a file that is not a ConceptMap
        assertThat(run("loinc", "import", cs.toString(), "--concept-map", cs.toString())).isEqualTo(ExitCode.INVALID);
        assertThat(err.toString()).contains("LOINC-060");
        assertThat(run("loinc", "export", f.toString(), "--format", "csv", "--out", dir.resolve("o.csv").toString(),
                "--out-delimiter", ",", "--bom")).isEqualTo(ExitCode.OK);
        assertThat(Files.readAllBytes(dir.resolve("o.csv"))[0] & 0xFF).isEqualTo(0xEF);
        assertThat(run("loinc", "import", f.toString(), "--delimiter", "ab")).isEqualTo(ExitCode.USAGE);
    }

    @Test
    void importWithChecksAgainstAValueSet() throws Exception {
        Path vs = dir.resolve("jdv.json");
        Files.writeString(vs, "{\"resourceType\":\"ValueSet\",\"id\":\"jdv-test\",\"title\":\"JDV test\",\"compose\":"
                + "{\"include\":[{\"system\":\"http://loinc.org\",\"concept\":[{\"code\":\"2345-7\"}]}]}}");
        Path chapters = dir.resolve("chapters.json");
        Files.writeString(chapters, "{\"resourceType\":\"ValueSet\",\"id\":\"chapitres\",\"compose\":"
                + "{\"include\":[{\"system\":\"http://loinc.org\",\"concept\":[{\"code\":\"18719-5\"}]}]}}");
        Path f = dir.resolve("cat.csv");
        Files.writeString(f, "code_local;libelle;chapitre;code_loinc;unite_ucum;statut\n"
                + "GLY;Glycémie;18719-5;2345-7;g/L;validé\n"
                + "HB;Hémoglobine;HEMATO;718-7;g/dL;validé\n");
        assertThat(run("loinc", "import", f.toString(), "--value-set", vs.toString(), "--chapters",
                chapters.toString(), "--json")).isEqualTo(ExitCode.INVALID);
        JsonNode n = json();
        assertThat(n.get("complete").asBoolean()).isTrue();
        assertThat(n.get("checks").toString()).contains("LOINC-020").contains("LOINC-045").contains("HB");
        assertThat(n.get("checks").toString()).doesNotContain("\"path\":\"GLY\"");
    }

    @Test
    void reportListsTheChecks() throws Exception {
        Path f = dir.resolve("cat.csv");
        Files.writeString(f, "code_local;libelle;unite_locale;code_loinc;unite_ucum;facteur_conversion;statut\n"
                + "GLY;Glycémie;mg/dL;2345-7;g/L;0.01;validé\n"
                + "GLYM;Glycémie molaire;mmol/L;2345-7;mmol/L;;validé\n"
                + "OLD;Avant repas;mg/dL;87421-4;mg/dL;;validé\n"
                + "NT;Non transcodé;;;;;\n");
        assertThat(run("loinc", "report", f.toString(), "--loinc-table", table().toString(), "--json"))
                .isEqualTo(ExitCode.INVALID);
        JsonNode n = json();
        assertThat(n.get("exams").asInt()).isEqualTo(4);
        assertThat(n.get("transcoded").asInt()).isEqualTo(3);
        String problems = n.get("problems").toString();
        assertThat(problems).contains("LOINC-034").contains("LOINC-042").contains("LOINC-011").contains("LOINC-041");
        out.getBuffer().setLength(0);
        assertThat(run("loinc", "report", f.toString())).isEqualTo(ExitCode.INVALID);
        assertThat(out.toString()).contains("4 exams").contains("LOINC-042");
    }
}
