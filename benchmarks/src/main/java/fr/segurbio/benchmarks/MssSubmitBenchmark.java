package fr.segurbio.benchmarks;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;

import fr.segurbio.cda.CrBioReport;
import fr.segurbio.cda.CrBioWriter;
import fr.segurbio.cda.WrittenDocument;
import fr.segurbio.mss.MssMessage;
import fr.segurbio.mss.mail.Endpoint;
import fr.segurbio.mss.mail.MssClient;
import fr.segurbio.mss.mail.OperatorSettings;
import fr.segurbio.mss.mail.SubmissionResult;
import fr.segurbio.mss.mail.TlsMode;
import fr.segurbio.testkit.TestIdentity;
import fr.segurbio.testkit.TestPki;
import fr.segurbio.testkit.mss.MssOperatorFront;
import fr.segurbio.transport.ServiceConnection;
import fr.segurbio.transport.TrustStore;

/**
 * Messages submitted per second to the in-process server (GreenMail behind the testkit's operator front, mutual
 * TLS with the lab's certificate) over one reused TLS connection: each operation builds a 30-result report's
 * message (XDM + PDF) and submits it to two recipients. Target: at least 50 messages/s on 2 cores.
 *
 * <pre>{@code
 * java -jar benchmarks/target/benchmarks.jar MssSubmitBenchmark -f 1 -wi 3 -w 2 -i 5 -r 2
 * }</pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class MssSubmitBenchmark {

    private static final String LAB = "labo.charmes@labo.mssante.fr";

    private TestPki pki;
    private GreenMail store;
    private MssOperatorFront front;
    private ServiceConnection connection;
    private MssClient.Submission submission;
    private CrBioReport report;
    private WrittenDocument n3;
    private WrittenDocument n1;
    private byte[] pdf;

    /** Starts the server, opens the TLS connection, writes the documents. */
    @Setup(Level.Trial)
    public void setup() {
        pki = TestPki.create();
        store = new GreenMail(new ServerSetup[] {new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP),
            new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_IMAP)});
        store.start();
        store.setUser(LAB, LAB, "store-lab");
        front = MssOperatorFront.builder(pki.serverIdentity(), pki.trustAnchors())
                .store(store)
                .applicationMailbox(LAB, TestPki.ORGANIZATION, "store-lab").start();
        TestIdentity certificate = pki.orgAuthCli();
        connection = ServiceConnection.builder().certificate(certificate.pkcs12(), certificate.password())
                .trustStore(TrustStore.of(pki.trustAnchors())).responseTimeout(Duration.ofSeconds(30)).build();
        MssClient client = MssClient.builder().operator(OperatorSettings.builder().domains(Set.of("localhost"))
                .smtp(new Endpoint("localhost", front.smtpPort(), TlsMode.IMPLICIT))
                .imap(new Endpoint("localhost", front.imapPort(), TlsMode.IMPLICIT)).build())
                .mailbox(LAB).connection(connection).build();
        submission = client.openSubmission();
        report = CdaWriteBenchmark.thirtyResults();
        pdf = MssBenchmark.pdf(100);
        n3 = CrBioWriter.standard().n3(report, pdf);
        n1 = CrBioWriter.standard().n1(report, pdf);
    }

    /** Closes everything. */
    @TearDown(Level.Trial)
    public void tearDown() {
        submission.close();
        connection.close();
        front.close();
        store.stop();
        pki.close();
    }

    /**
     * Builds and submits one message.
     *
     * @return the server's answer
     */
    @Benchmark
    public SubmissionResult submit() {
        MssMessage m = MssMessage.builder().from(LAB).to("dr.martin@medecin.mssante.fr")
                .toPatient(report.patient(), false).report(report, n3, n1, pdf).sourceId("1.2.250.1.213.1.1.9")
                .build();
        return submission.send(m);
    }
}
