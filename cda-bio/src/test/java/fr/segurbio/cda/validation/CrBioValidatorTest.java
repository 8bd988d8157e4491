package fr.segurbio.cda.validation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import fr.segurbio.cda.DocumentKind;
import fr.segurbio.core.Severity;

class CrBioValidatorTest {

    private static final String TSH_1 = "BIO-CR-BIO_2024.01_TSH_1.xml";

    @ParameterizedTest
    @ValueSource(strings = {
        "BIO-CR-BIO_2024.01_TSH_1.xml",
        "BIO-CR-BIO_2024.01_TSH_2.xml",
        "BIO-CR-BIO_2024.01_CR-2nde-intention-PDF.xml",
        "BIO-CR-BIO_2024.01_Glycemie_deux_unites_principales_mole_masse.xml",
        "BIO-CR-BIO_2024.01_Glycemie_g_par_Litre_2.xml",
        "BIO-CR-BIO_2024.01_Glycemie_mmol_par_Litre_1.xml",
        "BIO-CR-BIO_2024.01_Glycemie_mole.xml"
    })
    void everyCrBio2024ExampleHasNoError(String name) {
        ValidationReport report = SharedValidator.get().validate(SharedValidator.example(name));
        assertThat(report.errors()).isEmpty();
        assertThat(report.isValid()).isTrue();
        assertThat(report.kind()).contains(DocumentKind.N3);
        assertThat(report.volet()).contains("BIO-CR-BIO_2024.01");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "BIO-CR-BIO_2021.01_CR-2nde-intention.xml:BIO-CR-BIO_2021.01",
        "BIO-CR-BIO_2021.01_Electrophorese.xml:BIO-CR-BIO_2021.01",
        "BIO-CR-BIO_2021.01_Microbiologie_V1.xml:BIO-CR-BIO_2021.01",
        "BIO-CR-BIO_2021.01_Microbiologie_V2.xml:BIO-CR-BIO_2021.01",
        "BIO-CR-BIO_2023.01_Electrophorese.xml:BIO-CR-BIO_2023.01"
    })
    void olderVoletsAreChosenFromTheTemplateIdExtension(String nameAndVolet) {
        String[] parts = nameAndVolet.split(":");
        ValidationReport report = SharedValidator.get().validate(SharedValidator.example(parts[0]));
        assertThat(report.volet()).contains(parts[1]);
        assertThat(report.errors()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"BIO-CR-BIO_2021.01_Auto-Presentable.xml", "BIO-CR-BIO_2021.01_Auto-Presentable_avec-image.xml"})
    void selfPresentingDocumentsAreValidatedOnTheirClinicalDocument(String name) {
        ValidationReport report = SharedValidator.get().validate(SharedValidator.example(name));
        assertThat(report.findings()).anySatisfy(f -> assertThat(f.id()).isEqualTo("CDA-513"));
        assertThat(report.kind()).contains(DocumentKind.N3);
        assertThat(report.volet()).contains("BIO-CR-BIO_2021.01");
        assertThat(report.errors()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"BIO-CR-BIO_2021.01_CDA-R2-Niveau-1.xml", "DOC_NON_STRUCTURE_CDA-R2-N1.xml"})
    void n1PassesTheGenericProfilesAndSkipsTheVolet(String name) {
        ValidationReport report = SharedValidator.get().validate(SharedValidator.example(name));
        assertThat(report.kind()).contains(DocumentKind.N1);
        assertThat(report.volet()).isEmpty();
        assertThat(report.errors()).isEmpty();
        assertThat(report.findings()).noneSatisfy(f -> assertThat(f.source()).startsWith("BIO-CR-BIO"));
    }

    @Test
    void anotherVoletIsNotACrBio() {
        ValidationReport report = SharedValidator.get().validate(SharedValidator.example("BIO-TROD_2024.01_Angine.xml"));
        assertThat(report.errors()).extracting(Finding::id).containsExactly("CDA-509");
        assertThat(report.volet()).isEmpty();
    }

    @Test
    void negativeDocumentGivesTheExpectedFindings() throws IOException {
        String xml = Files.readString(SharedValidator.example(TSH_1), StandardCharsets.UTF_8);
        String bad = xml
                .replaceFirst("displayName=\"CR d'examens biologiques\"", "displayName=\"Compte rendu de biologie\"")
                .replaceFirst("(?s)<birthplace>.*?</birthplace>", "")
                .replaceFirst("<value xsi:type=\"PQ\" value=\"1.950\"", "<value xsi:type=\"PQ\" value=\"abc\"");
        bad = withoutPdfCopySection(bad);
        assertThat(bad.contains("<birthplace>")).as("birthplace removed").isFalse();
        assertThat(bad.contains("1.2.250.1.213.1.1.2.243")).as("PDF copy section removed").isFalse();
        assertThat(bad.contains("value=\"abc\"")).as("PQ value replaced").isTrue();

        ValidationReport report = SharedValidator.get().validate(bad.getBytes(StandardCharsets.UTF_8));

        assertThat(report.isValid()).isFalse();
        List<Finding> xsd = report.from("xsd");
        assertThat(xsd).hasSize(2).allSatisfy(f -> {
            assertThat(f.message()).contains("abc");
            assertThat(f.location()).startsWith("line ");
        });
        assertThat(xsd).anySatisfy(f -> assertThat(f.message()).startsWith("cvc-datatype-valid"));
        List<Finding> volet = report.from("BIO-CR-BIO_2024.01");
        assertThat(volet).filteredOn(Finding::isError).hasSize(2);
        assertThat(volet).anySatisfy(f -> assertThat(f.message()).contains("FR-Document-PDF-copie"));
        assertThat(volet).anySatisfy(f -> {
            assertThat(f.message()).contains("CR d'examens biologiques");
            assertThat(f.location()).startsWith("/");
        });
        assertThat(report.from("structuration-minimale")).filteredOn(Finding::isError)
                .anySatisfy(f -> assertThat(f.message()).contains("INS").contains("obligatoire"));
    }

    private static String withoutPdfCopySection(String xml) {
        int template = xml.indexOf("<templateId root=\"1.2.250.1.213.1.1.2.243\"/>");
        int start = xml.lastIndexOf("<component>", template);
        int end = xml.indexOf("</component>", xml.indexOf("</section>", template)) + "</component>".length();
        return xml.substring(0, start) + xml.substring(end);
    }

    @Test
    void aDoctypeIsRefused() throws IOException {
        String xml = Files.readString(SharedValidator.example(TSH_1), StandardCharsets.UTF_8)
                .replaceFirst("<ClinicalDocument", "<!DOCTYPE ClinicalDocument SYSTEM \"cda.dtd\">\n<ClinicalDocument");
        ValidationReport report = SharedValidator.get().validate(xml.getBytes(StandardCharsets.UTF_8));
        assertThat(report.isValid()).isFalse();
        assertThat(report.findings()).singleElement().satisfies(f -> {
            assertThat(f.id()).isEqualTo("CDA-502");
            assertThat(f.message()).contains("DTD");
        });
        assertThat(report.kind()).isEmpty();
    }

    @Test
    void anExternalEntityIsRefusedWithoutBeingRead(@TempDir Path dir) throws IOException {
        Path secret = dir.resolve("secret.txt");
        Files.writeString(secret, "SECRET-CONTENT");
        String xml = "<?xml version=\"1.0\"?>\n<!DOCTYPE ClinicalDocument [<!ENTITY x SYSTEM \"" + secret.toUri()
                + "\">]>\n<ClinicalDocument xmlns=\"urn:hl7-org:v3\"><title>&x;</title></ClinicalDocument>";
        ValidationReport report = SharedValidator.get().validate(xml.getBytes(StandardCharsets.UTF_8));
        assertThat(report.findings()).singleElement().satisfies(f -> assertThat(f.id()).isEqualTo("CDA-502"));
        assertThat(report.toJson()).doesNotContain("SECRET-CONTENT");
    }

    @Test
    void aTruncatedFileIsReported(@TempDir Path dir) throws IOException {
        byte[] all = Files.readAllBytes(SharedValidator.example(TSH_1));
        Path truncated = dir.resolve("truncated.xml");
        Files.write(truncated, java.util.Arrays.copyOf(all, all.length / 2));
        ValidationReport report = SharedValidator.get().validate(truncated);
        assertThat(report.isValid()).isFalse();
        assertThat(report.findings()).singleElement().satisfies(f -> {
            assertThat(f.id()).isEqualTo("CDA-503");
            assertThat(f.source()).isEqualTo("xml");
            assertThat(f.location()).startsWith("line ");
        });
    }

    @Test
    void aDocumentThatIsNotACdaIsReported() {
        ValidationReport report = SharedValidator.get().validate("<html/>".getBytes(StandardCharsets.UTF_8));
        assertThat(report.findings()).singleElement().satisfies(f -> assertThat(f.id()).isEqualTo("CDA-504"));
    }

    @Test
    void aDocumentOverTheSizeLimitIsRefused() {
        CrBioValidator small = CrBioValidator.using(ConformancePackage.at(SharedValidator.material()), 1000);
        ValidationReport report = small.validate(SharedValidator.example(TSH_1));
        assertThat(report.findings()).singleElement().satisfies(f -> assertThat(f.id()).isEqualTo("CDA-506"));
    }

    @Test
    void jsonHasTheCommandShape() {
        ValidationReport report = SharedValidator.get().validate(SharedValidator.example(TSH_1));
        String json = report.toJson();
        assertThat(json).startsWith("{\"valid\":true,\"kind\":\"N3\",\"volet\":\"BIO-CR-BIO_2024.01\",\"findings\":[");
        ValidationReport bad = SharedValidator.get().validate("<a>\"x\"</b>".getBytes(StandardCharsets.UTF_8));
        assertThat(bad.toJson()).startsWith("{\"valid\":false,\"kind\":null,\"volet\":null,\"findings\":[{\"severity\":\"error\","
                + "\"source\":\"xml\",\"id\":\"CDA-503\",\"message\":");
    }

    @Test
    void concurrentValidationsGiveTheSameFindings() throws Exception {
        CrBioValidator validator = SharedValidator.get();
        Path doc = SharedValidator.example("BIO-CR-BIO_2023.01_Electrophorese.xml");
        ValidationReport reference = validator.validate(doc);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<ValidationReport>> futures = Stream.generate(() -> pool.submit(() -> validator.validate(doc)))
                    .limit(8).toList();
            for (Future<ValidationReport> f : futures) {
                assertThat(f.get().findings()).isEqualTo(reference.findings());
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void theResultCarriesStableCodes() throws IOException {
        String xml = Files.readString(SharedValidator.example(TSH_1), StandardCharsets.UTF_8)
                .replaceFirst("<value xsi:type=\"PQ\" value=\"1.950\"", "<value xsi:type=\"PQ\" value=\"abc\"");
        var result = SharedValidator.get().validate(xml.getBytes(StandardCharsets.UTF_8)).toValidationResult();
        assertThat(result.isValid()).isFalse();
        assertThat(result.has(CdaValidationError.XSD_FINDING)).isTrue();
    }

    @Test
    void anIncompletePackageIsRefused(@TempDir Path dir) {
        assertThatThrownBy(() -> ConformancePackage.at(dir))
                .isInstanceOf(CdaValidationException.class)
                .hasMessageContaining("CDA-501")
                .hasMessageContaining("CDA_extended.xsd");
    }

    @Test
    void severityComesFromTheRoleOrFlag() {
        assertThat(SchematronEngine.severityOf("warning")).isEqualTo(Severity.WARNING);
        assertThat(SchematronEngine.severityOf("Info")).isEqualTo(Severity.INFO);
        assertThat(SchematronEngine.severityOf("error")).isEqualTo(Severity.ERROR);
        assertThat(SchematronEngine.severityOf("fatal")).isEqualTo(Severity.ERROR);
        assertThat(SchematronEngine.severityOf(null)).isEqualTo(Severity.ERROR);
    }
}
