package fr.segurbio.dmp;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import fr.segurbio.testkit.TestPki;
import fr.segurbio.testkit.dmp.DmpSimulator;
import fr.segurbio.transport.RetryPolicy;
import fr.segurbio.transport.ServiceConnection;
import fr.segurbio.transport.TrustStore;

/**
 * Memory stays flat while a 50 MB document is retrieved: the simulator (in this JVM) holds an N3 of about 50 MB,
 * and a client in a JVM of its own, whose heap ({@value #CHILD_HEAP_MB} MB) is smaller than the document, streams it
 * with {@link DmpClient#retrieveTo} and prints its size and SHA-256, which must be the document's.
 */
class LargeRetrieveIT {

    static final int CHILD_HEAP_MB = 32;
    static final String MATRICULE = "279035121518989";

    @TempDir
    Path dir;

    @Test
    void aFiftyMegabyteDocumentIsRetrievedByAClientWhoseHeapIsSmallerThanIt() throws Exception {
        try (TestPki pki = TestPki.create(dir.resolve("pki"));
                DmpSimulator sim = DmpSimulator.builder(pki).conformance(Schemas.shared("")).start();
                ServiceConnection connection = ServiceConnection.builder().certificate(Fixtures.load(pki.orgAuthCli()))
                        .trustStore(TrustStore.fromPem(pki.trustAnchorsPem()))
                        .connectTimeout(Duration.ofSeconds(10)).responseTimeout(Duration.ofSeconds(120))
                        .maxResponseBytes(1024 * 1024).retryPolicy(RetryPolicy.none()).noCircuitBreaker().build()) {
            sim.patient(MATRICULE);
            DmpClient dmp = Fixtures.client(pki, connection).endpoint(sim.baseUri()).build();
            DmpSubmission s = Fixtures.submission(Fixtures.report("IT-LARGE-1"), Fixtures.pdf(37 * 1024 * 1024),
                    false);
            byte[] n3 = s.n3().document();
            assertThat(n3.length).isGreaterThan(48 * 1024 * 1024);
            String uniqueId = s.n3().metadata().uniqueId();
            String expected = sha256(n3);
            long size = n3.length;
            dmp.submit(s);

            List<String> command = new ArrayList<>(List.of(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xmx" + CHILD_HEAP_MB + "m", "-XX:+UseSerialGC",
                    "-cp", System.getProperty("java.class.path")));
            String shared = System.getProperty("segur.shared");
            if (shared != null) {
                command.add("-Dsegur.shared=" + shared);
            }
            command.addAll(List.of(LargeRetrieveChild.class.getName(), sim.baseUri().toString(),
                    pki.orgAuthCli().pkcs12().toString(), pki.orgSign().pkcs12().toString(),
                    new String(pki.password()), pki.trustAnchorsPem().toString(), MATRICULE, uniqueId));
            Path output = dir.resolve("child.txt");
            Process child = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(output.toFile()).start();
            boolean ended = child.waitFor(240, TimeUnit.SECONDS);
            if (!ended) {
                child.destroyForcibly();
            }
            String out = read(output);
            assertThat(ended).as("the child JVM ended in time:%n%s", out).isTrue();
            assertThat(child.exitValue()).as("the child JVM's exit code:%n%s", out).isZero();
            Matcher m = Pattern.compile("size=(\\d+) sha256=([0-9a-f]+) maxHeap=(\\d+)").matcher(out);
            assertThat(m.find()).as("the child's report:%n%s", out).isTrue();
            assertThat(Long.parseLong(m.group(1))).isEqualTo(size);
            assertThat(m.group(2)).isEqualTo(expected);
            // the document could not have been held whole: it is larger than the child's whole heap
            assertThat(Long.parseLong(m.group(3))).isLessThan(size);
        }
    }

    private static String read(Path p) throws IOException {
        return Files.exists(p) ? Files.readString(p, StandardCharsets.UTF_8) : "";
    }

    private static String sha256(byte[] b) throws NoSuchAlgorithmException {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
    }
}
