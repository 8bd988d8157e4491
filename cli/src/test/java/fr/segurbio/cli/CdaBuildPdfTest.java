package fr.segurbio.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** {@code segur cda build} renders the PDF/A copy itself when none is given, and puts the same PDF everywhere. */
class CdaBuildPdfTest {

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

    private Path reportWithoutPdf() throws Exception {
        ObjectNode root = (ObjectNode) JSON.readTree(Files.readAllBytes(SAMPLE));
        root.remove("pdf");
        root.remove("secondLineResults");
        Path file = dir.resolve("no-pdf.json");
        Files.write(file, JSON.writeValueAsBytes(root));
        return file;
    }

    @Test
    void buildRendersThePdfAndPutsTheSameBytesInTheFileTheN3AndTheN1() throws Exception {
        Path out1 = dir.resolve("out");
        assertThat(run("cda", "build", reportWithoutPdf().toString(), "--out", out1.toString(), "--json"))
                .as(err.toString()).isEqualTo(ExitCode.OK);
        JsonNode r = JSON.readTree(out.toString());
        assertThat(r.at("/pdf/source").asText()).isEqualTo("rendered");
        Path pdf = out1.resolve("sample-report.pdf");
        byte[] bytes = Files.readAllBytes(pdf);
        assertThat(r.at("/pdf/size").asLong()).isEqualTo(bytes.length);
        assertThat(new String(bytes, 0, 8, StandardCharsets.ISO_8859_1)).isEqualTo("%PDF-1.4");
        assertThat(new String(bytes, StandardCharsets.ISO_8859_1)).contains("pdfaid:part>1<", "pdfaid:conformance>B<");
        String b64 = Base64.getEncoder().encodeToString(bytes);
        String n3 = Files.readString(out1.resolve("sample-report-N3.xml"));
        String n1 = Files.readString(out1.resolve("sample-report-N1.xml"));
        assertThat(n3.replaceAll("\\s+", "")).contains(b64);
        assertThat(n1.replaceAll("\\s+", "")).contains(b64);
    }

    @Test
    void aGivenPdfIsWrittenAsIsAndAMissingLogoIsOnlyAWarning() throws Exception {
        Path given = GIVEN_PDF;
        assertThat(run("cda", "build", reportWithoutPdf().toString(), "--out", dir.resolve("a").toString(),
                "--pdf", given.toString())).isEqualTo(ExitCode.OK);
        assertThat(Files.readAllBytes(dir.resolve("a").resolve("sample-report.pdf"))).isEqualTo(Files.readAllBytes(given));
        assertThat(out.toString()).contains("from --pdf");

        assertThat(run("cda", "build", reportWithoutPdf().toString(), "--out", dir.resolve("b").toString(),
                "--logo", dir.resolve("absent.png").toString())).isEqualTo(ExitCode.OK);
        assertThat(out.toString()).contains("CDA-702").contains("PDF/A-1b rendered by the SDK");
        assertThat(dir.resolve("b").resolve("sample-report.pdf")).exists();
    }
}
