package fr.segurbio.cda.fuzz;

import fr.segurbio.core.fuzz.FuzzProperty;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

import com.code_intelligence.jazzer.junit.FuzzTest;

import fr.segurbio.cda.CdaException;
import fr.segurbio.cda.CrBioJson;
import fr.segurbio.cda.JsonReport;

/**
 * Fuzz target of the JSON report reader of {@code segur cda build} ({@link CrBioJson#read}): a report or a
 * {@link CdaException}; a report read is written and read again to the same JSON. Relative file names resolve
 * against an empty folder. Seeds: {@code CrBioJsonFuzzTestInputs/readJson} and {@code examples/sample-report.json}.
 */
class CrBioJsonFuzzTest {

    private static final Path BASE;

    static {
        try {
            BASE = Files.createTempDirectory("segur-fuzz-json");
            BASE.toFile().deleteOnExit();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @FuzzTest(maxDuration = "2m")
    void readJson(byte[] json) {
        check(json);
    }

    @Test
    void theSampleReportOfTheExamplesIsASeed() throws IOException {
        check(Files.readAllBytes(Path.of("..", "examples", "sample-report.json")));
    }

    static void check(byte[] json) {
        FuzzProperty.check(CdaException.class, json.length, () -> CrBioJson.read(new ByteArrayInputStream(json), BASE))
                .ifPresent(report -> {
                    String written = CrBioJson.write(report);
                    JsonReport again = CrBioJson.read(
                            new ByteArrayInputStream(written.getBytes(StandardCharsets.UTF_8)), BASE);
                    assertThat(CrBioJson.write(again)).as("report read, written, read again").isEqualTo(written);
                });
    }
}
