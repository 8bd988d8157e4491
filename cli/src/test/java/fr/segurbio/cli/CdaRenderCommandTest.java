package fr.segurbio.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import fr.segurbio.testkit.ConformanceMaterial;

class CdaRenderCommandTest {

    private static final String TSH = "conformance/cda/ExemplesCDA/BIO-CR-BIO_2024.01_TSH_1.xml";

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @TempDir
    Path dir;

    private int run(String... args) {
        return Segur.run(new PrintWriter(out), new PrintWriter(err), args);
    }

    private static Path tsh() {
        Optional<Path> file = ConformanceMaterial.find(TSH);
        assumeTrue(file.isPresent(), ConformanceMaterial.missing(TSH));
        return file.get();
    }

    @Test
    void rendersAnAnsExampleToHtmlWithTheLabsLookAndPublishesTheStylesheet() throws IOException {
        Path html = dir.resolve("cr.html");
        int exit = run("cda", "render", tsh().toString(), "--out", html.toString(), "--primary-color", "#00594F",
                "--footer", "Laboratoire des charmes", "--write-xsl", dir.resolve("site").toString());
        assertThat(exit).as(err.toString()).isEqualTo(ExitCode.OK);
        assertThat(Files.readString(html)).contains("279035121518989", "7,67", "--primary:#00594f",
                "Laboratoire des charmes");
        assertThat(dir.resolve("site/crbio.xsl")).content(StandardCharsets.UTF_8)
                .contains("<xsl:param name=\"primary-color\" select=\"'#00594f'\"/>");
        assertThat(out.toString()).contains("HTML: " + html).contains("href=\"crbio.xsl\"");
    }

    @Test
    void printsJsonWhenAsked() {
        Path html = dir.resolve("cr.html");
        assertThat(run("cda", "render", tsh().toString(), "--out", html.toString(), "--json")).isEqualTo(ExitCode.OK);
        assertThat(out.toString()).contains("\"format\" : \"html\"", "\"output\" : \"" + html + "\"");
    }

    @Test
    void aDocumentThatIsNotACdaIsInvalid() throws IOException {
        Path xml = Files.writeString(dir.resolve("x.xml"), "<note>pas un CDA</note>");
        assertThat(run("cda", "render", xml.toString(), "--out", dir.resolve("x.html").toString(), "--json"))
                .isEqualTo(ExitCode.INVALID);
        assertThat(out.toString()).contains("\"rendered\" : false", "CDA-802");
        Path doctype = Files.writeString(dir.resolve("d.xml"),
                "<!DOCTYPE a [<!ENTITY e SYSTEM \"file:///etc/passwd\">]><a>&e;</a>");
        assertThat(run("cda", "render", doctype.toString(), "--out", dir.resolve("d.html").toString()))
                .isEqualTo(ExitCode.INVALID);
        assertThat(err.toString()).contains("CDA-801");
        assertThat(dir.resolve("d.html")).doesNotExist();
    }

    @Test
    void rendersAnAnsExampleToPdfAFromTheDocumentReadBack() throws IOException {
        Path pdf = dir.resolve("cr.pdf");
        assertThat(run("cda", "render", tsh().toString(), "--out", pdf.toString(), "--primary-color", "#00594F",
                "--json")).as(err.toString()).isEqualTo(ExitCode.OK);
        byte[] bytes = Files.readAllBytes(pdf);
        String raw = new String(bytes, StandardCharsets.ISO_8859_1);
        assertThat(raw).startsWith("%PDF-1.4").contains("pdfaid:part>1<", "pdfaid:conformance>B<");
        assertThat(out.toString()).contains("\"format\" : \"pdf\"", "\"bytes\" : " + bytes.length);
        try (var doc = org.apache.pdfbox.Loader.loadPDF(bytes)) {
            String text = new org.apache.pdfbox.text.PDFTextStripper().getText(doc);
            // the TSH example's patient and result, as the reader took them from the N3
            assertThat(text).contains("7,67");
        }
    }

    @Test
    void thePdfRouteRefusesHtmlOnlyOptionsAndAnN1() throws IOException {
        assertThat(run("cda", "render", tsh().toString(), "--out", dir.resolve("a.pdf").toString(), "--write-xsl",
                dir.toString())).isEqualTo(ExitCode.USAGE);
        Path n1 = ConformanceMaterial.find("conformance/cda/ExemplesCDA/DOC_NON_STRUCTURE_CDA-R2-N1.xml")
                .orElseThrow();
        assertThat(run("cda", "render", n1.toString(), "--out", dir.resolve("b.pdf").toString()))
                .isEqualTo(ExitCode.INVALID);
        assertThat(err.toString()).contains("CDA-601");
        assertThat(dir.resolve("b.pdf")).doesNotExist();
    }

    @Test
    void badOptionsAreUsageErrors() {
        String in = tsh().toString();
        assertThat(run("cda", "render", in, "--out", dir.resolve("x.html").toString(), "--primary-color", "red;"))
                .isEqualTo(ExitCode.USAGE);
        assertThat(err.toString()).contains("CDA-804");
        assertThat(run("cda", "render", in, "--out", dir.resolve("x.docx").toString())).isEqualTo(ExitCode.USAGE);
        assertThat(err.toString()).contains(".html or a .pdf");
        assertThat(run("cda", "render", in)).isEqualTo(ExitCode.USAGE);
    }

    @Test
    void missingFilesAreIoErrors() {
        assertThat(run("cda", "render", dir.resolve("absent.xml").toString(), "--out", dir.resolve("x.html").toString()))
                .isEqualTo(ExitCode.IO_ERROR);
        assertThat(err.toString()).contains("absent.xml");
        assertThat(run("cda", "render", tsh().toString(), "--out", dir.resolve("y.html").toString(), "--logo",
                dir.resolve("logo.png").toString())).isEqualTo(ExitCode.IO_ERROR);
        assertThat(err.toString()).contains("CDA-803");
    }
}
