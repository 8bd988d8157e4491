package fr.segurbio.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import fr.segurbio.testkit.ConformanceMaterial;

class CdaValidateCommandTest {

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        return Segur.run(new PrintWriter(out), new PrintWriter(err), args);
    }

    private static Path cda() {
        Optional<Path> dir = ConformanceMaterial.find("conformance/cda");
        assumeTrue(dir.isPresent(), ConformanceMaterial.missing("conformance/cda"));
        return dir.get();
    }

    @Test
    void validateAnAnsExamplePrintsValidJsonAndExitsZero() throws IOException {
        Path cda = cda();
        int exit = run("cda", "validate", cda.resolve("ExemplesCDA/BIO-CR-BIO_2024.01_TSH_1.xml").toString(),
                "--conformance", cda.toString(), "--json");
        assertThat(exit).as(err.toString()).isEqualTo(ExitCode.OK);
        JsonNode json = new ObjectMapper().readTree(out.toString());
        assertThat(json.get("valid").asBoolean()).isTrue();
        assertThat(json.get("kind").asText()).isEqualTo("N3");
        assertThat(json.get("volet").asText()).isEqualTo("BIO-CR-BIO_2024.01");
        assertThat(json.get("findings").isArray()).isTrue();
        for (JsonNode f : json.get("findings")) {
            assertThat(f.get("severity").asText()).isIn("error", "warning", "info");
            assertThat(f.has("source")).isTrue();
            assertThat(f.has("message")).isTrue();
            assertThat(f.has("location")).isTrue();
        }
    }

    @Test
    void aTruncatedFileExitsOneWithItsFinding(@TempDir Path dir) throws IOException {
        Path cda = cda();
        byte[] all = Files.readAllBytes(cda.resolve("ExemplesCDA/BIO-CR-BIO_2024.01_TSH_1.xml"));
        Path truncated = dir.resolve("truncated.xml");
        Files.write(truncated, Arrays.copyOf(all, 5000));
        int exit = run("cda", "validate", truncated.toString(), "--conformance", cda.toString());
        assertThat(exit).isEqualTo(ExitCode.INVALID);
        assertThat(out.toString()).startsWith("INVALID").contains("CDA-503");
    }

    @Test
    void aMissingConformancePackageIsAnIoError(@TempDir Path dir) throws IOException {
        Path doc = Files.writeString(dir.resolve("doc.xml"), "<ClinicalDocument xmlns=\"urn:hl7-org:v3\"/>");
        int exit = run("cda", "validate", doc.toString(), "--conformance", dir.resolve("nowhere").toString());
        assertThat(exit).isEqualTo(ExitCode.IO_ERROR);
        assertThat(err.toString()).contains("no conformance package");
    }

    @Test
    void anIncompleteConformancePackageIsAnIoError(@TempDir Path dir) throws IOException {
        Path doc = Files.writeString(dir.resolve("doc.xml"), "<ClinicalDocument xmlns=\"urn:hl7-org:v3\"/>");
        int exit = run("cda", "validate", doc.toString(), "--conformance", dir.toString());
        assertThat(exit).isEqualTo(ExitCode.IO_ERROR);
        assertThat(err.toString()).contains("CDA-501");
    }
}
