package fr.segurbio.mss.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import com.code_intelligence.jazzer.junit.FuzzTest;

import fr.segurbio.core.fuzz.FuzzProperty;
import fr.segurbio.mss.MssException;
import fr.segurbio.mss.annuaire.AnnuaireClient;
import fr.segurbio.mss.annuaire.BalExtract;
import fr.segurbio.mss.annuaire.Professional;
import fr.segurbio.transport.HttpResult;
import fr.segurbio.transport.RetryPolicy;
import fr.segurbio.transport.ServiceConnection;

/**
 * Fuzz targets of mssante-client's readers of the Annuaire Santé: {@code annuaire}, the FHIR API's answers to a
 * practitioner search ({@link AnnuaireClient} through a stand-in exchange: Bundle, Practitioner and PractitionerRole
 * with their MSSanté mailbox extensions, paging links, HTTP errors and rate limiting) and {@code balExtract}, the
 * "extraction des BAL MSSanté" flat file ({@link BalExtract}). A result or an {@link MssException} with its code,
 * never another exception. Seeds: {@code AnnuaireFuzzTestInputs/<method>}.
 *
 * <p>{@code annuaire} input: the first line is the HTTP status, optionally followed by a Retry-After value
 * ({@code 429 3}); the rest is the body, the answer to every page asked. 502, 503 and 504 are read as 500: transport
 * refuses those itself, by design, with its {@code RemoteServiceException}.
 */
class AnnuaireFuzzTest {

    static final String RPPS = "10003456789";
    private static final URI BASE = URI.create("https://gateway.annuaire.test/fhir/v2");

    private static volatile HttpResult answer;
    private static final AnnuaireClient CLIENT = AnnuaireClient.builder()
            .connection(ServiceConnection.builder()
                    .retryPolicy(RetryPolicy.builder().maxAttempts(1).sleeper(d -> { }).build())
                    .circuitBreaker(1_000_000, Duration.ofSeconds(1))
                    .maxResponseBytes(1024 * 1024)
                    .standIn(call -> answer).build())
            .baseUri(BASE).apiKey("fuzz-key").rateLimit(3, Duration.ofSeconds(1)).sleeper(d -> { }).build();

    @FuzzTest(maxDuration = "2m")
    void annuaire(byte[] input) {
        answer = answer(input);
        FuzzProperty.check(MssException.class, input.length, () -> CLIENT.lookup(RPPS))
                .ifPresent(AnnuaireFuzzTest::sound);
    }

    @FuzzTest(maxDuration = "2m")
    void balExtract(byte[] input) {
        FuzzProperty.check(MssException.class, input.length, () -> BalExtract.read(new ByteArrayInputStream(input)))
                .ifPresent(e -> {
                    assertThat(e.problems()).isNotNull();
                    assertThat(e.size()).isGreaterThanOrEqualTo(0);
                    FuzzProperty.check(MssException.class, input.length, () -> e.lookup(RPPS))
                            .ifPresent(AnnuaireFuzzTest::sound);
                });
    }

    private static void sound(Professional p) {
        assertThat(p.rpps()).isEqualTo(RPPS);
        assertThat(p.familyName()).isNotNull();
        assertThat(p.mailboxes()).isNotNull().doesNotContainNull();
        FuzzProperty.check(MssException.class, 0, p::reportMailbox);
    }

    /** First line: the status, and a Retry-After value after it; the rest: the body. */
    static HttpResult answer(byte[] input) {
        int nl = 0;
        while (nl < input.length && input[nl] != '\n') {
            nl++;
        }
        String[] first = new String(input, 0, nl, StandardCharsets.ISO_8859_1).strip().split(" ", 2);
        int status;
        try {
            status = Integer.parseInt(first[0]);
        } catch (NumberFormatException e) {
            status = 200;
        }
        if (status < 100 || status > 599) {
            status = 200;
        }
        if (status == 502 || status == 503 || status == 504) {
            // answered by transport itself (RemoteServiceException) before the Annuaire reader sees the answer
            status = 500;
        }
        byte[] body = nl >= input.length ? new byte[0] : Arrays.copyOfRange(input, nl + 1, input.length);
        Map<String, List<String>> headers = first.length > 1
                ? Map.of("content-type", List.of("application/fhir+json"), "retry-after", List.of(first[1]))
                : Map.of("content-type", List.of("application/fhir+json"));
        return new HttpResult(status, headers, body);
    }
}
