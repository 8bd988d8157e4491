package fr.segurbio.cda.html;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import javax.xml.transform.Transformer;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.stream.StreamResult;
import javax.xml.transform.stream.StreamSource;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import fr.segurbio.cda.CdaException;
import fr.segurbio.testkit.ConformanceMaterial;
import net.sf.saxon.s9api.Processor;
import net.sf.saxon.s9api.XsltExecutable;

class CrBioStylesheetTest {

    static final String EXAMPLES = "conformance/cda/ExemplesCDA/";
    private static final CrBioStylesheet SHEET = CrBioStylesheet.create();

    static byte[] example(String name) throws IOException {
        Optional<Path> file = ConformanceMaterial.find(EXAMPLES + name);
        assumeTrue(file.isPresent(), ConformanceMaterial.missing(EXAMPLES + name));
        return Files.readAllBytes(file.get());
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "BIO-CR-BIO_2021.01_Auto-Presentable.xml",
        "BIO-CR-BIO_2021.01_Auto-Presentable_avec-image.xml",
        "BIO-CR-BIO_2021.01_CR-2nde-intention.xml",
        "BIO-CR-BIO_2021.01_Electrophorese.xml",
        "BIO-CR-BIO_2021.01_Microbiologie_V1.xml",
        "BIO-CR-BIO_2021.01_Microbiologie_V2.xml",
        "BIO-CR-BIO_2023.01_Electrophorese.xml",
        "BIO-CR-BIO_2024.01_CR-2nde-intention-PDF.xml",
        "BIO-CR-BIO_2024.01_Glycemie_deux_unites_principales_mole_masse.xml",
        "BIO-CR-BIO_2024.01_Glycemie_g_par_Litre_2.xml",
        "BIO-CR-BIO_2024.01_Glycemie_mmol_par_Litre_1.xml",
        "BIO-CR-BIO_2024.01_Glycemie_mole.xml",
        "BIO-CR-BIO_2024.01_TSH_1.xml",
        "BIO-CR-BIO_2024.01_TSH_2.xml"
    })
    void everyResultValueAndTheInsOfAnAnsExampleAreShown(String name) throws IOException {
        byte[] cda = example(name);
        CdaResults expected = new CdaResults(cda);
        String html = SHEET.toHtml(cda);
        String text = HtmlText.visible(html);

        assertThat(expected.values()).as("the example has results").isNotEmpty();
        assertThat(text).contains(expected.values());
        assertThat(expected.ins()).isNotNull();
        assertThat(text).contains("INS " + expected.ins()).contains("Identité qualifiée");
        assertThat(countOf(html, "<tr class=\"result")).isEqualTo(expected.observationCount());
        assertThat(text).contains("Patient", "Prescripteur", "Validation", "DOMINIQUE");
        assertThat(html).startsWith("<!DOCTYPE html").doesNotContain("urn:hl7-org:v3");
    }

    @Test
    void tshShowsUnitsRangesAndTheAbnormalValueStandsOut() throws IOException {
        String html = SHEET.toHtml(example("BIO-CR-BIO_2024.01_TSH_1.xml"));
        String text = HtmlText.visible(html);
        assertThat(text).contains("Laboratoire des charmes", "FINESS 120459876", "Accréditation COFRAC n° 8-WXYZ",
                "8 Rue Frédéric Bastia, 92100 BOULOGNE-BILLANCOURT", "Tél. 0174589607")
                .contains("Thyréostimuline (TSH)", "1,950 mUI/L", "0,270 – 4,200", "Normal")
                .contains("Thyroxine libre (FT4)", "7,67 pg/mL", "9,30 – 17,00", "Bas")
                .contains("Dr Pascal CHARLES", "Prescription du 01/01/2021")
                .contains("Réception au laboratoire 04/01/2021 à 09:22")
                .contains("Compte rendu signé par Dr Marcel CAMPARINI, Médecin - Biologie médicale (SM), le 04/01/2021 à 16:05")
                .contains("Nom de naissance PAT-TROIS", "Date de naissance 28/03/1979", "Sexe Féminin",
                        "DOMPREMY (code INSEE 51215)");
        assertThat(html).containsPattern("<tr class=\"result abnormal\">((?!</tr>).)*7,67");
        assertThat(html).containsPattern("<tr class=\"result\">((?!</tr>).)*1,950");
    }

    @Test
    void electrophoresisShowsSubcontractingPreviousResultsCommentsImageAndValidators() throws IOException {
        String html = SHEET.toHtml(example("BIO-CR-BIO_2023.01_Electrophorese.xml"));
        String text = HtmlText.visible(html);
        assertThat(text).contains("Analyse sous-traitée — réalisée par LABORATOIRE SOUS-TRAITANT (Dr Jean DE SANTS)")
                .contains("Commentaire : Bisalbuminémie")
                .contains("8,5 mmol/L le 12/09/2020", "7,9 mmol/L le 03/01/2020")
                .contains("Résultats validés par Dr Jean DE SANTS le 04/01/2023 à 11:20")
                .contains("Non conformité", "(texte libre)")
                .contains("Prélèvement : Sang — Ponction veineuse — n° 12345678A — prélevé le 04/01/2023 à 07:35");
        assertThat(html).contains("<img alt=\"Image jointe au résultat\" src=\"data:image/png;base64,iVBORw0KGgo");
        assertThat(html).contains("download=\"compte-rendu.pdf\"");
    }

    @Test
    void microbiologyShowsTheIsolatesAndTheirAntibiogram() throws IOException {
        String text = HtmlText.visible(SHEET.toHtml(example("BIO-CR-BIO_2021.01_Microbiologie_V1.xml")));
        assertThat(text).contains("Germe identifié : Escherichia coli", "Germe identifié : Streptococcus D.")
                .contains("Amoxicilline ≥ 0,512 µg/mL", "Résistant")
                .contains("Ampicilline < 0,128 µg/mL", "Intermédiaire")
                .contains("Prélèvement : urine — EX MICROBIO URINES (ECBU)", "reçu le 04/01/2021 à 07:52");
    }

    @Test
    void aLevelOneDocumentShowsItsHeaderAndItsPdf() throws IOException {
        byte[] cda = example("BIO-CR-BIO_2021.01_CDA-R2-Niveau-1.xml");
        String html = SHEET.toHtml(cda);
        assertThat(HtmlText.visible(html)).contains("Document non structuré", "INS " + new CdaResults(cda).ins());
        assertThat(html).contains("href=\"data:application/pdf;base64,JVBER");
    }

    @Test
    void theWritersDocumentShowsEveryValueTheInsAndTheSubcontractor() {
        byte[] cda = WriterDocuments.qualified();
        assertThat(new String(cda, StandardCharsets.UTF_8))
                .contains("<?xml-stylesheet type=\"text/xsl\" href=\"" + CrBioStylesheet.FILE_NAME + "\"?>");
        CdaResults expected = new CdaResults(cda);
        String html = SHEET.toHtml(cda);
        String text = HtmlText.visible(html);
        assertThat(expected.values()).hasSizeGreaterThanOrEqualTo(12);
        assertThat(text).contains(expected.values());
        assertThat(text).contains("INS " + WriterDocuments.INS + " [INS-NIR de test]", "Identité qualifiée")
                .contains("Laboratoire des Tilleuls", "BIOLOGIE SPÉCIALISÉE DE L'EST")
                .contains("Mme DOMINIQUE MARTIN née PAT-TROIS")
                .contains("Non réalisé", "1/64", "Germe identifié : Escherichia coli")
                .contains("Commentaire : Contrôle de la glycémie à jeun à prévoir.")
                .contains("6,4 mmol/L (H) le 12/09/2023");
        assertThat(html).containsPattern("<tr class=\"result abnormal critical\">((?!</tr>).)*2,1")
                .contains("10<sup>9</sup>/L");
    }

    @Test
    void aReportOf500ResultsWithAHugeCommentAndALongLabNameIsShownWhole() {
        byte[] cda = WriterDocuments.large();
        CdaResults expected = new CdaResults(cda);
        assertThat(expected.observationCount()).isEqualTo(500);
        String html = SHEET.toHtml(cda);
        String text = HtmlText.visible(html);
        assertThat(text).contains(expected.values());
        assertThat(countOf(html, "<tr class=\"result")).isEqualTo(500);
        String comment = "Résultat à interpréter : µmol/L ≤ 5 ≥ 2 ± 0,1 ×10⁹/L. ".repeat(200).substring(0, 10_000).trim();
        assertThat(text).contains(comment);
        assertThat(text).contains(("Laboratoire de biologie médicale multisite des Hauts-de-Seine et des Yvelines ")
                .repeat(3).substring(0, 200).trim());
    }

    @Test
    void anIdentityThatIsNotQualifiedSaysSoAndShowsNoIns() {
        byte[] cda = WriterDocuments.notQualified();
        assertThat(new CdaResults(cda).ins()).isNull();
        String text = HtmlText.visible(SHEET.toHtml(cda));
        assertThat(text).contains("Identité non qualifiée : INS non transmis", "Identifiant local (IPP) 1234567890121")
                .doesNotContain(WriterDocuments.INS);
    }

    @Test
    void anAnsExampleWithoutItsInsIsShownAsNotQualified() throws IOException {
        String tsh = new String(example("BIO-CR-BIO_2024.01_TSH_1.xml"), StandardCharsets.UTF_8);
        String withoutIns = tsh.replace("<id extension=\"279035121518989\" root=\"1.2.250.1.213.1.4.10\"/>", "");
        assertThat(withoutIns).isNotEqualTo(tsh);
        String text = HtmlText.visible(SHEET.toHtml(withoutIns.getBytes(StandardCharsets.UTF_8)));
        assertThat(text).contains("Identité non qualifiée").doesNotContain("INS 279035121518989");
    }

    @Test
    void aDoctypeOrAnExternalEntityIsRefused() {
        String xxe = "<?xml version=\"1.0\"?><!DOCTYPE ClinicalDocument [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>"
                + "<ClinicalDocument xmlns=\"urn:hl7-org:v3\"><title>&x;</title></ClinicalDocument>";
        assertThatThrownBy(() -> SHEET.toHtml(xxe.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(CdaException.class)
                .satisfies(e -> assertThat(((CdaException) e).code().id()).isEqualTo("CDA-801"))
                .hasMessageContaining("DOCTYPE");
    }

    @Test
    void malformedXmlIsRefused() {
        assertThatThrownBy(() -> SHEET.toHtml("<ClinicalDocument xmlns=\"urn:hl7-org:v3\"><title>"
                .getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(CdaException.class)
                .satisfies(e -> assertThat(((CdaException) e).code().id()).isEqualTo("CDA-801"));
        assertThatThrownBy(() -> SHEET.toHtml(new byte[0]))
                .isInstanceOf(CdaException.class)
                .satisfies(e -> assertThat(((CdaException) e).code().id()).isEqualTo("CDA-801"));
    }

    @Test
    void xmlThatIsNotACdaIsRefused() {
        assertThatThrownBy(() -> SHEET.toHtml("<ClinicalDocument><title>sans espace de noms</title></ClinicalDocument>"
                .getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(CdaException.class)
                .satisfies(e -> assertThat(((CdaException) e).code().id()).isEqualTo("CDA-802"));
    }

    @Test
    void theLabsColoursLogoFooterAndSeparatorAreApplied(@TempDir Path dir) throws IOException {
        Path logo = dir.resolve("logo.png");
        Files.write(logo, java.util.Base64.getDecoder().decode(
                "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg=="));
        HtmlStyle style = HtmlStyle.builder().primaryColor("#00594F").accentColor("#E6F2F0").abnormalColor("#C00")
                .logo(logo).logoAlt("Laboratoire des Tilleuls").footerText("Horaires : 7h-19h <script>alert(1)</script>")
                .decimalSeparator('.').build();
        String html = CrBioStylesheet.create(style).toHtml(WriterDocuments.qualified());
        assertThat(html).contains(":root{--primary:#00594f;--accent:#e6f2f0;--abnormal:#c00}")
                .contains("<img class=\"logo\" src=\"data:image/png;base64,iVBORw0KGgo")
                .contains("alt=\"Laboratoire des Tilleuls\"")
                .contains("Horaires : 7h-19h &lt;script&gt;alert(1)&lt;/script&gt;")
                .doesNotContain("<script>");
        assertThat(HtmlText.visible(html)).contains("7.2 mmol/L", "1.950 mUI/L");
    }

    @Test
    void aMissingOrNonImageLogoIsRefused(@TempDir Path dir) throws IOException {
        assertThatThrownBy(() -> HtmlStyle.builder().logo(dir.resolve("absent.png")))
                .isInstanceOf(CdaException.class)
                .satisfies(e -> assertThat(((CdaException) e).code().id()).isEqualTo("CDA-803"));
        Path text = Files.writeString(dir.resolve("logo.png"), "not an image");
        assertThatThrownBy(() -> HtmlStyle.builder().logo(text))
                .isInstanceOf(CdaException.class)
                .hasMessageContaining("not a PNG, JPEG or GIF");
    }

    @Test
    void unsafeStyleValuesAreRefused() {
        for (String color : new String[] {"red;}body{display:none", "#12345", "", "url(x)"}) {
            assertThatThrownBy(() -> HtmlStyle.builder().primaryColor(color))
                    .isInstanceOf(CdaException.class)
                    .satisfies(e -> assertThat(((CdaException) e).code().id()).isEqualTo("CDA-804"));
        }
        for (String url : new String[] {"javascript:alert(1)", "http://lab.example/logo.png", "data:text/html;base64,AA",
                "logo.png\" onerror=\"x"}) {
            assertThatThrownBy(() -> HtmlStyle.builder().logoUrl(url)).isInstanceOf(CdaException.class);
        }
        assertThatThrownBy(() -> HtmlStyle.builder().decimalSeparator(';')).isInstanceOf(CdaException.class);
        assertThatThrownBy(() -> HtmlStyle.builder().footerText("a".repeat(1001))).isInstanceOf(CdaException.class);
        assertThat(HtmlStyle.builder().logoUrl("https://labo.example/logo.png").build().logoUrl())
                .isEqualTo("https://labo.example/logo.png");
        assertThat(HtmlStyle.builder().logoUrl("img/logo-labo.png").build().logoUrl()).isEqualTo("img/logo-labo.png");
    }

    @Test
    void thePublishedStylesheetCarriesTheStyleAndRendersLikeTheApi(@TempDir Path dir) throws Exception {
        HtmlStyle style = HtmlStyle.builder().primaryColor("#7a1f5c").logoUrl("https://labo.example/logo.png")
                .footerText("L'équipe du \"Laboratoire\" & associés").build();
        CrBioStylesheet sheet = CrBioStylesheet.create(style);
        Path xsl = sheet.publish(dir);
        assertThat(xsl.getFileName().toString()).isEqualTo(CrBioStylesheet.FILE_NAME);
        String text = Files.readString(xsl);
        assertThat(text).contains("<xsl:param name=\"primary-color\" select=\"'#7a1f5c'\"/>")
                .contains("<xsl:param name=\"footer-text\" select=\"concat('L', &quot;'&quot;, "
                        + "'équipe du &quot;Laboratoire&quot; &amp; associés')\"/>");

        byte[] cda = WriterDocuments.qualified();
        Processor processor = new Processor(false);
        XsltExecutable baked = processor.newXsltCompiler().compile(new StreamSource(xsl.toFile()));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        baked.load30().applyTemplates(new StreamSource(new ByteArrayInputStream(cda)), processor.newSerializer(out));
        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo(sheet.toHtml(cda))
                .contains("L'équipe du \"Laboratoire\" &amp; associés");
    }

    @Test
    void theStylesheetRunsOnAPlainXslt10Processor() throws Exception {
        // The JDK's built-in XSLTC is an XSLT 1.0 processor, like the browsers' libxslt: no XSLT 2 feature and
        // no extension function may be used.
        TransformerFactory factory = TransformerFactory.newDefaultInstance();
        Transformer t = factory.newTransformer(new StreamSource(
                CrBioStylesheet.class.getResource(CrBioStylesheet.RESOURCE).toExternalForm()));
        // XML serialisation: XSLTC's HTML output method writes named entities (&eacute;) the test would decode.
        t.setOutputProperty(javax.xml.transform.OutputKeys.METHOD, "xml");
        byte[] cda = WriterDocuments.qualified();
        StringWriter html = new StringWriter();
        t.transform(new StreamSource(new ByteArrayInputStream(cda)), new StreamResult(html));
        CdaResults expected = new CdaResults(cda);
        assertThat(HtmlText.visible(html.toString())).contains(expected.values()).contains(expected.ins());
        assertThat(new String(CrBioStylesheet.create().xsl(), StandardCharsets.UTF_8))
                .contains("<xsl:stylesheet version=\"1.0\"").doesNotContain("xsl:function").doesNotContain("regex");
    }

    @Test
    void oneStylesheetServesManyThreads() throws Exception {
        byte[] a = WriterDocuments.qualified();
        byte[] b = WriterDocuments.notQualified();
        String expectedA = SHEET.toHtml(a);
        String expectedB = SHEET.toHtml(b);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Boolean>> results = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                boolean even = i % 2 == 0;
                results.add(pool.submit(() -> even ? SHEET.toHtml(a).equals(expectedA) : SHEET.toHtml(b).equals(expectedB)));
            }
            for (Future<Boolean> r : results) {
                assertThat(r.get()).isTrue();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void renderWritesAFile(@TempDir Path dir) throws IOException {
        Path cda = Files.write(dir.resolve("cr.xml"), WriterDocuments.qualified());
        Path html = dir.resolve("cr.html");
        SHEET.render(cda, html);
        assertThat(Files.readString(html)).contains(WriterDocuments.INS);
    }

    private static int countOf(String text, String part) {
        int n = 0;
        for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + 1)) {
            n++;
        }
        return n;
    }
}
