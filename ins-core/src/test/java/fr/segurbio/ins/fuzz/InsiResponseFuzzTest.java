package fr.segurbio.ins.fuzz;

import fr.segurbio.core.fuzz.FuzzProperty;
import fr.segurbio.core.fuzz.FuzzedAnswer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import com.code_intelligence.jazzer.junit.DictionaryFile;
import com.code_intelligence.jazzer.junit.FuzzTest;

import fr.segurbio.ins.InsException;
import fr.segurbio.ins.Sex;
import fr.segurbio.ins.insi.InsiClient;
import fr.segurbio.ins.insi.InsiResult;
import fr.segurbio.ins.insi.TraitsSearch;
import fr.segurbio.testkit.TestPki;
import fr.segurbio.transport.HttpResult;
import fr.segurbio.transport.RetryPolicy;
import fr.segurbio.transport.ServiceConnection;
import fr.segurbio.transport.SoftwareCertificate;

/**
 * Fuzz target of the INSi response reader, reached as in production: {@link InsiClient#search(TraitsSearch)} over a
 * stand-in exchange answering the input (first line: Content-Type, rest: body, see {@code SoapResponseFuzzTest} in
 * transport). A result ({@code 00}, {@code 01}, {@code 02}, unavailable) or an {@link InsException}
 * ({@code InsiException}, {@code InsiFaultException}), never another exception. Seeds:
 * {@code InsiResponseFuzzTestInputs/search} and the CNDA samples of {@code ../shared/conformance/insi/samples}.
 */
class InsiResponseFuzzTest {

    private static final TestPki PKI = TestPki.create();
    private static final SoftwareCertificate INSI_AUTO =
            SoftwareCertificate.pkcs12(PKI.insiAuto().pkcs12(), PKI.insiAuto().password()).load();
    private static final TraitsSearch SEARCH = TraitsSearch.builder().birthName("FUZZ").firstName("JEAN").sex(Sex.M)
            .birthDate("1980-01-01").build();

    @AfterAll
    static void close() {
        PKI.close();
    }

    @DictionaryFile(resourcePath = "/fr/segurbio/ins/fuzz/insi.dict")
    @FuzzTest(maxDuration = "2m")
    void search(byte[] input) {
        check(input);
    }

    @TestFactory
    Stream<DynamicTest> cndaSamplesAsSeeds() {
        List<Path> seeds = FuzzProperty.sharedSeeds("insi/samples", "*.xml", 1024 * 1024);
        assumeTrue(!seeds.isEmpty(), FuzzProperty.missing("insi/samples"));
        return seeds.stream().map(p -> DynamicTest.dynamicTest(p.getFileName().toString(), () -> {
            byte[] body = Files.readAllBytes(p);
            byte[] input = concat("application/soap+xml; charset=UTF-8\n".getBytes(StandardCharsets.US_ASCII), body);
            assertThat(check(input)).as("a CNDA sample is read").isTrue();
        }));
    }

    /** Returns whether a result came back. */
    static boolean check(byte[] input) {
        HttpResult answer = answer(input);
        try (ServiceConnection connection = ServiceConnection.builder()
                .certificate(INSI_AUTO)
                .retryPolicy(RetryPolicy.builder().maxAttempts(1).sleeper(d -> { }).build())
                .circuitBreaker(1_000_000, Duration.ofSeconds(1))
                .standIn(call -> answer)
                .build()) {
            InsiClient client = InsiClient.builder().connection(connection).endpoint(InsiClient.TEST_ENDPOINT)
                    .software("SEGUR-BIO-FUZZ", "0.1.0", UUID.fromString("7d1f7c36-5b7a-4a0e-9f4e-2f1d8f0c0a11"))
                    .idam("LSN17NF23FW0").build();
            return FuzzProperty.check(InsException.class, input.length, () -> {
                InsiResult r = client.search(SEARCH);
                assertThat(r).isNotNull();
                return r;
            }).isPresent();
        }
    }

    static HttpResult answer(byte[] input) {
        FuzzedAnswer a = FuzzedAnswer.of(input);
        return new HttpResult(a.status(), Map.of("content-type", List.of(a.contentType())), a.body());
    }

    static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    static byte[] read(Path p) throws IOException {
        return Files.readAllBytes(p);
    }
}
