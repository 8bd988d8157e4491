package fr.segurbio.cda.read;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Arrays;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import fr.segurbio.cda.CdaException;
import fr.segurbio.cda.Chapter;
import fr.segurbio.cda.CrBioJson;
import fr.segurbio.cda.CrBioReport;
import fr.segurbio.cda.CrBioWriter;
import fr.segurbio.cda.Interpretation;
import fr.segurbio.cda.JsonReport;
import fr.segurbio.cda.Observation;
import fr.segurbio.cda.ResultEntry;
import fr.segurbio.cda.ResultValue;
import fr.segurbio.cda.pdf.CrBioPdfRenderer;
import fr.segurbio.cda.validation.SharedValidator;
import fr.segurbio.cda.validation.ValidationReport;

class CrBioReaderTest {

    private static final CrBioReader READER = CrBioReader.create();
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String TSH_1 = "BIO-CR-BIO_2024.01_TSH_1.xml";

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
    void everyBioExampleReadsRewritesAndStillValidates(String name) throws IOException {
        byte[] original = Files.readAllBytes(SharedValidator.example(name));
        ReadDocument doc = READER.read(original);
        assertThat(doc.report().observationCount()).isPositive();
        if (!name.startsWith("BIO-CR-BIO_2021.01")) {
            assertThat(doc.pdfCopy()).as("PDF copy of a 2023.01/2024.01 document").isPresent();
        }
        byte[] pdf = doc.pdfCopy().orElseGet(() -> CrBioPdfRenderer.create().render(doc.report()));

        byte[] rewritten = CrBioWriter.standard().n3(doc.report(), pdf).document();
        ValidationReport report = SharedValidator.get().validate(rewritten);
        assertThat(report.errors()).as(name).isEmpty();

        ReadDocument again = READER.read(rewritten);
        JsonNode before = MAPPER.readTree(CrBioJson.write(doc.report()));
        JsonNode after = MAPPER.readTree(CrBioJson.write(again.report()));
        for (String part : new String[] {"chapters", "commentSections", "secondLineResults", "patient", "document",
                "performingLab", "encounter", "recipients"}) {
            assertThat(after.get(part) == null ? null : after.get(part).toString())
                    .as("%s of %s after read, write, read", part, name)
                    .isEqualTo(before.get(part) == null ? null : before.get(part).toString());
        }
        if (name.startsWith("BIO-CR-BIO_2021.01")) {
            // re-written in its own volet version, whose level-1 sections do not include the PDF copy
            assertThat(again.volet()).isEqualTo("BIO-CR-BIO_2021.01");
            assertThat(again.pdfCopy()).isEmpty();
        } else {
            assertThat(again.pdf()).isEqualTo(pdf);
        }
        assertThat(again.report().observationCount()).isEqualTo(doc.report().observationCount());
    }

    @Test
    void resultsKeepTheirCodeValueUnitRangeInterpretationAndMethod() throws IOException {
        CrBioReport report = READER.read(Files.readAllBytes(SharedValidator.example(TSH_1))).report();
        Observation tsh = observations(report)[0];
        assertThat(tsh.loinc()).hasValueSatisfying(c -> assertThat(c.code()).isEqualTo("3016-3"));
        assertThat(tsh.value()).contains(ResultValue.quantity("1.950", "m[IU]/L"));
        assertThat(tsh.interpretation()).contains(Interpretation.N);
        assertThat(tsh.referenceRange()).hasValueSatisfying(r -> {
            assertThat(r.low()).isEqualTo(ResultValue.quantity("0.270", "m[IU]/L"));
            assertThat(r.high()).isEqualTo(ResultValue.quantity("4.200", "m[IU]/L"));
        });
        assertThat(tsh.methodText().or(() -> tsh.method().map(m -> m.code()))).isPresent();
        assertThat(tsh.label()).isNotBlank();
        assertThat(report.patient().ins()).hasValueSatisfying(
                i -> assertThat(i.matricule().value()).isEqualTo("279035121518989"));
    }

    @Test
    void recipientsReadBackFromTheWrittenN3() throws IOException {
        JsonReport sample = CrBioJson.read(java.nio.file.Path.of("..", "examples", "sample-report.json"));
        CrBioReport written = sample.report();
        assertThat(written.recipients()).hasSize(2);
        byte[] pdf = sample.pdf().orElseGet(() -> CrBioPdfRenderer.create().render(written));
        CrBioReport read = READER.read(CrBioWriter.standard().n3(written, pdf).document()).report();
        assertThat(MAPPER.readTree(CrBioJson.write(read)).get("recipients").toString())
                .isEqualTo(MAPPER.readTree(CrBioJson.write(written)).get("recipients").toString());
        assertThat(read.recipients()).extracting(r -> r.name().family()).containsExactly("MEDIONI", "CHARLES");
        assertThat(read.recipients().get(0).organization())
                .hasValueSatisfying(o -> assertThat(o.name()).isEqualTo("Centre de soins le Belvédère"));
    }

