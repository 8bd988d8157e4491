package fr.segurbio.cda.html;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Opens CR-BIO documents in Debian's headless Chromium the way a reader does: the XML document, whose
 * {@code xml-stylesheet} processing instruction names {@code crbio.xsl} published beside it, is loaded by the
 * browser, which runs the stylesheet itself (XSLT 1.0, libxslt). Chromium refuses XSLT on {@code file://} URLs
 * (each file is its own origin), so both files are served by a small HTTP server on 127.0.0.1, as a lab's web
 * server would. The test checks the rendered DOM (the INS and every result value are there) and keeps a
 * screenshot of each page under {@code <build dir>/chromium/} for review; the same document rendered by Saxon
 * (server side) is checked and kept too ({@code *.saxon.png}: without Chromium's XSLT deprecation banner).
 *
 * <p>Chromium is installed by {@code src/test/scripts/ensure-chromium.sh} when missing (as root, with apt-get).
 * Chromium is started with a fresh profile folder for each page and no network access beyond the loopback site.
 */
class CrBioStylesheetChromiumIT {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final String PRIMARY = "#00594f";
    private static Path site;
    private static Path artifacts;
    private static LoopbackSite server;
    private static CrBioStylesheet sheet;

    @BeforeAll
    static void startServer() throws Exception {
        ensureChromium();
        Path build = Path.of(CrBioStylesheetChromiumIT.class.getProtectionDomain().getCodeSource().getLocation().toURI())
                .getParent();
        artifacts = Files.createDirectories(build.resolve("chromium"));
        site = Files.createDirectories(artifacts.resolve("site"));
        sheet = CrBioStylesheet.create(HtmlStyle.builder().primaryColor(PRIMARY).accentColor("#e3f1ee")
                .footerText("Laboratoire des Tilleuls — résultats consultables 7j/7").build());
        sheet.publish(site);
        server = new LoopbackSite(site);
    }

    @AfterAll
    static void stopServer() throws IOException {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void theWritersDocumentPresentsItselfInChromium() throws Exception {
        byte[] cda = WriterDocuments.qualified();
        assertThat(new String(cda, StandardCharsets.UTF_8)).contains("href=\"" + CrBioStylesheet.FILE_NAME + "\"");
        checkInBrowser("sdk-writer-n3", cda);
    }

    @Test
    void anAns2024ExamplePresentsItselfInChromium() throws Exception {
        checkInBrowser("ans-2024.01-tsh", withOurStylesheet(CrBioStylesheetTest.example("BIO-CR-BIO_2024.01_TSH_1.xml")));
    }

    @Test
    void anAns2023ExamplePresentsItselfInChromium() throws Exception {
        checkInBrowser("ans-2023.01-electrophorese",
                withOurStylesheet(CrBioStylesheetTest.example("BIO-CR-BIO_2023.01_Electrophorese.xml")));
    }

    @Test
    void anAns2021ExamplePresentsItselfInChromium() throws Exception {
        checkInBrowser("ans-2021.01-microbiologie",
                withOurStylesheet(CrBioStylesheetTest.example("BIO-CR-BIO_2021.01_Microbiologie_V1.xml")));
    }

    /**
     * Opens the document twice: as XML transformed by Chromium itself with the published stylesheet, and as the
     * HTML page Saxon renders server-side ({@code .saxon} artifacts); both must show the INS and every value.
     */
    private static void checkInBrowser(String name, byte[] cda) throws Exception {
        Files.write(site.resolve(name + ".xml"), cda);
        CdaResults expected = new CdaResults(cda);
        checkPage(name, server.url(name + ".xml"), expected);
        Files.writeString(site.resolve(name + ".saxon.html"), sheet.toHtml(cda));
        checkPage(name + ".saxon", server.url(name + ".saxon.html"), expected);
    }

    private static void checkPage(String name, String url, CdaResults expected) throws Exception {
        // one browser start per page: the DOM on standard output and the screenshot of that same page load
        Path png = artifacts.resolve(name + ".png");
        Files.deleteIfExists(png);
        String dom = chromium(url, "--dump-dom", "--screenshot=" + png, "--window-size=1280,2400",
                "--hide-scrollbars");
        Files.writeString(artifacts.resolve(name + ".dom.html"), dom);
        assertThat(dom).as("Chromium ran the stylesheet").contains("<main class=\"report\">")
                .doesNotContainIgnoringCase("<ClinicalDocument");
        assertThat(dom).contains("id=\"patient-ins\">" + expected.ins() + "<");
        String text = HtmlText.visible(dom);
        assertThat(expected.values()).isNotEmpty();
        assertThat(text).contains(expected.values()).contains("Identité qualifiée");

        assertThat(png).exists();
        BufferedImage image = ImageIO.read(png.toFile());
        assertThat(image.getWidth()).isEqualTo(1280);
        assertThat(pixelsOf(image, Integer.parseInt(PRIMARY.substring(1), 16)))
                .as("the lab's colour is on the page (titles, table headers)").isGreaterThan(2000);
    }

    /** The ANS example with its xml-stylesheet instruction pointing at our stylesheet. */
    private static byte[] withOurStylesheet(byte[] example) {
        String xml = new String(example, StandardCharsets.UTF_8);
        String pi = "<?xml-stylesheet type=\"text/xsl\" href=\"" + CrBioStylesheet.FILE_NAME + "\"?>";
        String replaced = xml.replaceFirst("<\\?xml-stylesheet[^?]*\\?>", pi);
        if (replaced.equals(xml)) {
            replaced = xml.replaceFirst("\\?>", "?>" + pi);
        }
        return replaced.getBytes(StandardCharsets.UTF_8);
    }

    private static String chromium(String url, String... mode) throws Exception {
        Path profile = Files.createTempDirectory("segur-chromium-");
        try {
            List<String> command = new ArrayList<>(List.of(CHROMIUM.toString(), "--headless", "--no-sandbox",
                    "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                    "--disable-component-update", "--disable-sync", "--user-data-dir=" + profile));
            command.addAll(List.of(mode));
            command.add(url);
            Process p = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            Thread reader = new Thread(() -> {
                try (InputStream in = p.getInputStream()) {
                    in.transferTo(out);
                } catch (IOException e) {
                    // the process ended
                }
            });
            reader.start();
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError("Chromium did not finish within 120 s: " + command);
            }
            reader.join(5000);
            assertThat(p.exitValue()).as("Chromium exit code").isZero();
            return out.toString(StandardCharsets.UTF_8);
        } finally {
            try (Stream<Path> files = Files.walk(profile)) {
                files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            }
        }
    }

    private static int pixelsOf(BufferedImage image, int rgb) {
        int n = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                if ((image.getRGB(x, y) & 0xFFFFFF) == rgb) {
                    n++;
                }
            }
        }
        return n;
    }

    private static void ensureChromium() throws Exception {
        if (Files.isExecutable(CHROMIUM)) {
            return;
        }
        Path script = Path.of("src/test/scripts/ensure-chromium.sh").toAbsolutePath();
        assumeTrue(Files.isRegularFile(script), "Skipped: " + script + " not found (run from the cda-bio folder)");
        Process p = new ProcessBuilder("sh", script.toString()).inheritIO().start();
        boolean done = p.waitFor(15, TimeUnit.MINUTES);
        assumeTrue(done && p.exitValue() == 0 && Files.isExecutable(CHROMIUM),
                "Skipped: Debian's chromium is not installed and could not be installed by " + script);
    }
}
