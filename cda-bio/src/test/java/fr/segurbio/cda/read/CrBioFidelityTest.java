package fr.segurbio.cda.read;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import fr.segurbio.cda.CdaException;
import fr.segurbio.cda.Code;
import fr.segurbio.cda.CrBioJson;
import fr.segurbio.cda.PreviousResult;
import fr.segurbio.cda.RelatedPerson;
import fr.segurbio.cda.VoletVersion;
import fr.segurbio.cda.CrBioReport;
import fr.segurbio.cda.CrBioWriter;
import fr.segurbio.cda.pdf.CrBioPdfRenderer;
import fr.segurbio.cda.validation.SharedValidator;
import fr.segurbio.cda.validation.ValidationReport;

/**
 * Every CR-BIO N3 of the ANS package: read, written in its own volet version, validated with the full ANS set
 * (0 errors), read again, and the whole model compared field by field (through its JSON form, every field).
 */
class CrBioFidelityTest {

    static final CrBioReader READER = CrBioReader.create();
    static final ObjectMapper MAPPER = new ObjectMapper();

    @ParameterizedTest
    @ValueSource(strings = {
        "BIO-CR-BIO_2024.01_TSH_1.xml",
        "BIO-CR-BIO_2024.01_TSH_2.xml",
        "BIO-CR-BIO_2024.01_CR-2nde-intention-PDF.xml",
        "BIO-CR-BIO_2024.01_Glycemie_deux_unites_principales_mole_masse.xml",
        "BIO-CR-BIO_2024.01_Glycemie_g_par_Litre_2.xml",
        "BIO-CR-BIO_2024.01_Glycemie_mmol_par_Litre_1.xml",
        "BIO-CR-BIO_2024.01_Glycemie_mole.xml",
        "BIO-CR-BIO_2023.01_Electrophorese.xml",
        "BIO-CR-BIO_2021.01_Electrophorese.xml",
        "BIO-CR-BIO_2021.01_Microbiologie_V1.xml",
        "BIO-CR-BIO_2021.01_Microbiologie_V2.xml",
        "BIO-CR-BIO_2021.01_CR-2nde-intention.xml",
        "BIO-CR-BIO_2021.01_Auto-Presentable.xml",
        "BIO-CR-BIO_2021.01_Auto-Presentable_avec-image.xml"
    })
    void everyAnsExampleKeepsEveryModelledDatumThroughAReWrite(String name) throws IOException {
        ReadDocument first = READER.read(Files.readAllBytes(SharedValidator.example(name)));
        roundTrip(name, first);
    }

    private static String example(String name) throws IOException {
        return Files.readString(SharedValidator.example(name), StandardCharsets.UTF_8);
    }

    @Test
    void aChapterAndASecondLineSectionCodedInAFrenchTerminologyAreReadAsTheAnsValidationAccepts() throws IOException {
        String xml = example("BIO-CR-BIO_2024.01_CR-2nde-intention-PDF.xml")
                .replaceFirst("<code code=\"18723-7\" displayName=\"Hématologie\"\\s+codeSystem=\"2.16.840.1.113883.6.1\""
                        + " codeSystemName=\"LOINC\"/>",
                        "<code code=\"HEMATO\" displayName=\"Hématologie\" codeSystem=\"1.2.250.1.213.1.1.4.322\"/>")
                .replaceFirst("<code code=\"101792-0\" displayName=\"Résultats de laboratoire scannés\"\\s+"
                        + "codeSystem=\"2.16.840.1.113883.6.1\" codeSystemName=\"LOINC\"/>",
                        "<code code=\"CR-2L\" displayName=\"Compte rendu de seconde intention\" "
                                + "codeSystem=\"1.2.250.1.213.1.1.4.322\"/>");
        assertThat(xml).contains("HEMATO").contains("CR-2L");
        byte[] bytes = xml.getBytes(StandardCharsets.UTF_8);
        assertThat(SharedValidator.get().validate(bytes).errors()).as("the ANS validation accepts it").isEmpty();
        ReadDocument doc = READER.read(bytes);
        assertThat(doc.report().chapters()).anySatisfy(c -> assertThat(c.code())
                .isEqualTo(Code.of("HEMATO", "1.2.250.1.213.1.1.4.322", "Hématologie")));
        assertThat(doc.report().secondLineSections()).singleElement().satisfies(s -> assertThat(s.code())
                .isEqualTo(Code.of("CR-2L", "1.2.250.1.213.1.1.4.322", "Compte rendu de seconde intention")));
        ReadDocument again = roundTrip("French chapter and second-line codes", doc);
        assertThat(again.report().secondLineSections().get(0).code().code()).isEqualTo("CR-2L");
    }

