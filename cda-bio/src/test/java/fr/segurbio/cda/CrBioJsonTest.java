package fr.segurbio.cda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import fr.segurbio.cda.pdf.CrBioPdfRenderer;
import fr.segurbio.core.Problem;

class CrBioJsonTest {

    static final Path SAMPLE = Path.of("..", "examples", "sample-report.json");

    private static JsonReport sample() {
        return CrBioJson.read(SAMPLE);
    }

    private static List<ResultItem> allItems(CrBioReport r) {
        List<ResultItem> out = new java.util.ArrayList<>();
        for (Chapter c : r.chapters()) {
            for (ResultEntry e : c.entries()) {
                for (ResultItem i : e.results()) {
                    add(out, i);
                }
            }
        }
        return out;
    }

    private static void add(List<ResultItem> out, ResultItem i) {
        out.add(i);
        if (i instanceof Battery b) {
            b.items().forEach(x -> add(out, x));
        } else if (i instanceof Isolate iso) {
            iso.observations().forEach(x -> add(out, x));
            iso.antibiogram().ifPresent(x -> add(out, x));
        }
    }

    @Test
    void theSampleReportHasWhatTheIssueAsksFor() {
        JsonReport in = sample();
        CrBioReport r = in.report();
        assertThat(in.name()).isEqualTo("sample-report");
        // the sample carries no PDF copy: the SDK renders it from the report
        assertThat(in.pdf()).isEmpty();
        byte[] rendered = CrBioPdfRenderer.create().render(r);
        assertThat(new String(rendered, 0, 5, StandardCharsets.ISO_8859_1)).isEqualTo("%PDF-");
        assertThat(r.chapters()).hasSizeGreaterThanOrEqualTo(2);
        List<ResultItem> items = allItems(r);
        assertThat(items).filteredOn(i -> i instanceof Isolate iso && iso.antibiogram().isPresent()).isNotEmpty();
        List<Observation> obs = items.stream().filter(i -> i instanceof Observation).map(i -> (Observation) i).toList();
        assertThat(obs).anySatisfy(o -> assertThat(o.previousResults()).isNotEmpty());
        assertThat(obs).anySatisfy(o -> assertThat(o.comments()).isNotEmpty());
        assertThat(obs).anySatisfy(o -> assertThat(o.loinc()).isEmpty());
        assertThat(r.chapters().stream().flatMap(c -> c.entries().stream()))
                .anySatisfy(e -> assertThat(e.performer()).isPresent());
        assertThat(r.secondLineResults()).hasSize(1);
        assertThat(r.notices().problems()).isEmpty();
    }

    @Test
    void writingThenReadingGivesTheSameJson() {
        JsonReport in = sample();
        String once = CrBioJson.write(in);
        JsonReport again = CrBioJson.read(new ByteArrayInputStream(once.getBytes(StandardCharsets.UTF_8)), null);
        assertThat(CrBioJson.write(again)).isEqualTo(once);
        // and the documents written from both are identical
        byte[] pdf = Fixtures.pdf();
        assertThat(CrBioWriter.standard().n3(again.report(), pdf).document())
                .isEqualTo(CrBioWriter.standard().n3(in.report(), pdf).document());
    }