    @Test
    void aRecipientWithoutAnIdNatPsIsLeftOutAndARepeatIsReadOnce() throws IOException {
        JsonReport sample = CrBioJson.read(java.nio.file.Path.of("..", "examples", "sample-report.json"));
        byte[] pdf = sample.pdf().orElseGet(() -> CrBioPdfRenderer.create().render(sample.report()));
        String xml = new String(CrBioWriter.standard().n3(sample.report(), pdf).document(), StandardCharsets.UTF_8);
        String local = xml.replaceFirst("<id root=\"1.2.250.1.71.4.2.1\" extension=\"801234567897\"/>",
                "<id root=\"1.2.250.1.213.1.1.9\" extension=\"DR-42\"/>");
        assertThat(local).isNotEqualTo(xml);
        CrBioReport read = READER.read(local.getBytes(StandardCharsets.UTF_8)).report();
        assertThat(read.recipients()).extracting(r -> r.name().family()).containsExactly("CHARLES");
        // the same recipient twice is read once
        int start = xml.lastIndexOf("<informationRecipient>", xml.lastIndexOf("<intendedRecipient>"));
        int end = xml.indexOf("</informationRecipient>", xml.indexOf("</intendedRecipient>", start))
                + "</informationRecipient>".length();
        String twice = xml.substring(0, end) + xml.substring(start, end) + xml.substring(end);
        assertThat(twice.split("<intendedRecipient>", -1)).hasSize(4);
        assertThat(READER.read(twice.getBytes(StandardCharsets.UTF_8)).report().recipients())
                .extracting(r -> r.name().family()).containsExactly("MEDIONI", "CHARLES");
    }

    @Test
    void microbiologyKeepsSpecimensIsolatesAndComments() throws IOException {
        CrBioReport report = READER.read(Files.readAllBytes(
                SharedValidator.example("BIO-CR-BIO_2021.01_Microbiologie_V1.xml"))).report();
        var entries = report.chapters().stream().flatMap(c -> c.entries().stream()).toList();
        assertThat(entries).anySatisfy(e -> assertThat(e.specimens()).isNotEmpty());
        assertThat(entries).flatMap(ResultEntry::results).anySatisfy(
                i -> assertThat(i).isInstanceOf(fr.segurbio.cda.Isolate.class));
    }

    @Test
    void anotherVoletIsRefused() {
        assertThatThrownBy(() -> READER.read(SharedValidator.example("BIO-TROD_2024.01_Angine.xml")))
                .isInstanceOf(CdaException.class).hasMessageContaining("CDA-601")
                .hasMessageContaining("1.2.250.1.213.1.1.1.59");
    }

    @Test
    void aLevel1DocumentIsRefused() {
        assertThatThrownBy(() -> READER.read(SharedValidator.example("BIO-CR-BIO_2021.01_CDA-R2-Niveau-1.xml")))
                .isInstanceOf(CdaException.class).hasMessageContaining("CDA-601").hasMessageContaining("N1");
    }

    @Test
    void aDtdIsRefused() throws IOException {
        String xml = Files.readString(SharedValidator.example(TSH_1), StandardCharsets.UTF_8)
                .replaceFirst("<ClinicalDocument", "<!DOCTYPE ClinicalDocument [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>\n<ClinicalDocument");
        assertThatThrownBy(() -> READER.read(xml.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(CdaException.class).hasMessageContaining("CDA-502");
    }

    @Test
    void aTruncatedFileIsRefused() throws IOException {
        byte[] all = Files.readAllBytes(SharedValidator.example(TSH_1));
        assertThatThrownBy(() -> READER.read(Arrays.copyOf(all, all.length / 3)))
                .isInstanceOf(CdaException.class).hasMessageContaining("CDA-503");
    }

    @Test
    void olderVoletsAreFlaggedAndKeptInTheirVersion() throws IOException {
        ReadDocument doc = READER.read(Files.readAllBytes(SharedValidator.example("BIO-CR-BIO_2023.01_Electrophorese.xml")));
        assertThat(doc.volet()).isEqualTo("BIO-CR-BIO_2023.01");
        assertThat(doc.report().volet()).isEqualTo(fr.segurbio.cda.VoletVersion.V2023_01);
        assertThat(doc.checks().has(CdaReadError.OLD_VOLET)).isTrue();
        // the example's previous result is written 20092012… (month 20): kept as written with a warning, not refused
        assertThat(doc.checks().has(CdaReadError.IMPOSSIBLE_DATE)).isTrue();
        assertThat(doc.checks().isValid()).isTrue();
    }

    static Observation[] observations(CrBioReport report) {
        return report.chapters().stream().flatMap(c -> c.entries().stream())
                .flatMap(e -> e.results().stream())
                .filter(Observation.class::isInstance).map(Observation.class::cast)
                .toArray(Observation[]::new);
    }

    static int chapters(CrBioReport r) {
        return (int) r.chapters().stream().map(Chapter::title).count();
    }
}