    @Test
    void aSubChapterCodedOutsideLoincIsRefusedCitingTheIheRuleTheAnsValidationApplies() throws IOException {
        String xml = example("BIO-CR-BIO_2024.01_TSH_1.xml");
        int sub = xml.indexOf("1.2.250.1.213.1.1.2.71");
        assertThat(sub).isPositive();
        int code = xml.indexOf("codeSystem=\"2.16.840.1.113883.6.1\"", sub);
        String changed = xml.substring(0, code) + "codeSystem=\"1.2.250.1.213.1.1.4.322\""
                + xml.substring(code + "codeSystem=\"2.16.840.1.113883.6.1\"".length());
        byte[] bytes = changed.getBytes(StandardCharsets.UTF_8);
        assertThat(SharedValidator.get().validate(bytes).errors()).as("the ANS validation refuses it")
                .anySatisfy(f -> assertThat(f.toString()).contains("S_laboratoryReportItem"));
        assertThatThrownBy(() -> READER.read(bytes)).isInstanceOf(CdaException.class)
                .hasMessageContaining("S_laboratoryReportItem");
    }

    @Test
    void anImpossibleDateIsKeptAsWrittenAndWrittenBackUnchanged() throws IOException {
        ReadDocument doc = READER.read(example("BIO-CR-BIO_2023.01_Electrophorese.xml").getBytes(StandardCharsets.UTF_8));
        assertThat(doc.checks().problems()).filteredOn(p -> p.code() == CdaReadError.IMPOSSIBLE_DATE)
                .singleElement().satisfies(p -> {
                    assertThat(p.message(Locale.ENGLISH)).contains("20092012081500+0100").contains("kept as written");
                    assertThat(p.path()).contains("effectiveTime");
                });
        assertThat(CrBioJson.write(doc.report())).containsPattern("\"timeAsWritten\"\\s*:\\s*\"20092012081500\\+0100\"");
        assertThat(PreviousResult.asWritten("20092012081500+0100", fr.segurbio.cda.ResultValue.text("x"), null).time())
                .isNull();
        String rewritten = new String(CrBioWriter.standard().n3(doc.report(), doc.pdfCopy().orElseThrow()).document(),
                StandardCharsets.UTF_8);
        assertThat(rewritten).contains("<effectiveTime value=\"20092012081500+0100\"/>")
                .doesNotContain("20091220");
    }

    @Test
    void aDocumentKeepsItsVoletVersionUnlessUpgradedAndTheUpgradeSaysWhatChanged() throws IOException {
        ReadDocument doc = READER.read(example("BIO-CR-BIO_2021.01_Microbiologie_V1.xml").getBytes(StandardCharsets.UTF_8));
        assertThat(doc.report().volet()).isEqualTo(VoletVersion.V2021_01);
        assertThat(doc.checks().problems()).anySatisfy(p -> assertThat(p.code()).isEqualTo(CdaReadError.OLD_VOLET));
        byte[] pdf = CrBioPdfRenderer.create().render(doc.report());
        String kept = new String(CrBioWriter.standard().n3(doc.report(), pdf).document(), StandardCharsets.UTF_8);
        assertThat(kept).contains("<templateId root=\"1.2.250.1.213.1.1.1.55\"/>").doesNotContain("1.2.250.1.213.1.1.2.243");

        CrBioReport.Upgrade up = doc.report().upgradedTo(VoletVersion.V2024_01);
        assertThat(up.changes()).hasSize(2).anySatisfy(c -> assertThat(c).contains("2024.01"))
                .anySatisfy(c -> assertThat(c).contains("1.2.250.1.213.1.1.2.243"));
        byte[] upgraded = CrBioWriter.standard().n3(up.report(), pdf).document();
        assertThat(SharedValidator.get().validate(upgraded).errors()).isEmpty();
        ReadDocument again = READER.read(upgraded);
        assertThat(again.volet()).isEqualTo("BIO-CR-BIO_2024.01");
        assertThat(again.pdfCopy()).isPresent();
        assertThat(doc.report().upgradedTo(VoletVersion.V2021_01).changes()).isEmpty();
    }

