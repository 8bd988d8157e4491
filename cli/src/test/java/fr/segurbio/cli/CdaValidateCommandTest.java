package fr.segurbio.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.io.BufferedOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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
        List<String> lines = out.toString().lines().toList();
        assertThat(lines).hasSize(2);
        JsonNode json = new ObjectMapper().readTree(lines.get(0));
        assertThat(json.get("file").asText()).endsWith("BIO-CR-BIO_2024.01_TSH_1.xml");
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
        assertThat(out.toString()).startsWith("INVALID").contains("CDA-503")
                .contains("1 document(s): 0 valid, 1 invalid");
    }

    @Test
    void aDirectoryIsValidatedInOneRunAsJsonLinesWithItsNonXmlFilesSkipped(@TempDir Path dir) throws IOException {
        Path cda = cda();
        Path batch = Files.createDirectories(dir.resolve("batch/sub"));
        Files.copy(cda.resolve("ExemplesCDA/BIO-CR-BIO_2024.01_TSH_1.xml"), dir.resolve("batch/tsh.xml"));
        Files.copy(cda.resolve("ExemplesCDA/BIO-CR-BIO_2023.01_Electrophorese.xml"), batch.resolve("ep.xml"));
        Files.writeString(dir.resolve("batch/readme.txt"), "not a CDA");
        Files.write(dir.resolve("batch/logo.png"), new byte[] {(byte) 0x89, 'P', 'N', 'G', 0, 1, 2});
        Files.write(dir.resolve("batch/binary.xml"), new byte[] {(byte) 0x89, 'P', 'N', 'G', 0, 1, 2});
        int exit = run("cda", "validate", dir.resolve("batch").toString(), "--conformance", cda.toString(), "--json",
                "--no-cache", "--threads", "2");
        assertThat(exit).as(err.toString()).isEqualTo(ExitCode.INVALID);
        ObjectMapper mapper = new ObjectMapper();
        Map<String, JsonNode> byFile = new HashMap<>();
        JsonNode summary = null;
        for (String line : out.toString().lines().toList()) {
            JsonNode node = mapper.readTree(line);
            if (node.has("summary")) {
                summary = node.get("summary");
            } else {
                byFile.put(Path.of(node.get("file").asText()).getFileName().toString(), node);
            }
        }
        assertThat(byFile).containsOnlyKeys("tsh.xml", "ep.xml", "readme.txt", "logo.png", "binary.xml");
        assertThat(byFile.get("tsh.xml").get("valid").asBoolean()).isTrue();
        assertThat(byFile.get("ep.xml").get("volet").asText()).isEqualTo("BIO-CR-BIO_2023.01");
        assertThat(byFile.get("ep.xml").get("valid").asBoolean()).isTrue();
        assertThat(byFile.get("readme.txt").get("skipped").asText()).contains("not an .xml file");
        assertThat(byFile.get("logo.png").get("skipped").asText()).contains("not an .xml file");
        assertThat(byFile.get("binary.xml").get("valid").asBoolean()).isFalse();
        assertThat(byFile.get("binary.xml").get("findings").get(0).get("id").asText()).isEqualTo("CDA-503");
        assertThat(summary).isNotNull();
        assertThat(summary.get("documents").asInt()).isEqualTo(3);
        assertThat(summary.get("valid").asInt()).isEqualTo(2);
        assertThat(summary.get("invalid").asInt()).isEqualTo(1);
        assertThat(summary.get("skipped").asInt()).isEqualTo(2);
    }

    @Test
    void failFastStopsAtTheFirstInvalidDocument(@TempDir Path dir) throws IOException {
        Path cda = cda();
        Files.writeString(dir.resolve("a-broken.xml"), "<ClinicalDocument");
        for (int i = 0; i < 3; i++) {
            Files.copy(cda.resolve("ExemplesCDA/BIO-CR-BIO_2024.01_TSH_1.xml"), dir.resolve("b-" + i + ".xml"));
        }
        int exit = run("cda", "validate", dir.toString(), "--conformance", cda.toString(), "--fail-fast",
                "--threads", "1", "--no-cache");
        assertThat(exit).isEqualTo(ExitCode.INVALID);
        assertThat(out.toString()).contains("INVALID: ").contains("a-broken.xml")
                .contains("1 document(s): 0 valid, 1 invalid, 0 skipped (not .xml), 3 not validated (--fail-fast)");
    }

    @Test
    void aSixtyMegabyteDocumentInABatchIsRefusedClearlyWhileTheOthersAreValidated(@TempDir Path dir)
            throws IOException {
        Path cda = cda();
        Files.copy(cda.resolve("ExemplesCDA/BIO-CR-BIO_2024.01_TSH_1.xml"), dir.resolve("small.xml"));
        Path big = dir.resolve("big.xml");
        try (OutputStream o = new BufferedOutputStream(Files.newOutputStream(big))) {
            o.write("<ClinicalDocument xmlns=\"urn:hl7-org:v3\"><!--".getBytes(StandardCharsets.US_ASCII));
            byte[] filler = "0123456789abcdef".repeat(64).getBytes(StandardCharsets.US_ASCII);
            for (long written = 0; written < 60L * 1024 * 1024; written += filler.length) {
                o.write(filler);
            }
            o.write("--></ClinicalDocument>".getBytes(StandardCharsets.US_ASCII));
        }
        int exit = run("cda", "validate", dir.toString(), "--conformance", cda.toString(), "--json", "--no-cache",
                "--memory-budget", "256");
        assertThat(exit).isEqualTo(ExitCode.INVALID);
        ObjectMapper mapper = new ObjectMapper();
        Map<String, JsonNode> byFile = new HashMap<>();
        for (String line : out.toString().lines().toList()) {
            JsonNode node = mapper.readTree(line);
            if (node.has("file")) {
                byFile.put(Path.of(node.get("file").asText()).getFileName().toString(), node);
            }
        }
        assertThat(byFile.get("small.xml").get("valid").asBoolean()).isTrue();
        JsonNode refused = byFile.get("big.xml").get("findings").get(0);
        assertThat(refused.get("id").asText()).isEqualTo("CDA-515");
        assertThat(refused.get("message").asText()).contains("memory allowed to the batch");
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
