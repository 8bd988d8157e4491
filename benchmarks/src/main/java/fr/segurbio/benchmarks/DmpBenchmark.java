package fr.segurbio.benchmarks;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.w3c.dom.Element;

import fr.segurbio.cda.CrBioReport;
import fr.segurbio.cda.CrBioWriter;
import fr.segurbio.cda.InstanceId;
import fr.segurbio.dmp.DmpClient;
import fr.segurbio.dmp.DmpEnvironment;
import fr.segurbio.dmp.DmpSubmission;
import fr.segurbio.dmp.PatientConsent;
import fr.segurbio.dmp.SubmissionResult;
import fr.segurbio.dmp.vihf.DmpActor;
import fr.segurbio.dmp.vihf.VihfIssuer;
import fr.segurbio.dmp.vihf.VihfSettings;
import fr.segurbio.ins.Ins;
import fr.segurbio.testkit.ConformanceMaterial;
import fr.segurbio.testkit.TestPki;
import fr.segurbio.testkit.dmp.DmpSimulator;
import fr.segurbio.transport.ServiceConnection;
import fr.segurbio.transport.SoftwareCertificate;
import fr.segurbio.transport.TrustStore;

/**
 * dmp-client's hot paths: the VIHF built and signed (RSA-2048, exclusive c14n; target under 2 ms), and the ITI-41
 * submission of a 30-result CR-BIO N3 + N1 with a 100 KB PDF — metadata, XAdES signature document, VIHF, MTOM
 * serialisation, mutual TLS on a warm pool, the simulator's checks (schemas, VIHF signature, manifest digests)
 * and its answer (target under 10 ms; 100 submissions/s on 2 cores). The simulator is emptied before each
 * submission so that the same uniqueIds can be sent again. And the streamed ITI-43 of a 50 MB document (memory
 * flat: with {@code -prof gc}, the bytes allocated per operation stay far below the document's size). Needs the XDS and VIHF schemas
 * ({@code ../shared/conformance} or {@code -Dsegur.shared=DIR}).
 *
 * <pre>{@code
 * java -jar benchmarks/target/benchmarks.jar DmpBenchmark -f 1 -wi 5 -w 1 -i 10 -r 1
 * }</pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class DmpBenchmark {

    private static final Ins INS = Ins.of("279035121518989", "1.2.250.1.213.1.4.10");

    private TestPki pki;
    private DmpSimulator simulator;
    private ServiceConnection connection;
    private DmpClient client;
    private VihfIssuer vihf;
    private DmpActor actor;
    private DmpSubmission submission;
    private byte[] pdf;
    private static final java.util.concurrent.atomic.AtomicLong COUNTER = new java.util.concurrent.atomic.AtomicLong();

    /** Starts the simulator, builds the client and the submission once. */
    @Setup
    public void setUp() {
        Path shared = ConformanceMaterial.root().filter(r -> ConformanceMaterial.find("conformance/xds").isPresent())
                .orElseThrow(() -> new IllegalStateException(ConformanceMaterial.missing("conformance/xds")));
        pki = TestPki.create();
        simulator = DmpSimulator.builder(pki).conformance(shared).start();
        simulator.patient(INS.matricule().value());
        connection = ServiceConnection.builder()
                .certificate(SoftwareCertificate.pkcs12(pki.orgAuthCli().pkcs12(), pki.password()).load())
                .trustStore(TrustStore.of(pki.trustAnchors()))
                .connectTimeout(Duration.ofSeconds(5)).responseTimeout(Duration.ofSeconds(10)).build();
        VihfSettings settings = VihfSettings.builder().software("SEGUR-BIO-BENCH", "0.1.0")
                .softwareInstanceId("1.2.250.1.999.1.1.42").homologation("BENCH-0001").structureId("1120459876")
                .sector("SA25").build();
        SoftwareCertificate sign = SoftwareCertificate.pkcs12(pki.orgSign().pkcs12(), pki.password()).load();
        actor = DmpActor.automate("1120459876/SGL", "SEGUR-BIO-BENCH, automate");
        vihf = VihfIssuer.of(settings, sign);
        client = DmpClient.builder().connection(connection).environment(DmpEnvironment.TEST)
                .endpoint(simulator.baseUri()).vihf(settings).signingCertificate(sign).actor(actor)
                .structure("1120459876", "Laboratoire des charmes").checkStatusBeforeSubmit(false).build();
        CrBioReport report = CdaWriteBenchmark.thirtyResults();
        pdf = new byte[100 * 1024];
        new Random(42).nextBytes(pdf);
        byte[] head = "%PDF-1.4\n".getBytes(StandardCharsets.ISO_8859_1);
        System.arraycopy(head, 0, pdf, 0, head.length);
        CrBioWriter writer = CrBioWriter.standard();
        submission = DmpSubmission.builder().n3(writer.n3(report, pdf)).n1(writer.n1(report, pdf))
                .consent(PatientConsent.informedNotOpposed(Instant.now())).build();
        client.submit(submission);
        simulator.clearDocuments();
    }

    /** Empties the simulator before each submission (only for {@link #submit}), so that it is new. */
    @State(Scope.Thread)
    public static class Fresh {
        /**
         * Empties the simulator.
         *
         * @param bench the benchmark's state
         */
        @Setup(Level.Invocation)
        public void empty(DmpBenchmark bench) {
            bench.simulator.clearDocuments();
        }
    }

    /** Empties the simulator at each iteration of the throughput benchmark. */
    @State(Scope.Benchmark)
    public static class PerIteration {
        /**
         * Empties the simulator.
         *
         * @param bench the benchmark's state
         */
        @Setup(Level.Iteration)
        public void empty(DmpBenchmark bench) {
            bench.simulator.clearDocuments();
        }
    }

    /** A 50 MB document (a report whose PDF is 37 MB, base64 in the N3) stored once, for the streamed retrieve. */
    @State(Scope.Benchmark)
    public static class LargeDocument {
        String uniqueId;

        /**
         * Submits the large report once.
         *
         * @param bench the benchmark's state
         */
        @Setup
        public void store(DmpBenchmark bench) {
            CrBioReport report = CdaWriteBenchmark.thirtyResults();
            byte[] pdf = new byte[37 * 1024 * 1024];
            new Random(7).nextBytes(pdf);
            byte[] head = "%PDF-1.4\n".getBytes(StandardCharsets.ISO_8859_1);
            System.arraycopy(head, 0, pdf, 0, head.length);
            CrBioWriter writer = CrBioWriter.standard();
            DmpSubmission large = DmpSubmission.builder().n3(writer.n3(report, pdf)).n1(writer.n1(report, pdf))
                    .consent(PatientConsent.informedNotOpposed(Instant.now())).build();
            bench.simulator.clearDocuments();
            uniqueId = bench.client.submit(large).pair().n3();
        }
    }

    /**
     * ITI-43 of the 50 MB N3, streamed: run with {@code -prof gc} to see that the allocation per operation stays
     * far below the document's size (the document is never held whole).
     *
     * @param large the stored document
     * @return the bytes received
     */
    @Benchmark
    public long retrieveLargeStreamed(LargeDocument large) {
        return client.retrieveTo(INS, large.uniqueId, OutputStream.nullOutputStream(), 200L * 1024 * 1024).size();
    }

    /**
     * Submissions per second from 4 threads on the warm pool, each a new report (its N3 and N1 written, then
     * sent): the issue's target is at least 100 per second on 2 cores.
     *
     * @param emptied the simulator emptied at each iteration (bounded memory)
     * @return the result
     */
    @Benchmark
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.SECONDS)
    @Threads(4)
    public SubmissionResult submitNewReports(PerIteration emptied) {
        InstanceId id = InstanceId.of("1.2.250.1.213.1.1.9.1.2024.1.1", "T" + COUNTER.incrementAndGet());
        CrBioReport report = CdaWriteBenchmark.thirtyResults(id);
        CrBioWriter writer = CrBioWriter.standard();
        return client.submit(DmpSubmission.builder().n3(writer.n3(report, pdf)).n1(writer.n1(report, pdf))
                .consent(PatientConsent.informedNotOpposed(Instant.now())).build());
    }

    /** Stops everything. */
    @TearDown
    public void tearDown() {
        connection.close();
        simulator.close();
        pki.close();
    }

    /**
     * The VIHF built and signed.
     *
     * @return the {@code wsse:Security} element
     */
    @Benchmark
    public Element vihfBuildAndSign() {
        return vihf.issue(INS, actor);
    }

    /**
     * ITI-41 of the N3 + N1 (100 KB PDF) and the XAdES document to the simulator.
     *
     * @param fresh the emptied simulator
     * @return the result
     */
    @Benchmark
    public SubmissionResult submit(Fresh fresh) {
        return client.submit(submission);
    }
}