    @Test
    void whatTheModelDoesNotHoldIsListedInTheNotices() throws IOException {
        String tsh = example("BIO-CR-BIO_2024.01_TSH_1.xml");
        String withDataEnterer = tsh.replaceFirst("<custodian>", "<dataEnterer><assignedEntity>"
                + "<id root=\"1.2.250.1.71.4.2.1\" extension=\"801234567897\"/></assignedEntity></dataEnterer><custodian>");
        assertThat(withDataEnterer).contains("<dataEnterer>");
        ReadDocument entered = READER.read(withDataEnterer.getBytes(StandardCharsets.UTF_8));
        assertThat(entered.checks().problems()).filteredOn(p -> p.code() == CdaReadError.KEPT_AS_EXTENSION)
                .filteredOn(p -> p.path().contains("dataEnterer")).singleElement().satisfies(p -> {
                    assertThat(p.message(Locale.ENGLISH)).contains("dataEnterer").contains("not represent")
                            .contains("kept as written");
                    assertThat(p.severity()).isEqualTo(fr.segurbio.core.Severity.INFO);
                });
        assertThat(entered.report().extensions()).anySatisfy(e -> assertThat(e.xml()).startsWith("<dataEnterer"));
        assertThat(entered.checks().problems()).noneMatch(p -> p.code() == CdaReadError.NOT_KEPT);
        assertThat(entered.checks().isValid()).isTrue();
        ReadDocument doc = READER.read(tsh.getBytes(StandardCharsets.UTF_8));
        assertThat(doc.checks().problems()).noneMatch(p -> p.code() == CdaReadError.NOT_KEPT);
        // the attending physician is held, with an address made of street lines only (no city)
        assertThat(doc.report().attendingPhysician()).hasValueSatisfying(p -> {
            assertThat(p.name().family()).isEqualTo("MEDECIN5729");
            assertThat(p.address()).hasValueSatisfying(a -> assertThat(a.streetLines())
                    .containsExactly("8 rue de Lyon", "92100 Boulogne"));
        });
        // the guardian is held now, with its structured address
        assertThat(doc.report().patient().guardians()).singleElement().satisfies(g -> {
            assertThat(g.name().family()).isEqualTo("NESSI");
            assertThat(g.address().houseNumber()).isEqualTo("28");
            assertThat(g.address().streetName()).isEqualTo("Avenue de Breteuil");
            assertThat(g.address().use()).isEqualTo("H");
        });
        ReadDocument second = READER.read(example("BIO-CR-BIO_2024.01_CR-2nde-intention-PDF.xml").getBytes(StandardCharsets.UTF_8));
        assertThat(second.report().informants()).extracting(RelatedPerson::classCode).containsExactly("ECON", "NOK");
        assertThat(second.report().informants().get(0).address().nullFlavor()).isEqualTo("NAV");
    }

    /** Writes the report read, validates it, reads it again and compares every field; returns the re-read. */
    static ReadDocument roundTrip(String name, ReadDocument first) throws IOException {
        CrBioReport report = first.report();
        byte[] pdf = first.pdfCopy().orElseGet(() -> CrBioPdfRenderer.create().render(report));
        byte[] rewritten = CrBioWriter.standard().n3(report, pdf).document();
        ValidationReport validation = SharedValidator.get().validate(rewritten);
        assertThat(validation.errors()).as("ANS errors of %s re-written", name).isEmpty();
        ReadDocument again = READER.read(rewritten);
        assertThat(again.volet()).as(name).isEqualTo(first.volet());
        assertSameFields(name, MAPPER.readTree(CrBioJson.write(report)), MAPPER.readTree(CrBioJson.write(again.report())));
        return again;
    }

    /** Every leaf of the two JSON trees, by its JSON Pointer; the differences are listed all at once. */
    static void assertSameFields(String name, JsonNode before, JsonNode after) {
        Map<String, String> a = new java.util.TreeMap<>();
        Map<String, String> b = new java.util.TreeMap<>();
        leaves(before, "", a);
        leaves(after, "", b);
        List<String> diffs = new ArrayList<>();
        for (String k : a.keySet()) {
            if (!a.get(k).equals(b.get(k))) {
                diffs.add(k + ": " + abbreviate(a.get(k)) + " -> " + abbreviate(b.get(k)));
            }
        }
        for (String k : b.keySet()) {
            if (!a.containsKey(k)) {
                diffs.add(k + ": (absent) -> " + abbreviate(b.get(k)));
            }
        }
        assertThat(diffs).as("fields of %s changed by read -> write -> read", name).isEmpty();
        assertThat(a).as(name).isNotEmpty();
    }

    private static String abbreviate(String s) {
        return s == null ? null : s.length() > 80 ? s.substring(0, 80) + "…" : s;
    }

    private static void leaves(JsonNode n, String path, Map<String, String> out) {
        if (n.isObject()) {
            Iterator<Map.Entry<String, JsonNode>> it = n.fields();
            while (it.hasNext()) {
                Map.Entry<String, JsonNode> e = it.next();
                leaves(e.getValue(), path + "/" + e.getKey(), out);
            }
        } else if (n.isArray()) {
            for (int i = 0; i < n.size(); i++) {
                leaves(n.get(i), path + "/" + i, out);
            }
        } else {
            out.put(path, n.asText());
        }
    }
}
