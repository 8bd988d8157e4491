package fr.segurbio.cda.pdf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;

import javax.imageio.ImageIO;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import fr.segurbio.cda.CdaException;
import fr.segurbio.cda.Comment;
import fr.segurbio.cda.CommentSection;
import fr.segurbio.cda.CrBioReport;
import fr.segurbio.cda.Observation;
import fr.segurbio.cda.Patient;
import fr.segurbio.ins.datamatrix.DecodedSymbol;
import fr.segurbio.ins.datamatrix.InsDatamatrix;
import fr.segurbio.core.Problem;

class CrBioPdfRendererTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-20T16:40:00Z"), ZoneId.of("Europe/Paris"));
    private static final CrBioPdfRenderer RENDERER = CrBioPdfRenderer.create(PdfRenderOptions.builder()
            .clock(CLOCK).creator("SGL de test 1.0").build());

    private static List<String> codes(PdfRendering r) {
        return r.warnings().stream().map(p -> p.code().id()).collect(Collectors.toList());
    }

    @Test
    void thirtyResultReportIsPdfA1bWithEveryValueUnitAndRange() throws IOException {
        CrBioReport report = PdfFixtures.thirty(true);
        PdfRendering r = RENDERER.renderWithWarnings(report);
        PdfOracles.keep(r.pdf(), "thirty-results.pdf");
        PdfOracles.assertPdfA1b(r.pdf());
        assertThat(codes(r)).doesNotContain("CDA-701", "CDA-702", "CDA-703");

        String text = PdfOracles.text(r.pdf()).replaceAll("[ \\t]*\\n[ \\t]*", "\n");
        String words = text.replaceAll("\\s+", " ");
        for (PdfFixtures.Expected e : PdfFixtures.results(30).expected) {
            assertThat(text).contains(e.label(), e.value(), e.unit(), e.range());
        }
        // The order a biologist expects: lab, patient, prescriber, recipients, specimen, results, comments, validation.
        assertThat(words).containsSubsequence("Laboratoire de biologie médicale des Charmes", "FINESS 120459876",
                "Tél. 01 74 58 96 07", "Patient(e) : DUPRÉ DOMINIQUE", "2 79 03 51 215 189 89", "qualifiée",
                "Prescripteur", "Pascal CHARLES",
                "Destinataires", "Stéphane MEDIONI", "(RPPS 10001234589) — Centre de soins le Belvédère, 3 rue Petit Pont",
                "Claire FONTAINE", "Prélèvement", "Sang total prélevé le 20/11/2026 à 07:35",
                "CHAPITRE 1 HÉMATOLOGIE", "Sous-chapitre 1.1", "Valeurs de référence", "Antériorités",
                "Laboratoire Spécialisé Cerba-Test", "Commentaire du biologiste",
                "Compte rendu validé par", "CAMPARINI");
        assertThat(words).contains("Examens réalisés par le laboratoire sous-traitant : Laboratoire Spécialisé Cerba-Test");
        assertThat(text).contains("≤ 10 %", "± 2 σ", "5 µmol/L", "×10^9/L");

        try (PDDocument doc = Loader.loadPDF(r.pdf())) {
            assertThat(doc.isEncrypted()).isFalse();
            assertThat(doc.getVersion()).isEqualTo(1.4f);
            assertThat(doc.getDocumentCatalog().getLanguage()).isEqualTo("fr-FR");
            assertThat(doc.getDocumentInformation().getTitle()).startsWith("Compte rendu d'examens biologiques — DUPRÉ");
            assertThat(doc.getDocumentInformation().getAuthor()).isEqualTo("Laboratoire de biologie médicale des Charmes");
            String xmp = new String(doc.getDocumentCatalog().getMetadata().toByteArray(), java.nio.charset.StandardCharsets.UTF_8);
            assertThat(xmp).contains("<pdfaid:part>1</pdfaid:part>", "<pdfaid:conformance>B</pdfaid:conformance>",
                    "<xmp:CreateDate>2026-11-20T17:40:00+01:00</xmp:CreateDate>", "SGL de test 1.0");
            assertThat(doc.getDocumentCatalog().getOutputIntents()).hasSize(1);
            for (PDPage page : doc.getPages()) {
                for (var name : page.getResources().getFontNames()) {
                    PDFont font = page.getResources().getFont(name);
                    assertThat(font.isEmbedded()).isTrue();
                    assertThat(font.getName()).matches("[A-Z]{6}\\+DejaVuSans(-Bold)?");
                }
            }
            BufferedImage png = new org.apache.pdfbox.rendering.PDFRenderer(doc).renderImageWithDPI(0, 110);
            assertThat(PdfOracles.keep(png, "thirty-results-page1.png")).exists();
        }
    }

    @Test
    void insDatamatrixReadsBackAt300And150DpiWithTheSameIdentity() throws IOException {
        byte[] pdf = RENDERER.render(PdfFixtures.thirty(true));
        for (int dpi : new int[] {300, 150}) {
            BufferedImage page = PdfOracles.page(pdf, 0, dpi);
            String payload = PdfOracles.readDatamatrix(page);
            assertThat(payload).as("Datamatrix read at %d dpi", dpi).isNotNull();
            assertIdentity(payload);
        }
    }

    /** ins-core reads the payload back: the identity is the patient's. */
    static void assertIdentity(String payload) {
        DecodedSymbol read = InsDatamatrix.parse(payload);
        assertThat(read.isValid()).as("payload %s: %s", payload, read.problems()).isTrue();
        Patient p = PdfFixtures.patient(true);
        assertThat(read.ins()).contains(p.shareableIns().orElseThrow());
        assertThat(read.birthName()).contains(p.birthFamilyName());
        assertThat(String.join(" ", read.firstNames())).isEqualTo(p.birthGivenNames().orElseThrow());
        assertThat(read.sex()).contains("F");
        assertThat(read.birthDate()).isEqualTo(p.birthDate());
        assertThat(read.birthPlace()).contains("51215");
    }

    @Test
    void datamatrixIsOnTheFirstPageNextToThePatientAtTheConfiguredModuleSize() throws IOException {
        byte[] pdf = RENDERER.render(PdfFixtures.thirty(true));
        BufferedImage page = PdfOracles.page(pdf, 0, 300);
        PdfOracles.Found found = PdfOracles.findDatamatrix(page);
        assertThat(found).isNotNull();
        // On page 1, in the patient block at the top right.
        assertThat(found.left()).isGreaterThan(page.getWidth() * 0.7f);
        assertThat(found.top()).isLessThan(page.getHeight() * 0.3f);
        // zxing's corner points span the symbol less about one module: 36×36 modules of 0.5 mm ≈ 17.5–18 mm.
        double widthMm = found.width() / 300.0 * 25.4;
        double heightMm = found.height() / 300.0 * 25.4;
        assertThat(widthMm).isBetween(16.5, 20.5);
        assertThat(heightMm).isCloseTo(widthMm, org.assertj.core.data.Offset.offset(1.0));
        // A larger module size gives a larger symbol; a smaller one is refused (see below).
        byte[] larger = CrBioPdfRenderer.create(PdfRenderOptions.builder().clock(CLOCK)
                .datamatrixModuleMillimetres(0.7).build()).render(PdfFixtures.thirty(true));
        PdfOracles.Found big = PdfOracles.findDatamatrix(PdfOracles.page(larger, 0, 300));
        assertThat(big).isNotNull();
        assertThat(big.width() / 300.0 * 25.4).isBetween(widthMm * 1.3, widthMm * 1.5);
    }

    @Test
    void nonQualifiedIdentityHasNoDatamatrixAndSaysSo() throws IOException {
        PdfRendering r = RENDERER.renderWithWarnings(PdfFixtures.thirty(false));
        PdfOracles.assertPdfA1b(r.pdf());
        assertThat(codes(r)).contains("CDA-703");
        String text = PdfOracles.text(r.pdf());
        assertThat(text).contains("INS non qualifié").doesNotContain("2 79 03 51 215 189 89");
        assertThat(PdfOracles.readDatamatrix(PdfOracles.page(r.pdf(), 0, 300))).isNull();
    }

    @Test
    void fiveHundredResultsPaginateWithRepeatedHeadersUnsplitRowsAndRunningFooter() throws IOException {
        PdfFixtures.Results results = PdfFixtures.results(500);
        CrBioReport report = PdfFixtures.report(PdfFixtures.patient(true), "Laboratoire des Charmes",
                results.observations).build();
        PdfRendering r = RENDERER.renderWithWarnings(report);
        PdfOracles.assertPdfA1b(r.pdf());
        List<String> pages = PdfOracles.pagesText(r.pdf());
        int n = pages.size();
        assertThat(n).isEqualTo(r.pageCount()).isGreaterThan(10);
        for (int i = 0; i < n; i++) {
            String page = pages.get(i).replaceAll("\\s+", " ");
            assertThat(page).as("page %d footer", i + 1)
                    .contains("DUPRÉ DOMINIQUE", (i + 1) + " / " + n, "1.2.250.1.213.1.1.1.55.2026.7.1");
            if (i > 0 && i < n - 1) {
                assertThat(page).as("page %d repeats the table header", i + 1)
                        .contains("Analyse", "Résultat", "Valeurs de référence");
            }
        }
        // Each row is whole on one page: its label, value, unit and range are on the same page.
        for (PdfFixtures.Expected e : results.expected) {
            String page = pages.stream().filter(p -> p.contains(e.label() + " ") || p.contains(e.label() + "\n"))
                    .findFirst().orElseThrow(() -> new AssertionError("row not found: " + e.label()));
            String line = page.lines().filter(l -> l.startsWith(e.label() + " ") || l.equals(e.label()))
                    .findFirst().orElseThrow();
            assertThat(line).contains(e.value(), e.unit(), e.range());
        }
    }

    @Test
    void tenThousandCharacterCommentWrapsAcrossPagesWithNothingLost() throws IOException {
        StringBuilder sb = new StringBuilder();
        int word = 0;
        while (sb.length() < 10_000) {
            sb.append("mot").append(word++).append("éà ");
        }
        String comment = sb.substring(0, 10_000);
        Observation o = Observation.builder().label("Analyse commentée")
                .loinc(fr.segurbio.cda.Code.loinc("718-7", "Hémoglobine"))
                .time(PdfFixtures.T0).value(fr.segurbio.cda.ResultValue.text("voir commentaire"))
                .comment(Comment.of(comment)).build();
        CrBioReport report = PdfFixtures.report(PdfFixtures.patient(true), "Laboratoire des Charmes", List.of(o))
                .commentSection(new CommentSection("Conclusion", comment)).build();
        PdfRendering r = RENDERER.renderWithWarnings(report);
        PdfOracles.assertPdfA1b(r.pdf());
        assertThat(r.pageCount()).isGreaterThan(1);
        // Every word, in order, twice (under the result and in the conclusion); page footers may fall in between.
        String[] words = comment.strip().split("\\s+");
        List<String> twice = new ArrayList<>(List.of(words));
        twice.addAll(List.of(words));
        assertThat(PdfOracles.text(r.pdf()).split("\\s+")).containsSubsequence(twice.toArray(new String[0]));
    }

    @Test
    void twoHundredCharacterLabNameWrapsInTheHeader() throws IOException {
        String name = ("Laboratoire de biologie médicale multisite Société d'exercice libéral Les Analyses "
                + "Réunies du Grand Ouest et des Pays de la Loire, site principal de Saint-Herblain Atlantis ")
                .repeat(2).substring(0, 200);
        CrBioReport report = PdfFixtures.report(PdfFixtures.patient(true), name,
                PdfFixtures.results(5).observations).build();
        PdfRendering r = RENDERER.renderWithWarnings(report);
        PdfOracles.assertPdfA1b(r.pdf());
        String text = PdfOracles.text(r.pdf());
        assertThat(text.replaceAll("\\s+", " ")).contains(name.strip().replaceAll("\\s+", " "));
        assertThat(PdfOracles.readDatamatrix(PdfOracles.page(r.pdf(), 0, 200))).isNotNull();
    }

    @Test
    void missingLogoFileRendersWithoutLogoAndWarns(@TempDir Path dir) throws IOException {
        CrBioPdfRenderer renderer = CrBioPdfRenderer.create(PdfRenderOptions.builder().clock(CLOCK)
                .labStyle(LabStyle.builder().logo(dir.resolve("absent.png")).build()).build());
        PdfRendering r = renderer.renderWithWarnings(PdfFixtures.thirty(true));
        PdfOracles.assertPdfA1b(r.pdf());
        assertThat(codes(r)).contains("CDA-702");
        Problem p = r.warnings().stream().filter(w -> w.code() == PdfRenderError.LOGO_UNREADABLE).findFirst().orElseThrow();
        assertThat(p.messageFr()).contains("absent.png");
        assertThat(PdfOracles.text(r.pdf())).contains("Laboratoire de biologie médicale des Charmes");
    }

    @Test
    void transparentLogoIsFlattenedAndTheLabLookIsConfiguration(@TempDir Path dir) throws IOException {
        BufferedImage logo = new BufferedImage(240, 80, BufferedImage.TYPE_INT_ARGB);
        java.awt.Graphics2D g = logo.createGraphics();
        g.setColor(new java.awt.Color(0, 120, 90, 160));
        g.fillOval(0, 0, 240, 80);
        g.dispose();
        Path file = dir.resolve("logo.png");
        ImageIO.write(logo, "png", file.toFile());
        CrBioPdfRenderer renderer = CrBioPdfRenderer.create(PdfRenderOptions.builder().clock(CLOCK)
                .labStyle(LabStyle.builder().logo(file).primaryColor("#00785A").abnormalColor("#D04000")
                        .footerText("Laboratoire accrédité Cofrac n° 8-1234, portée disponible sur www.cofrac.fr")
                        .build())
                .build());
        PdfRendering r = renderer.renderWithWarnings(PdfFixtures.thirty(true));
        PdfOracles.assertPdfA1b(r.pdf());
        assertThat(codes(r)).doesNotContain("CDA-702");
        List<String> pages = PdfOracles.pagesText(r.pdf());
        assertThat(pages).allSatisfy(t -> assertThat(t).contains("Laboratoire accrédité Cofrac n° 8-1234"));
        try (PDDocument doc = Loader.loadPDF(r.pdf())) {
            var resources = doc.getPage(0).getResources();
            int images = 0;
            for (var name : resources.getXObjectNames()) {
                var x = resources.getXObject(name);
                if (x instanceof org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject img) {
                    images++;
                    assertThat(img.getCOSObject().containsKey(org.apache.pdfbox.cos.COSName.SMASK)).isFalse();
                }
            }
            assertThat(images).isEqualTo(1);
        }
        PdfOracles.keep(PdfOracles.page(r.pdf(), 0, 110), "styled-page1.png");
    }

    @Test
    void charactersOutsideTheFontAreReplacedVisiblyAndReported() throws IOException {
        Observation o = Observation.builder().label("Analyse 漢字 \uD83D\uDE00 fin")
                .loinc(fr.segurbio.cda.Code.loinc("718-7", "Hémoglobine"))
                .time(PdfFixtures.T0).value(fr.segurbio.cda.ResultValue.text("ré\u0007s")).build();
        CrBioReport report = PdfFixtures.report(PdfFixtures.patient(true), "Laboratoire des Charmes", List.of(o)).build();
        PdfRendering r = RENDERER.renderWithWarnings(report);
        PdfOracles.assertPdfA1b(r.pdf());
        Problem p = r.warnings().stream().filter(w -> w.code() == PdfRenderError.CHARACTERS_REPLACED)
                .findFirst().orElseThrow();
        assertThat(p.messageEn()).contains("U+6F22", "U+5B57", "U+1F600", "U+0007");
        String text = PdfOracles.text(r.pdf());
        assertThat(text).contains("Analyse \uFFFD\uFFFD \uFFFD fin", "ré\uFFFDs");
    }

    @Test
    void frenchTextAndLabSymbolsRenderWithoutReplacement() throws IOException {
        String symbols = "Éléments à contrôler : µmol/L ≤ 5 ; ≥ 10 ; ± 0,5 ; 4,5 ×10^9/L ; œdème ; « ça » ; 37 °C";
        CrBioReport report = PdfFixtures.report(PdfFixtures.patient(true), "Laboratoire des Charmes",
                PdfFixtures.results(3).observations).commentSection(new CommentSection("Symboles", symbols)).build();
        PdfRendering r = RENDERER.renderWithWarnings(report);
        assertThat(codes(r)).doesNotContain("CDA-701");
        assertThat(PdfOracles.text(r.pdf())).contains(symbols);
    }

    @Test
    void decomposedAccentsAreComposedBeforeDrawing() throws IOException {
        String decomposed = "Cre\u0301atinine a\u0300 jeun";
        CrBioReport report = PdfFixtures.report(PdfFixtures.patient(true), "Laboratoire des Charmes",
                PdfFixtures.results(1).observations).commentSection(new CommentSection("Note", decomposed)).build();
        PdfRendering r = RENDERER.renderWithWarnings(report);
        assertThat(codes(r)).doesNotContain("CDA-701");
        assertThat(PdfOracles.text(r.pdf())).contains("Créatinine à jeun");
    }

    @Test
    void rendererIsThreadSafeAndDeterministic() throws Exception {
        CrBioReport report = PdfFixtures.thirty(true);
        byte[] reference = RENDERER.render(report);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<byte[]>> futures = new ArrayList<>();
            for (int i = 0; i < 12; i++) {
                futures.add(pool.submit(() -> RENDERER.render(report)));
            }
            for (Future<byte[]> f : futures) {
                assertThat(f.get()).isEqualTo(reference);
            }
        } finally {
            pool.shutdown();
        }
    }

    @Test
    void fontsAreConfiguration(@TempDir Path dir) throws IOException {
        // The lab gives its own TrueType files; here the regular face for both regular and bold text.
        Path regular = dir.resolve("lab-font.ttf");
        try (var in = CrBioPdfRenderer.class.getResourceAsStream("fonts/DejaVuSans.ttf")) {
            java.nio.file.Files.copy(in, regular);
        }
        CrBioPdfRenderer renderer = CrBioPdfRenderer.create(PdfRenderOptions.builder().clock(CLOCK)
                .labStyle(LabStyle.builder().fonts(regular, regular).build()).build());
        byte[] pdf = renderer.render(PdfFixtures.thirty(true));
        PdfOracles.assertPdfA1b(pdf);
        try (PDDocument doc = Loader.loadPDF(pdf)) {
            java.util.Set<String> names = new java.util.TreeSet<>();
            for (PDPage page : doc.getPages()) {
                for (var name : page.getResources().getFontNames()) {
                    names.add(page.getResources().getFont(name).getName().substring(7));
                }
            }
            assertThat(names).containsExactly("DejaVuSans");
        }
    }

    @Test
    void unreadableFontIsAStableError(@TempDir Path dir) throws IOException {
        Path bad = java.nio.file.Files.writeString(dir.resolve("bad.ttf"), "not a font");
        assertThatThrownBy(() -> CrBioPdfRenderer.create(PdfRenderOptions.builder()
                .labStyle(LabStyle.builder().fonts(bad, bad).build()).build()))
                .isInstanceOf(CdaException.class).hasMessageContaining("CDA-704");
    }

    @Test
    void datamatrixModuleIsNeverBelowTheReadableMinimum() {
        assertThatThrownBy(() -> PdfRenderOptions.builder().datamatrixModuleMillimetres(0.3))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(PdfRenderOptions.builder().datamatrixModuleMillimetres(0.4).build().datamatrixModuleMillimetres())
                .isEqualTo(0.4);
    }
}
