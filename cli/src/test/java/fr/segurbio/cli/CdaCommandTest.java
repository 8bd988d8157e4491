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
import com.fasterxml.jackson.databind.node.ObjectNode;

class CdaCommandTest {

    static final Path SAMPLE = Path.of("..", "examples", "sample-report.json");

    /** A PDF the caller gives instead of the SDK's rendering (a small hand-written one, not PDF/A). */

    private static final Path GIVEN_PDF = Path.of("src/test/resources/given-copy.pdf").toAbsolutePath();
    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        return Segur.run(new PrintWriter(out), new PrintWriter(err), args);
    }

    @Test
    void buildWritesTheN3AndTheN1OfTheSampleReport() throws Exception {
        assertThat(run("cda", "build", SAMPLE.toString(), "--out", dir.toString())).isEqualTo(ExitCode.OK);
        Path n3 = dir.resolve("sample-report-N3.xml");
        Path n1 = dir.resolve("sample-report-N1.xml");
        assertThat(n3).exists();
        assertThat(n1).exists();
        String n3Text = Files.readString(n3, StandardCharsets.UTF_8);
        assertThat(n3Text).contains("<?xml-stylesheet type=\"text/xsl\" href=\"crbio.xsl\"?>")
                .contains("extension=\"2024.01\"").contains("1.2.250.1.213.1.1.2.243");
        assertThat(Files.readString(n1, StandardCharsets.UTF_8)).contains("nonXMLBody")
                .doesNotContain("1.2.250.1.213.1.1.1.55");
        assertThat(out.toString()).contains("N3: ").contains("N1: ").contains("XSL: ");
        // the stylesheet the N3 names is published beside it, so that the N3 shows itself in a browser
        assertThat(Files.readString(dir.resolve("crbio.xsl"), StandardCharsets.UTF_8)).contains("<xsl:stylesheet")
                .contains("version=\"1.0\"");
    }

    @Test
    void buildPrintsTheXdsMetadataAsJson() throws Exception {
        assertThat(run("cda", "build", SAMPLE.toString(), "--out", dir.toString(), "--json")).isEqualTo(ExitCode.OK);
        JsonNode r = JSON.readTree(out.toString());
        assertThat(r.at("/n3/xds/formatCode/code").asText()).isEqualTo("urn:ihe:lab:xd-lab:2008");
        assertThat(r.at("/n1/xds/formatCode/code").asText()).isEqualTo("urn:ihe:iti:xds-sd:pdf:2008");
        assertThat(r.at("/n3/xds/size").asLong()).isEqualTo(Files.size(dir.resolve("sample-report-N3.xml")));
        assertThat(r.at("/n3/xds/patientId").asText()).startsWith("279035121518989^^^&1.2.250.1.213.1.4.10");
        assertThat(r.at("/n3/xds/sourcePatientInfo/0").asText()).startsWith("PID-3|279035121518989^^^&");
        assertThat(r.at("/n3/xds/authors/0/person").asText()).endsWith("&1.2.250.1.71.4.2.1&ISO^D^^^IDNPS");
        assertThat(r.at("/n3/xds/intendedRecipients")).hasSize(2);
        assertThat(r.get("notices")).isEmpty();
    }

    @Test
    void anInvalidReportExitsWithOneAndEveryProblem() throws Exception {
        ObjectNode root = (ObjectNode) JSON.readTree(Files.readAllBytes(SAMPLE));
        root.remove("legalAuthenticator");
        root.put("pdf", GIVEN_PDF.toString());
        root.remove("secondLineResults");
        Path bad = dir.resolve("bad.json");
        Files.write(bad, JSON.writeValueAsBytes(root));
        assertThat(run("cda", "build", bad.toString(), "--out", dir.resolve("o").toString(), "--json"))
                .isEqualTo(ExitCode.INVALID);
        JsonNode r = JSON.readTree(out.toString());
        assertThat(r.get("problems").findValuesAsText("code")).contains("CDA-003");
        assertThat(dir.resolve("o")).doesNotExist();
    }

    @Test
    void aNonQualifiedInsIsWrittenWithTheLocalIdentifierAndSaidSo() throws Exception {
        ObjectNode root = (ObjectNode) JSON.readTree(Files.readAllBytes(SAMPLE));
        ((ObjectNode) root.get("patient")).put("insQualified", false);
        root.put("pdf", GIVEN_PDF.toString());
        root.remove("secondLineResults");
        Path file = dir.resolve("local.json");
        Files.write(file, JSON.writeValueAsBytes(root));
        assertThat(run("cda", "build", file.toString(), "--out", dir.toString())).isEqualTo(ExitCode.OK);
        assertThat(out.toString()).contains("CDA-004").contains("identifiant local");
        assertThat(Files.readString(dir.resolve("sample-report-N3.xml"))).doesNotContain("279035121518989");
    }

    @Test
    void aMissingFileIsAnIoError() {
        assertThat(run("cda", "build", dir.resolve("none.json").toString(), "--out", dir.toString()))
                .isEqualTo(ExitCode.IO_ERROR);
    }
}
