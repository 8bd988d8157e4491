package fr.segurbio.loinc.fuzz;

import fr.segurbio.core.fuzz.FuzzProperty;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import com.code_intelligence.jazzer.junit.FuzzTest;

import fr.segurbio.loinc.LoincCode;
import fr.segurbio.loinc.LoincException;
import fr.segurbio.loinc.ValueSet;
import fr.segurbio.loinc.ValueSets;
import fr.segurbio.loinc.catalog.Catalogue;
import fr.segurbio.loinc.io.CatalogueCsv;
import fr.segurbio.loinc.io.CatalogueFhir;
import fr.segurbio.loinc.io.CsvOptions;
import fr.segurbio.loinc.io.ImportResult;

/**
 * Fuzz targets of loinc-catalog's readers of outside input: {@link LoincCode}, the catalogue CSV import, the FHIR
 * CodeSystem + ConceptMap import and the value set readers (SVS XML and FHIR ValueSet JSON, through
 * {@link ValueSets#load}). A result or a {@link LoincException} with its code, never another exception; a catalogue
 * imported is exported (CSV, FHIR) and imported again to the same catalogue. Seeds: {@code LoincFuzzTestInputs/<method>},
 * the examples' {@code catalogue-labo.csv} and the ANS value sets of {@code ../shared/conformance/cda/jeuxDeValeurs}.
 */
class LoincFuzzTest {

    private static final Path CATALOGUE_CSV =
            Path.of("..", "examples", "src", "main", "resources", "fr", "segurbio", "examples", "catalogue-labo.csv");

    @FuzzTest(maxDuration = "2m")
    void loincCode(byte[] input) {
        String text = new String(input, StandardCharsets.UTF_8);
        boolean valid = LoincCode.isValid(text);
        Optional<LoincCode> parsed = LoincCode.tryParse(text);
        assertThat(parsed.isPresent()).as("isValid and tryParse agree on %s", text).isEqualTo(valid);
        assertThat(LoincCode.check(text).isValid()).as("check and isValid agree on %s", text).isEqualTo(valid);
        FuzzProperty.check(LoincException.class, input.length, () -> LoincCode.parse(text)).ifPresent(code -> {
            assertThat(valid).isTrue();
            assertThat(LoincCode.parse(code.value())).isEqualTo(code);
            assertThat(LoincCode.of(code.number())).isEqualTo(code);
        });
    }

    @FuzzTest(maxDuration = "2m")
    void catalogueCsv(byte[] input) {
        FuzzProperty.check(LoincException.class, input.length,
                () -> CatalogueCsv.read(input, "fuzz.csv", CsvOptions.defaults(), null)).ifPresent(result -> {
                    Catalogue read = result.catalogue();
                    byte[] written = CatalogueCsv.toBytes(read, CsvOptions.defaults());
                    ImportResult again = CatalogueCsv.read(written, "again.csv", CsvOptions.defaults(), null);
                    assertThat(again.rejected()).as("lines refused when read again").isEmpty();
                    assertThat(again.catalogue().exams()).as("catalogue imported, exported, imported again")
                            .isEqualTo(read.exams());
                });
    }

    @Test
    void theExamplesCatalogueIsASeed() throws IOException {
        byte[] csv = Files.readAllBytes(CATALOGUE_CSV);
        catalogueCsv(csv);
        Catalogue catalogue = CatalogueCsv.read(csv, "catalogue-labo.csv", CsvOptions.defaults(), null).catalogue();
        byte[] fhir = (CatalogueFhir.codeSystem(catalogue) + "\u0000" + CatalogueFhir.conceptMap(catalogue))
                .getBytes(StandardCharsets.UTF_8);
        catalogueFhir(fhir);
    }

    /** The input is the CodeSystem, then (after a NUL character) the ConceptMap. */
    @FuzzTest(maxDuration = "2m")
    void catalogueFhir(byte[] input) {
        int nul = 0;
        while (nul < input.length && input[nul] != 0) {
            nul++;
        }
        String codeSystem = new String(input, 0, nul, StandardCharsets.UTF_8);
        String conceptMap = nul >= input.length ? null
                : new String(Arrays.copyOfRange(input, nul + 1, input.length), StandardCharsets.UTF_8);
        FuzzProperty.check(LoincException.class, input.length, () -> CatalogueFhir.read(codeSystem, conceptMap, null))
                .ifPresent(result -> {
                    Catalogue read = result.catalogue();
                    ImportResult again = CatalogueFhir.read(CatalogueFhir.codeSystem(read),
                            CatalogueFhir.conceptMap(read), null);
                    assertThat(again.rejected()).as("concepts refused when read again").isEmpty();
                    assertThat(again.catalogue().exams()).as("catalogue imported, exported, imported again")
                            .isEqualTo(read.exams());
                });
        if (conceptMap != null) {
            FuzzProperty.check(LoincException.class, input.length,
                    () -> CatalogueFhir.readConceptMap(conceptMap, Catalogue.builder().build()));
        }
    }

    @FuzzTest(maxDuration = "2m")
    void valueSet(byte[] input) {
        FuzzProperty.check(LoincException.class, input.length,
                () -> ValueSets.load(new ByteArrayInputStream(input), "fuzz")).ifPresent(vs -> {
                    ValueSet checked = vs;
                    assertThat(checked).isNotNull();
                });
    }

    @TestFactory
    Stream<DynamicTest> ansValueSetsAsSeeds() {
        List<Path> seeds = FuzzProperty.sharedSeeds("cda/jeuxDeValeurs", "*.xml", 16 * 1024);
        assumeTrue(!seeds.isEmpty(), FuzzProperty.missing("cda/jeuxDeValeurs"));
        return seeds.stream().map(p -> DynamicTest.dynamicTest(p.getFileName().toString(),
                () -> valueSet(Files.readAllBytes(p))));
    }
}
