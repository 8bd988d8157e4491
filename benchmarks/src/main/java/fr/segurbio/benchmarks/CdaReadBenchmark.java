package fr.segurbio.benchmarks;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.TimeUnit;

import javax.xml.transform.Templates;
import javax.xml.transform.Transformer;
import javax.xml.transform.sax.SAXResult;
import javax.xml.transform.stream.StreamSource;

import org.apache.fop.apps.FOUserAgent;
import org.apache.fop.apps.Fop;
import org.apache.fop.apps.FopFactory;
import org.apache.fop.apps.FopFactoryBuilder;
import org.apache.fop.configuration.DefaultConfigurationBuilder;
import org.apache.xmlgraphics.util.MimeConstants;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import fr.segurbio.cda.CrBioWriter;
import fr.segurbio.cda.pdf.CrBioPdfRenderer;
import fr.segurbio.cda.read.CrBioReader;
import fr.segurbio.cda.read.ReadDocument;
import fr.segurbio.testkit.ConformanceMaterial;

/**
 * Reading a CR-BIO (issue 17: {@code CrBioReader.read} at most 2 ms for TSH_1 and a quarter of the Saxon-tree
 * reader's time on every example), and the path that starts from a CDA — read it, render its PDF/A-1b
 * ({@link #readAndRenderPdfA}) — side by side, in the same run, with the ANS route in PDF/A mode
 * ({@link #ansXslFoFopPdfA}: the same document through the ANS {@code CDA-FO.xsl}, compiled once, Saxon-HE, streamed
 * by SAX into Apache FOP with {@code pdf-a-mode=PDF/A-1b}, its fonts embedded — DejaVu Sans, the SDK's own, put in
 * place of every family the stylesheet asks for, as PDF/A requires). The goal is read + render at least 20 times
 * faster than the ANS route on every example.
 *
 * <p>Every CR-BIO N3 example of {@code ../shared/conformance/cda/ExemplesCDA}. The ANS route is given the example
 * itself; for a self-presenting example (its root is the stylesheet that shows it, which {@code CDA-FO.xsl}
 * cannot lay out) it is given the N3 the SDK writes from the example's model, with the example's PDF copy.
 *
 * <pre>{@code
 * java -jar benchmarks/target/benchmarks.jar CdaReadBenchmark -f 1 -wi 3 -w 1 -i 5 -r 1
 * java -jar benchmarks/target/benchmarks.jar 'CdaReadBenchmark.read$' -p example=BIO-CR-BIO_2024.01_TSH_1.xml
 * }</pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class CdaReadBenchmark {

    private static final String FO_XSL = "conformance/cda/FeuilleDeStyle/CDA-FO.xsl";
    private static final String EXAMPLES = "conformance/cda/ExemplesCDA";
    private static final String[] FAMILIES = {"Verdana", "Tahoma", "sans-serif", "Helvetica", "Arial", "any", "serif",
        "Times", "Times-Roman", "Times New Roman", "monospace", "Courier", "Symbol", "ZapfDingbats"};

    /** The example read. */
    @Param({
        "BIO-CR-BIO_2024.01_TSH_1.xml",
        "BIO-CR-BIO_2024.01_TSH_2.xml",
        "BIO-CR-BIO_2024.01_CR-2nde-intention-PDF.xml",
        "BIO-CR-BIO_2024.01_Glycemie_deux_unites_principales_mole_masse.xml",
        "BIO-CR-BIO_2024.01_Glycemie_g_par_Litre_2.xml",
        "BIO-CR-BIO_2024.01_Glycemie_mmol_par_Litre_1.xml",
        "BIO-CR-BIO_2024.01_Glycemie_mole.xml",
        "BIO-CR-BIO_2023.01_Electrophorese.xml",
        "BIO-CR-BIO_2021.01_Electrophorese.xml",
        "BIO-CR-BIO_2021.01_Microbiologie_V1.xml",
        "BIO-CR-BIO_2021.01_Microbiologie_V2.xml",
        "BIO-CR-BIO_2021.01_CR-2nde-intention.xml",
        "BIO-CR-BIO_2021.01_Auto-Presentable.xml",
        "BIO-CR-BIO_2021.01_Auto-Presentable_avec-image.xml"
    })
    public String example;

    private byte[] xml;
    private byte[] ansInput;
    private CrBioReader reader;
    private CrBioPdfRenderer renderer;
    private Templates cdaFo;
    private FopFactory fop;
    private Path styleDir;

    /** Loads the example, compiles CDA-FO.xsl once, configures FOP for PDF/A-1b with embedded fonts. */
    @Setup
    public void setUp() throws Exception {
        Path dir = ConformanceMaterial.find(EXAMPLES).orElseThrow(
                () -> new IllegalStateException(ConformanceMaterial.missing(EXAMPLES)));
        xml = Files.readAllBytes(dir.resolve(example));
        reader = CrBioReader.create();
        renderer = CrBioPdfRenderer.create();
        ReadDocument doc = reader.read(xml);
        ansInput = selfPresenting(xml)
                ? CrBioWriter.standard().n3(doc.report(), doc.pdfCopy().orElseGet(() -> renderer.render(doc.report())))
                        .document()
                : xml;
        Path xsl = ConformanceMaterial.find(FO_XSL).orElseThrow(
                () -> new IllegalStateException(ConformanceMaterial.missing(FO_XSL)));
        styleDir = xsl.getParent();
        cdaFo = new net.sf.saxon.TransformerFactoryImpl().newTemplates(new StreamSource(xsl.toFile()));
        fop = pdfAFop(styleDir);
        if (ansRoute().length < 1000) {
            throw new IllegalStateException("the ANS route produced no PDF for " + example);
        }
        if (readAndRenderPdfA().length < 1000) {
            throw new IllegalStateException("the SDK produced no PDF for " + example);
        }
    }

    /** The reader alone: bytes → model, PDF copy and built-in checks. */
    @Benchmark
    public ReadDocument read() {
        return reader.read(xml);
    }

    /** The SDK from a CDA: read it, then render the model's PDF/A-1b (with the INS Datamatrix). */
    @Benchmark
    public byte[] readAndRenderPdfA() {
        return renderer.render(reader.read(xml).report());
    }

    /** The ANS route in PDF/A mode: CDA → CDA-FO.xsl (Saxon-HE) → XSL-FO SAX events → Apache FOP PDF/A-1b. */
    @Benchmark
    public byte[] ansXslFoFopPdfA() throws Exception {
        return ansRoute();
    }

    private byte[] ansRoute() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256 * 1024);
        FOUserAgent agent = fop.newFOUserAgent();
        agent.getRendererOptions().put("pdf-a-mode", "PDF/A-1b");
        Fop f = fop.newFop(MimeConstants.MIME_PDF, agent, out);
        Transformer t = cdaFo.newTransformer();
        t.setParameter("vocFile", styleDir.resolve("cda_l10n.xml").toUri().toString());
        // Streamed as SAX: the FO begins with a stray DOCTYPE that FOP rejects when it is parsed from a file.
        t.transform(new StreamSource(new ByteArrayInputStream(ansInput)), new SAXResult(f.getDefaultHandler()));
        return out.toByteArray();
    }

    private static boolean selfPresenting(byte[] xml) {
        String head = new String(xml, 0, Math.min(xml.length, 4096), StandardCharsets.UTF_8);
        return head.contains("<xsl:stylesheet");
    }

    /** FOP with relaxed FO validation (FOP's -r) and DejaVu Sans embedded for every family: PDF/A embeds all fonts. */
    private static FopFactory pdfAFop(Path styleDir) throws Exception {
        Path fonts = Files.createTempDirectory("segur-fop-fonts");
        Path regular = copy("DejaVuSans.ttf", fonts);
        Path bold = copy("DejaVuSans-Bold.ttf", fonts);
        StringBuilder conf = new StringBuilder("<fop version=\"1.0\"><renderers><renderer mime=\"application/pdf\">")
                .append("<fonts>");
        for (Path font : new Path[] {regular, bold}) {
            String weight = font == bold ? "bold" : "normal";
            conf.append("<font kerning=\"yes\" embed-url=\"").append(font.toUri()).append("\">");
            for (String family : FAMILIES) {
                for (String style : new String[] {"normal", "italic"}) {
                    conf.append("<font-triplet name=\"").append(family).append("\" style=\"").append(style)
                            .append("\" weight=\"").append(weight).append("\"/>");
                }
            }
            conf.append("</font>");
        }
        conf.append("</fonts></renderer></renderers></fop>");
        FopFactoryBuilder b = new FopFactoryBuilder(styleDir.toUri()).setStrictFOValidation(false);
        b.setConfiguration(new DefaultConfigurationBuilder().build(
                new ByteArrayInputStream(conf.toString().getBytes(StandardCharsets.UTF_8))));
        return b.build();
    }

    private static Path copy(String font, Path dir) throws IOException {
        try (InputStream in = CrBioPdfRenderer.class.getResourceAsStream("/fr/segurbio/cda/pdf/fonts/" + font)) {
            if (in == null) {
                throw new IllegalStateException("font " + font + " not found beside the PDF renderer");
            }
            Path target = dir.resolve(font);
            Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
            target.toFile().deleteOnExit();
            return target;
        }
    }
}
