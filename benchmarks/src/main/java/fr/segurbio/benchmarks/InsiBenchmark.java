package fr.segurbio.benchmarks;

import fr.segurbio.ins.Sex;
import fr.segurbio.ins.insi.InsiClient;
import fr.segurbio.ins.insi.InsiResult;
import fr.segurbio.ins.insi.TraitsSearch;
import fr.segurbio.testkit.ConformanceMaterial;
import fr.segurbio.testkit.TestIdentity;
import fr.segurbio.testkit.TestPki;
import fr.segurbio.testkit.insi.InsiSimulator;
import fr.segurbio.transport.ServiceConnection;
import fr.segurbio.transport.TrustStore;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * An INSi round trip against the local INSi simulator over mutual TLS, the connection (and its TLS session)
 * reused by the client's pool: build the request, send it, the simulator validates it against the XSDs and
 * answers, the client reads the {@code 00} leniently. Target: under 5 ms. Needs the INSi XSDs
 * ({@code ../shared/conformance/insi/xsd} or {@code -Dsegur.shared=DIR}).
 *
 * <pre>{@code
 * java -jar benchmarks/target/benchmarks.jar InsiBenchmark -f 1 -wi 3 -w 1 -i 5 -r 1
 * }</pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class InsiBenchmark {

    private TestPki pki;
    private InsiSimulator simulator;
    private ServiceConnection connection;
    private InsiClient client;
    private TraitsSearch found;
    private TraitsSearch notFound;

    /** Starts the simulator and builds the client once. */
    @Setup
    public void setUp() {
        Path xsd = ConformanceMaterial.find("conformance/insi/xsd").orElseThrow(
                () -> new IllegalStateException(ConformanceMaterial.missing("conformance/insi/xsd")));
        pki = TestPki.create();
        simulator = InsiSimulator.start(pki, xsd);
        TestIdentity auto = pki.insiAuto();
        connection = ServiceConnection.builder()
                .certificate(auto.pkcs12(), auto.password())
                .trustStore(TrustStore.of(pki.trustAnchors()))
                .connectTimeout(Duration.ofSeconds(5))
                .responseTimeout(Duration.ofSeconds(5))
                .build();
        client = InsiClient.builder()
                .connection(connection)
                .endpoint(simulator.endpoint())
                .software("SEGUR-BIO-BENCH", "0.1.0", UUID.fromString("0b8f6a52-3f0e-4d8e-9d0c-5a4f1c2e9b77"))
                .idam(InsiSimulator.DEFAULT_IDAM)
                .build();
        found = TraitsSearch.builder().birthName("ECETINSI").firstName("PIERRE-ALAIN").sex(Sex.M)
                .birthDate("2009-07-14").build();
        notFound = TraitsSearch.builder().birthName("HOUILLES").firstName("PIERRE").sex(Sex.M)
                .birthDate("1990-01-01").build();
        if (!(client.search(found) instanceof InsiResult.Found)) {
            throw new IllegalStateException("the simulator did not answer 00");
        }
    }

    /** Stops everything. */
    @TearDown
    public void tearDown() {
        connection.close();
        simulator.close();
        pki.close();
    }

    /**
     * A {@code 00} with two history entries.
     *
     * @return the result
     */
    @Benchmark
    public InsiResult roundTripFound() {
        return client.search(found);
    }

    /**
     * A {@code 01}.
     *
     * @return the result
     */
    @Benchmark
    public InsiResult roundTripNotFound() {
        return client.search(notFound);
    }
}