    @Test
    void theFixtureSurvivesAJsonRoundTrip() {
        CrBioReport r = Fixtures.report();
        String json = CrBioJson.write(r);
        JsonReport back = CrBioJson.read(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), null);
        assertThat(CrBioWriter.standard().n3(back.report(), Fixtures.pdf()).document())
                .isEqualTo(CrBioWriter.standard().n3(r, Fixtures.pdf()).document());
    }

    @Test
    void theSampleHasTwoRecipientsThatSurviveTheRoundTrip() {
        CrBioReport r = sample().report();
        assertThat(r.recipients()).hasSize(2);
        HealthProfessional first = r.recipients().get(0);
        assertThat(first.id()).isEqualTo(InstanceId.idNatPs("801234567897"));
        assertThat(first.name().display()).isEqualTo("DR Stéphane MEDIONI");
        assertThat(first.telecoms()).extracting(Telecom::value)
                .containsExactly("tel:0147150000", "mailto:stephane.medioni@medecin.mssante.fr");
        assertThat(first.organization()).hasValueSatisfying(o -> {
            assertThat(o.id()).isEqualTo(InstanceId.idNatStruct("2801234567"));
            assertThat(o.name()).isEqualTo("Centre de soins le Belvédère");
        });
        assertThat(r.recipients().get(1).organization()).isEmpty();

        String json = CrBioJson.write(Fixtures.report());
        CrBioReport back = CrBioJson.read(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), null).report();
        assertThat(back.recipients()).usingRecursiveFieldByFieldElementComparator()
                .containsExactlyElementsOf(Fixtures.report().recipients());
    }

    @Test
    void badRecipientsAreLocated() throws Exception {
        ObjectMapper m = new ObjectMapper();
        ObjectNode root = (ObjectNode) m.readTree(Files.readAllBytes(SAMPLE));
        root.remove("secondLineResults");
        ((ObjectNode) root.at("/recipients/0")).remove("name");
        ((ObjectNode) root.at("/recipients/1/id")).put("root", "1.2.250.1.213.1.1.9");
        byte[] bad = m.writeValueAsBytes(root);
        assertThatThrownBy(() -> CrBioJson.read(new ByteArrayInputStream(bad), null))
                .isInstanceOfSatisfying(CdaException.class, e -> assertThat(e.problems()).extracting(Problem::path)
                        .anySatisfy(p -> assertThat(p).startsWith("/recipients/0")));
        ((ObjectNode) root.at("/recipients/0")).set("name", m.readTree("{\"family\": \"MEDIONI\"}"));
        byte[] notIdNatPs = m.writeValueAsBytes(root);
        assertThatThrownBy(() -> CrBioJson.read(new ByteArrayInputStream(notIdNatPs), null))
                .isInstanceOfSatisfying(CdaException.class, e -> {
                    assertThat(e.problems()).extracting(Problem::code).containsExactly(CdaError.BAD_VALUE);
                    assertThat(e.getMessage()).contains("idNat_PS");
                });
    }

    @Test
    void everyProblemOfABadReportIsLocated() throws Exception {
        ObjectMapper m = new ObjectMapper();
        ObjectNode root = (ObjectNode) m.readTree(Files.readAllBytes(SAMPLE));
        root.remove("pdf");
        root.remove("secondLineResults");
        root.remove("legalAuthenticator");
        JsonNode obs = root.at("/chapters/0/subChapters/0/entry/results/0");
        ((ObjectNode) obs.get("loinc")).put("code", "22664-8");
        ((ObjectNode) obs.get("value")).put("unit", "mmol/zz");
        root.put("surprise", 1);
        byte[] bad = m.writeValueAsBytes(root);
        assertThatThrownBy(() -> CrBioJson.read(new ByteArrayInputStream(bad), null))
                .isInstanceOfSatisfying(CdaException.class, e -> {
                    assertThat(e.problems()).extracting(Problem::code)
                            .contains(CdaError.BAD_LOINC, CdaError.BAD_UNIT, CdaError.BAD_JSON);
                    assertThat(e.problems()).extracting(Problem::path)
                            .contains("/chapters/0/subChapters/0/entry/results/0/loinc/code",
                                    "/chapters/0/subChapters/0/entry/results/0/value");
                });
        root.remove("surprise");
        ((ObjectNode) obs.get("loinc")).put("code", "22664-7");
        ((ObjectNode) obs.get("value")).put("unit", "mmol/L");
        byte[] noBiologist = m.writeValueAsBytes(root);
        assertThatThrownBy(() -> CrBioJson.read(new ByteArrayInputStream(noBiologist), null))
                .isInstanceOfSatisfying(CdaException.class,
                        e -> assertThat(e.code()).isEqualTo(CdaError.NO_VALIDATING_BIOLOGIST));
        root.putArray("chapters");
        byte[] noResult = m.writeValueAsBytes(root);
        assertThatThrownBy(() -> CrBioJson.read(new ByteArrayInputStream(noResult), null))
                .isInstanceOfSatisfying(CdaException.class,
                        e -> assertThat(e.problems()).extracting(Problem::code).contains(CdaError.NO_RESULT));
    }

    @Test
    void malformedJsonIsRefusedWithCda011() {
        assertThatThrownBy(() -> CrBioJson.read(new ByteArrayInputStream("{\"name\": ".getBytes(StandardCharsets.UTF_8)), null))
                .isInstanceOfSatisfying(CdaException.class, e -> assertThat(e.code()).isEqualTo(CdaError.BAD_JSON));
        assertThatThrownBy(() -> CrBioJson.read(new ByteArrayInputStream("[1]".getBytes(StandardCharsets.UTF_8)), null))
                .isInstanceOfSatisfying(CdaException.class, e -> assertThat(e.code()).isEqualTo(CdaError.BAD_JSON));
    }

    @Test
    void theSchemaIsShippedAndDeclaresEveryTopLevelField() throws Exception {
        JsonNode schema = new ObjectMapper().readTree(CrBioJson.schema());
        JsonNode sample = new ObjectMapper().readTree(Files.readAllBytes(SAMPLE));
        sample.fieldNames().forEachRemaining(f -> assertThat(schema.path("properties").has(f)).as(f).isTrue());
        assertThat(schema.path("required")).extracting(JsonNode::asText).contains("legalAuthenticator", "chapters");
    }
}
