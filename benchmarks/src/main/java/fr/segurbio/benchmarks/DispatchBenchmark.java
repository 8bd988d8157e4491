package fr.segurbio.benchmarks;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import fr.segurbio.cda.CrBioReport;
import fr.segurbio.cda.CrBioWriter;
import fr.segurbio.cda.InstanceId;
import fr.segurbio.dispatch.Consent;
import fr.segurbio.dispatch.Correspondent;
import fr.segurbio.dispatch.Dispatcher;
import fr.segurbio.dispatch.DmpSender;
import fr.segurbio.dispatch.MssSender;
import fr.segurbio.dispatch.Publication;
import fr.segurbio.dispatch.journal.Journal;
import fr.segurbio.dispatch.journal.SendingState;
import fr.segurbio.dmp.DmpClient;
import fr.segurbio.dmp.DmpEnvironment;
import fr.segurbio.dmp.vihf.DmpActor;
import fr.segurbio.dmp.vihf.VihfSettings;
import fr.segurbio.mss.mail.Endpoint;
import fr.segurbio.mss.mail.MssClient;
import fr.segurbio.mss.mail.OperatorSettings;
import fr.segurbio.mss.mail.TlsMode;
import fr.segurbio.testkit.ConformanceMaterial;
import fr.segurbio.testkit.TestPki;
import fr.segurbio.testkit.dmp.DmpSimulator;
import fr.segurbio.testkit.mss.MssOperatorFront;
import fr.segurbio.transport.ServiceConnection;
import fr.segurbio.transport.SoftwareCertificate;
import fr.segurbio.transport.TrustStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Dispatch throughput end to end, in reports per second (issue 13's target: at least 50 on 2 cores): each
 * invocation writes ten new validated reports' N3 and N1 (30 results, a 20 KB PDF) and publishes them through the
 * {@link Dispatcher} on the embedded journal (an H2 file, every commit on disk) while a scheduler thread drains
 * them, as an SGL does (its validation publishes, its scheduler sends) — the DMP by
 * {@link DmpSender} (ITI-41 over mutual TLS to testkit's DMP simulator, which checks its schemas and signatures),
 * the prescriber and the patient by {@link MssSender} (SMTP over mutual TLS to GreenMail behind testkit's MSSanté
 * operator front, a copy filed in the sent folder over IMAP): three sendings a report, each recorded before and
 * after. The stores are emptied at each iteration. Needs the XDS and VIHF schemas ({@code ../shared/conformance}
 * or {@code -Dsegur.shared=DIR}).
 *
 * <p>The warm-up is long (6 × 10 s): the path runs the CDA writer and reader, the XDS projection, VIHF and XAdES
 * signing, SOAP, MIME, XDM, TLS, H2 and, in the same process, the simulators' schema and signature checks and
 * GreenMail; after 100 reports of warm-up the JIT compiler threads still took about 30 ms of CPU per report during
 * the measurement, after 600 about 15 ms (a throw-away loop measuring each thread's CPU on the shared 2-core
 * machine), so a 15 s warm-up measured mostly the JIT.
 *
 * <pre>{@code
 * java -jar benchmarks/target/benchmarks.jar DispatchBenchmark -f 1
 * }</pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(1)
@Warmup(iterations = 6, time = 10)
@Measurement(iterations = 5, time = 5)
public class DispatchBenchmark {

    private static final String LAB = "labo.charmes@labo.mssante.fr";
    private static final String PRESCRIBER = "dr.martin@medecin.mssante.fr";
    private static final String MATRICULE = "279035121518989";
    private static final String SOURCE = "1.2.250.1.213.1.1.9";
    private static final AtomicLong COUNTER = new AtomicLong();
    /** Reports per benchmark invocation. */
    private static final int REPORTS = 10;

    private TestPki pki;
    private DmpSimulator dmpSimulator;
    private GreenMail mail;
    private MssOperatorFront front;
    private ServiceConnection connection;
    private Path journalDir;
    private Journal journal;
    private Dispatcher dispatcher;
    private MssSender professionals;
    private MssSender patient;
    private byte[] pdf;
    /** The lab's scheduler: drains the dispatcher while the benchmark's thread publishes. */
    private ExecutorService scheduler;
    /** Released at each publication, so that the scheduler drains again. */
    private final Semaphore published = new Semaphore(0);

    /** Starts the simulators, the clients and the dispatcher on a new embedded journal. */
    @Setup(Level.Trial)
    public void setUp() throws IOException {
        Path shared = ConformanceMaterial.root().filter(r -> ConformanceMaterial.find("conformance/xds").isPresent())
                .orElseThrow(() -> new IllegalStateException(ConformanceMaterial.missing("conformance/xds")));
        pki = TestPki.create();
        dmpSimulator = DmpSimulator.builder(pki).conformance(shared).logBodyLimit(1_000).start();
        dmpSimulator.patient(MATRICULE);
        mail = new GreenMail(new ServerSetup[] {new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP),
            new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_IMAP)});
        mail.start();
        for (String a : new String[] {LAB, PRESCRIBER, MATRICULE + "@patient.mssante.fr"}) {
            mail.setUser(a, a, "store-" + a.hashCode());
        }
        front = MssOperatorFront.builder(pki.serverIdentity(), pki.trustAnchors())
                .store(mail)
                .applicationMailbox(LAB, TestPki.ORGANIZATION, "store-" + LAB.hashCode()).start();
        connection = ServiceConnection.builder()
                .certificate(SoftwareCertificate.pkcs12(pki.orgAuthCli().pkcs12(), pki.password()).load())
                .trustStore(TrustStore.of(pki.trustAnchors()))
                .connectTimeout(Duration.ofSeconds(5)).responseTimeout(Duration.ofSeconds(30)).build();
        DmpClient dmp = DmpClient.builder().connection(connection).environment(DmpEnvironment.TEST)
                .endpoint(dmpSimulator.baseUri())
                .vihf(VihfSettings.builder().software("SEGUR-BIO-BENCH", "0.1.0")
                        .softwareInstanceId("1.2.250.1.999.1.1.42").homologation("BENCH-0001")
                        .structureId("1120459876").sector("SA25").build())
                .signingCertificate(SoftwareCertificate.pkcs12(pki.orgSign().pkcs12(), pki.password()).load())
                .actor(DmpActor.automate("1120459876/SGL", "SEGUR-BIO-BENCH, automate"))
                .structure("1120459876", "Laboratoire des charmes").checkStatusBeforeSubmit(false).build();
        MssClient mss = MssClient.builder().operator(OperatorSettings.builder().domains(Set.of("localhost"))
                        .smtp(new Endpoint("localhost", front.smtpPort(), TlsMode.IMPLICIT))
                        .imap(new Endpoint("localhost", front.imapPort(), TlsMode.IMPLICIT)).build())
                .mailbox(LAB).connection(connection).build();
        journalDir = Files.createTempDirectory("segur-dispatch-bench");
        journal = Journal.embedded(journalDir);
        professionals = MssSender.professionals(mss, SOURCE);
        patient = MssSender.patient(mss, SOURCE);
        dispatcher = Dispatcher.builder(journal).node("bench").sender(DmpSender.submitting(dmp))
                .sender(DmpSender.releasing(dmp)).sender(professionals).sender(patient).build();
        pdf = new byte[20 * 1024];
        new Random(42).nextBytes(pdf);
        byte[] head = "%PDF-1.4\n".getBytes(StandardCharsets.ISO_8859_1);
        System.arraycopy(head, 0, pdf, 0, head.length);
        scheduler = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "bench-scheduler");
            t.setDaemon(true);
            return t;
        });
    }

    /** Empties the DMP simulator and the mail store (memory stays bounded). */
    @Setup(Level.Iteration)
    public void empty() throws Exception {
        dmpSimulator.clearDocuments();
        mail.purgeEmailFromAllMailboxes();
    }

    /**
     * Ten reports written and published, as biologists validate them, while the lab's scheduler drains the
     * dispatcher (its sendings side by side, {@link Dispatcher.Builder#parallelism}, taking the sendings due as
     * they are published): the invocation ends when every sending of the ten reports has been handled and is
     * {@link SendingState#SENT}; the score is per report.
     *
     * @return the number of sendings done (30)
     * @throws Exception when the scheduler's drain failed
     */
    @Benchmark
    @OperationsPerInvocation(REPORTS)
    public int publishAndSend() throws Exception {
        published.drainPermits();
        Future<Integer> sending = scheduler.submit(() -> {
            int handled = 0;
            while (handled < 3 * REPORTS) {
                published.acquire();   // a report was published since the last drain
                published.drainPermits();
                handled += dispatcher.drain();
            }
            return handled;
        });
        CrBioWriter writer = CrBioWriter.standard();
        String[] ids = new String[REPORTS];
        try {
            for (int i = 0; i < REPORTS; i++) {
                String ext = "DISPATCH-" + COUNTER.incrementAndGet();
                ids[i] = ext;
                CrBioReport report = CdaWriteBenchmark.thirtyResults(InstanceId.of("1.2.250.1.213.1.1.9.1.2024.1.1",
                        ext));
                dispatcher.publish(Publication.builder(ext, 1).n3(writer.n3(report, pdf).document())
                        .n1(writer.n1(report, pdf).document()).pdf(pdf).qualifiedIns(MATRICULE)
                        .consent(Consent.NONE).correspondent(new Correspondent("Dr MARTIN", Optional.of(PRESCRIBER)))
                        .build());
                published.release();
            }
        } catch (RuntimeException e) {
            sending.cancel(true);   // the scheduler would wait for the publications that will not come
            throw e;
        }
        int done = sending.get(2, TimeUnit.MINUTES);
        for (String ext : ids) {
            if (dispatcher.status(ext).stream().anyMatch(e -> e.state() != SendingState.SENT)) {
                throw new IllegalStateException("every sending SENT expected: " + dispatcher.status(ext));
            }
        }
        if (done != 3 * REPORTS) {
            throw new IllegalStateException(3 * REPORTS + " sendings expected, " + done + " done");
        }
        return done;
    }

    /** Stops everything and deletes the journal. */
    @TearDown(Level.Trial)
    public void tearDown() {
        scheduler.shutdownNow();
        dispatcher.close();
        professionals.close();
        patient.close();
        journal.close();
        connection.close();
        front.close();
        mail.stop();
        dmpSimulator.close();
        pki.close();
        try (Stream<Path> files = Files.walk(journalDir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
