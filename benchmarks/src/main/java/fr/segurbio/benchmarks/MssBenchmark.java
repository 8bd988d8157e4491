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

import fr.segurbio.cda.CrBioReport;
import fr.segurbio.cda.CrBioWriter;
import fr.segurbio.cda.WrittenDocument;
import fr.segurbio.mss.MssMessage;
import fr.segurbio.mss.xdm.XdmPackage;
import fr.segurbio.mss.xdm.XdmReader;

/**
 * mssante-client, in memory: the whole MIME message of a 30-result CR-BIO (the XDM archive with the N3 and the N1,
 * its ebRS METADATA.XML, the PDF beside it, headers and base64) — target under 5 ms; and the XDM read back with
 * its checks (limits, names, SHA-1 and size of each document, N3 with its N1) — target under 5 ms.
 * {@code pdfKb} is the size of the PDF copy (it is in the N3, the N1 and beside the archive).
 *
 * <pre>{@code
 * java -jar benchmarks/target/benchmarks.jar MssBenchmark -f 1 -wi 3 -w 1 -i 5 -r 1
 * }</pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class MssBenchmark {

    /** Size of the PDF copy in KB. */
    @org.openjdk.jmh.annotations.Param({"1", "100"})
    public int pdfKb;

    private CrBioReport report;
    private byte[] pdf;
    private WrittenDocument n3;
    private WrittenDocument n1;
    private byte[] xdm;

    /** Writes the 30-result report's documents once. */
    @Setup
    public void setup() {
        report = CdaWriteBenchmark.thirtyResults();
        pdf = pdf(pdfKb);
        n3 = CrBioWriter.standard().n3(report, pdf);
        n1 = CrBioWriter.standard().n1(report, pdf);
        xdm = message().xdm();
    }

    static byte[] pdf(int kb) {
        byte[] body = new byte[Math.max(1, kb) * 1024];
        new Random(42).nextBytes(body);
        byte[] head = "%PDF-1.4\n".getBytes(StandardCharsets.ISO_8859_1);
        System.arraycopy(head, 0, body, 0, head.length);
        return body;
    }

    private MssMessage message() {
        return MssMessage.builder().from("labo.charmes@labo.mssante.fr").to("dr.martin@medecin.mssante.fr")
                .toPatient(report.patient(), false).report(report, n3, n1, pdf).sourceId("1.2.250.1.213.1.1.9")
                .build();
    }

    /**
     * Builds the message: XDM archive, headers, MIME with base64 (the bytes are rendered at build).
     *
     * @return the wire size
     */
    @Benchmark
    public int buildMime() {
        return message().toBytes().length;
    }

    /**
     * Reads and checks the XDM archive.
     *
     * @return the documents read
     */
    @Benchmark
    public XdmPackage readXdm() {
        return XdmReader.create().read(xdm);
    }
}
