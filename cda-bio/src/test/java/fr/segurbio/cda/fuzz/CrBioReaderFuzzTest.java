package fr.segurbio.cda.fuzz;

import fr.segurbio.core.fuzz.FuzzProperty;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import com.code_intelligence.jazzer.junit.DictionaryFile;
import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import fr.segurbio.cda.CdaException;
import fr.segurbio.cda.CrBioJson;
import fr.segurbio.cda.CrBioReport;
import fr.segurbio.cda.CrBioWriter;
import fr.segurbio.cda.read.CrBioReader;
import fr.segurbio.cda.read.ReadDocument;

/**
 * Fuzz target of {@link CrBioReader} (strict and lenient) on N3 and N1 documents: a result or a {@link CdaException};
 * what the reader accepts, the writer writes back and the reader reads again to the same report.
 * Seeds: {@code CrBioReaderFuzzTestInputs/readCda} and the ANS examples of {@code ../shared/conformance/cda}.
 */
class CrBioReaderFuzzTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final CrBioReader STRICT = CrBioReader.create();
    private static final CrBioReader LENIENT = CrBioReader.lenient();
    /** A PDF stand-in for a document without its PDF copy (the writer embeds the bytes as they are). */
    private static final byte[] PDF = "%PDF-1.4\n%%EOF\n".getBytes(StandardCharsets.US_ASCII);

    @DictionaryFile(resourcePath = "/fr/segurbio/cda/fuzz/cda.dict")
    @FuzzTest(maxDuration = "2m")
    void readCda(byte[] xml) {
        check(xml);
    }

    @TestFactory
    Stream<DynamicTest> ansExamplesAsSeeds() {
        List<Path> seeds = FuzzProperty.sharedSeeds("cda/ExemplesCDA", "*.xml", 2L * 1024 * 1024);
        assumeTrue(!seeds.isEmpty(), FuzzProperty.missing("cda/ExemplesCDA"));
        return seeds.stream().map(p -> DynamicTest.dynamicTest(p.getFileName().toString(), () -> check(read(p))));
    }

    /**
     * The examples' sample report written as an N3: a whole document through the property. Its authenticators'
     * organizations have a practice setting, which the writer used to drop (read, write, read changed the report).
     */
    @Test
    void theSampleReportWrittenAsN3IsASeed() throws IOException {
        CrBioReport sample = CrBioJson.read(Path.of("..", "examples", "sample-report.json")).report();
        assertThat(sample.authenticators()).anySatisfy(a ->
                assertThat(a.professional().organization().flatMap(o -> Optional.ofNullable(o.practiceSetting())))
                        .isPresent());
        check(CrBioWriter.standard().n3(sample, PDF).document());
    }

    static void check(byte[] xml) {
        FuzzProperty.check(CdaException.class, xml.length, () -> STRICT.read(xml))
                .ifPresent(CrBioReaderFuzzTest::readWriteRead);
        FuzzProperty.check(CdaException.class, xml.length, () -> LENIENT.read(xml))
                .ifPresent(CrBioReaderFuzzTest::readWriteRead);
    }

    /** What was read is written as an N3 and read again: the same report. */
    private static void readWriteRead(ReadDocument doc) {
        byte[] pdf = doc.pdfCopy().orElse(PDF);
        byte[] written = CrBioWriter.standard().n3(doc.report(), pdf).document();
        ReadDocument again = STRICT.read(written);
        JsonNode before = json(CrBioJson.write(doc.report()));
        JsonNode after = json(CrBioJson.write(again.report()));
        List<String> differ = new ArrayList<>();
        before.fieldNames().forEachRemaining(k -> {
            if (!before.get(k).equals(after.get(k))) {
                differ.add(k + ": " + before.get(k) + " became " + after.get(k));
            }
        });
        after.fieldNames().forEachRemaining(k -> {
            if (!before.has(k)) {
                differ.add(k);
            }
        });
        assertThat(differ).as("parts of the report changed by read, write, read").isEmpty();
        if (doc.report().volet().hasPdfCopySection()) {
            assertThat(again.pdf()).isEqualTo(pdf);
        } else {
            // a 2021.01 document is re-written in its own volet, which has no PDF copy section
            assertThat(again.pdfCopy()).isEmpty();
        }
    }

    private static JsonNode json(String text) {
        try {
            return MAPPER.readTree(text);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    static byte[] read(Path p) {
        try {
            return Files.readAllBytes(p);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
