package fr.segurbio.benchmarks;

import java.nio.charset.StandardCharsets;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import fr.segurbio.cda.CrBioWriter;
import fr.segurbio.cda.html.CrBioStylesheet;

/**
 * cda-bio self-presenting stylesheet: the N3 of the 30-result CR-BIO of {@link CdaWriteBenchmark} (1 KB PDF
 * copy) presented as HTML by {@link CrBioStylesheet} on Saxon-HE: hardened parse, then the compiled XSLT 1.0
 * stylesheet, serialised to UTF-8.
 *
 * <pre>{@code
 * java -jar benchmarks/target/benchmarks.jar CdaHtmlBenchmark -f 1 -wi 3 -w 1 -i 5 -r 1
 * }</pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class CdaHtmlBenchmark {

    private byte[] n3;
    private CrBioStylesheet sheet;

    /** Writes the N3 once and compiles the stylesheet. */
    @Setup
    public void setup() {
        byte[] pdf = new byte[1024];
        new Random(42).nextBytes(pdf);
        byte[] head = "%PDF-1.4\n".getBytes(StandardCharsets.ISO_8859_1);
        System.arraycopy(head, 0, pdf, 0, head.length);
        n3 = CrBioWriter.builder().stylesheet(CrBioStylesheet.FILE_NAME).build()
                .n3(CdaWriteBenchmark.thirtyResults(), pdf).document();
        sheet = CrBioStylesheet.create();
        if (!sheet.toHtml(n3).contains("<main class=\"report\">")) {
            throw new IllegalStateException("the stylesheet did not render the report");
        }
    }

    /**
     * The HTML page of the 30-result report.
     *
     * @return the page
     */
    @Benchmark
    public String toHtml() {
        return sheet.toHtml(n3);
    }
}
