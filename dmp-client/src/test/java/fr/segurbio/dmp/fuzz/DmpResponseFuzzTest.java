package fr.segurbio.dmp.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import com.code_intelligence.jazzer.junit.FuzzTest;

import fr.segurbio.cda.CrBioJson;
import fr.segurbio.cda.CrBioReport;
import fr.segurbio.cda.CrBioWriter;
import fr.segurbio.core.fuzz.FuzzProperty;
import fr.segurbio.core.fuzz.FuzzedAnswer;
import fr.segurbio.dmp.DmpClient;
import fr.segurbio.dmp.DmpDocument;
import fr.segurbio.dmp.DmpEnvironment;
import fr.segurbio.dmp.DmpException;
import fr.segurbio.dmp.DmpStatus;
import fr.segurbio.dmp.DmpSubmission;
import fr.segurbio.dmp.DocumentPair;
import fr.segurbio.dmp.FindQuery;
import fr.segurbio.dmp.PatientConsent;
import fr.segurbio.dmp.RetrievedDocument;
import fr.segurbio.dmp.StreamedDocument;
import fr.segurbio.dmp.vihf.DmpActor;
import fr.segurbio.dmp.vihf.VihfSettings;
import fr.segurbio.ins.Ins;
import fr.segurbio.testkit.MutualTlsServer;
import fr.segurbio.testkit.ServerResponse;
import fr.segurbio.testkit.TestPki;
import fr.segurbio.transport.HttpCall;
import fr.segurbio.transport.HttpResult;
import fr.segurbio.transport.RetryPolicy;
import fr.segurbio.transport.ServiceConnection;
import fr.segurbio.transport.SoftwareCertificate;
import fr.segurbio.transport.TrustStore;

/**
 * Fuzz targets of dmp-client's readers of what the DMP answers, each through the public {@link DmpClient} and a
 * stand-in exchange (the whole stack above the socket: SOAP 1.2 / MTOM parsing, SOAP faults with their registry
 * errors, then the DMP's own reading): {@code td02} (DMP status, authorisation, oppositions), {@code find} (ITI-18
 * AdhocQueryResponse: document entries, errors; also read by a mask, whose ITI-57 request is built from it),
 * {@code submit} (ITI-41 RegistryResponse: success, partial success, errors such as a duplicate uniqueId, which
 * makes the client look the documents up), {@code update} (ITI-57 RegistryResponse), {@code retrieve} (ITI-43
 * RetrieveDocumentSetResponse, MTOM or inline) and {@code retrieveStreamed} (the same answer read by the streaming
 * retrieve, {@code MultipartReader}, over a local TLS server). A result or a {@link DmpException} with its code,
 * never another exception. {@code retrieveStreamed} runs in regression mode only: fuzzing it, Jazzer's SSRF detector
 * reports the target's own connection to its local server, which the JDK's HTTP client makes on its own threads,
 * out of reach of {@code BugDetectors.allowNetworkConnections} (thread-bound).
 *
 * <p>Input layout (as transport's {@code SoapResponseFuzzTest}): the first line is the answer's Content-Type, with
 * {@code 500 } before it for an HTTP 500; the rest is the body. The other calls a flow makes get the answers of the
 * testkit DMP simulator. Seeds: {@code DmpResponseFuzzTestInputs/<method>}, the simulator's own answers written by
 * {@link DmpSimulatorSeeds} (never files of {@code ../shared}), plus hand-made broken ones.
 */
class DmpResponseFuzzTest {

    static final String ITI41 = "urn:ihe:iti:2007:ProvideAndRegisterDocumentSet-b";
    static final String ITI18 = "urn:ihe:iti:2007:RegistryStoredQuery";
    static final String ITI43 = "urn:ihe:iti:2007:RetrieveDocumentSet";
    static final String ITI57 = "urn:ihe:iti:2010:UpdateDocumentSet";
    static final String TD02 = "urn:hl7-org:v3:PRPA_IN201307UV02";

    static final String STRUCTURE = "1120459876";
    static final Ins INS = Ins.of("279035121518989", "1.2.250.1.213.1.4.10");
    /** The report of the seeds: its N1 and N3 unique ids are those of the simulator's answers. */
    static final String REPORT_ID = "FUZZ-0001";
    static final String ROOT = "1.2.250.1.213.1.1.9.1.2024.1.1";
    static final DocumentPair PAIR = new DocumentPair(ROOT + "^" + REPORT_ID + "-N1", ROOT + "^" + REPORT_ID);
    static final long MAX_DOCUMENT = 256 * 1024;

    static final TestPki PKI = TestPki.create();
    private static final SoftwareCertificate SIGNING = load(PKI.orgSign());
    /** The simulator's answers to the calls not fuzzed, loaded on first use (they are seeds written by it). */
    private static final class Canned {
        /** A GetDocuments of {@link #PAIR}: both approved, authored by {@link #STRUCTURE}, not masked. */
        static final HttpResult PAIR_FOUND = answer(resource("find/sim-get-documents-pair"));
        static final HttpResult SUCCESS = answer(resource("submit/sim-success"));
        static final HttpResult ACTIVE = answer(resource("td02/sim-active-valid"));
    }
    static final DmpSubmission SUBMISSION = submission();

    /** The fuzzed answer, and the action it answers; every other action gets the simulator's usual answer. */
    private static volatile HttpResult fuzzed;
    private static volatile String fuzzedAction;

    static final DmpClient CLIENT = client(ServiceConnection.builder().certificate(load(PKI.orgAuthCli()))
            .retryPolicy(RetryPolicy.builder().maxAttempts(1).sleeper(d -> { }).build())
            .circuitBreaker(1_000_000, Duration.ofSeconds(1))
            .maxResponseBytes(1024 * 1024)
            .standIn(DmpResponseFuzzTest::exchange).build());

    /** The local TLS server of {@code retrieveStreamed}, started on first use. */
    private static MutualTlsServer server;
    private static ServiceConnection streaming;
    private static DmpClient streamingClient;

    @FuzzTest(maxDuration = "2m")
    void td02(byte[] input) {
        answer(TD02, input);
        FuzzProperty.check(DmpException.class, input.length, () -> CLIENT.status(INS))
                .ifPresent(DmpResponseFuzzTest::sound);
    }

    @FuzzTest(maxDuration = "2m")
    void find(byte[] input) {
        answer(ITI18, input);
        FuzzProperty.check(DmpException.class, input.length, () -> CLIENT.find(FindQuery.of(INS)))
                .ifPresent(list -> list.forEach(DmpResponseFuzzTest::sound));
        FuzzProperty.check(DmpException.class, input.length, () -> CLIENT.mask(INS, PAIR))
                .ifPresent(o -> assertThat(o.pair()).isEqualTo(PAIR));
    }

    @FuzzTest(maxDuration = "2m")
    void submit(byte[] input) {
        answer(ITI41, input);
        FuzzProperty.check(DmpException.class, input.length, () -> CLIENT.submit(SUBMISSION))
                .ifPresent(r -> assertThat(r.pair()).isEqualTo(PAIR));
    }

    @FuzzTest(maxDuration = "2m")
    void update(byte[] input) {
        answer(ITI57, input);
        FuzzProperty.check(DmpException.class, input.length, () -> CLIENT.mask(INS, PAIR))
                .ifPresent(o -> assertThat(o.pair()).isEqualTo(PAIR));
    }

    @FuzzTest(maxDuration = "2m")
    void retrieve(byte[] input) {
        answer(ITI43, input);
        FuzzProperty.check(DmpException.class, input.length, () -> CLIENT.retrieve(INS, PAIR.n3()))
                .ifPresent(DmpResponseFuzzTest::sound);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        FuzzProperty.check(DmpException.class, input.length, () -> CLIENT.retrieveTo(INS, PAIR.n3(), out, 1024))
                .ifPresent(d -> assertThat(d.size()).isEqualTo(out.size()).isLessThanOrEqualTo(1024));
    }

    @FuzzTest(maxDuration = "2m")
    void retrieveStreamed(byte[] input) {
        answer(ITI43, input);
        DmpClient client = streamingClient();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        FuzzProperty.check(DmpException.class, input.length,
                () -> client.retrieveTo(INS, PAIR.n3(), out, MAX_DOCUMENT))
                .ifPresent(d -> sound(d, out));
    }

    /** The simulator's retrieve answer read whole and streamed: the same document. */
    @Test
    void aRetrieveAnswerOfTheSimulatorGivesTheSameDocumentWholeAndStreamed() {
        byte[] input = resource("retrieve/sim-mtom-n3");
        answer(ITI43, input);
        RetrievedDocument whole = CLIENT.retrieve(INS, PAIR.n3());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        StreamedDocument streamed = streamingClient().retrieveTo(INS, PAIR.n3(), out, MAX_DOCUMENT);
        assertThat(out.toByteArray()).isEqualTo(whole.content()).isEqualTo(SUBMISSION.n3().document());
        assertThat(streamed.mimeType()).isEqualTo(whole.mimeType());
    }

    @AfterAll
    static void stop() {
        synchronized (DmpResponseFuzzTest.class) {
            if (streaming != null) {
                streaming.close();
            }
            if (server != null) {
                server.close();
            }
        }
    }

    private static void sound(DmpStatus s) {
        assertThat(s.state()).isNotNull();
        assertThat(s.authorization()).isNotNull();
        assertThat(s.oppositions()).isNotNull();
    }

    private static void sound(DmpDocument d) {
        assertThat(d.uniqueId()).isNotNull();
        assertThat(d.toString()).isNotNull();
    }

    private static void sound(RetrievedDocument d) {
        assertThat(d.uniqueId()).isEqualTo(PAIR.n3());
        assertThat(d.content()).isNotNull();
    }

    private static void sound(StreamedDocument d, ByteArrayOutputStream out) {
        assertThat(d.uniqueId()).isEqualTo(PAIR.n3());
        assertThat(d.size()).isEqualTo(out.size()).isLessThanOrEqualTo(MAX_DOCUMENT);
    }

    static void answer(String action, byte[] input) {
        fuzzed = answer(input);
        fuzzedAction = action;
    }

    private static HttpResult exchange(HttpCall call) {
        String type = call.headers().entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase("content-type"))
                .map(Map.Entry::getValue).findFirst().orElse("");
        if (type.contains("action=\"" + fuzzedAction + "\"")) {
            return fuzzed;
        }
        if (type.contains("action=\"" + ITI18 + "\"")) {
            return Canned.PAIR_FOUND;
        }
        if (type.contains("action=\"" + TD02 + "\"")) {
            return Canned.ACTIVE;
        }
        return Canned.SUCCESS;
    }

    /** First line: Content-Type (with "500 " before it for a server error); the rest: the body. */
    static HttpResult answer(byte[] input) {
        FuzzedAnswer a = FuzzedAnswer.of(input);
        return new HttpResult(a.status(), Map.of("content-type", List.of(a.contentType())), a.body());
    }

    static synchronized DmpClient streamingClient() {
        if (streamingClient == null) {
            server = MutualTlsServer.builder(PKI.serverIdentity(), PKI.trustAnchors())
                    .handle("/", request -> {
                        HttpResult r = fuzzed;
                        String type = r.headers().get("content-type").get(0);
                        return ServerResponse.of(r.status(), type.isEmpty() ? "application/octet-stream" : type,
                                r.body());
                    }).start();
            streaming = ServiceConnection.builder().certificate(load(PKI.orgAuthCli()))
                    .trustStore(TrustStore.fromPem(PKI.trustAnchorsPem()))
                    .connectTimeout(Duration.ofSeconds(5)).responseTimeout(Duration.ofSeconds(10))
                    .maxResponseBytes(1024 * 1024).retryPolicy(RetryPolicy.none()).noCircuitBreaker().build();
            streamingClient = builder(streaming).endpoint(server.uri()).build();
        }
        return streamingClient;
    }

    static DmpClient client(ServiceConnection connection) {
        return builder(connection).build();
    }

    static DmpClient.Builder builder(ServiceConnection connection) {
        return DmpClient.builder().connection(connection).environment(DmpEnvironment.TEST)
                .endpoint(java.net.URI.create("https://dmp.test/si-dmp-server/v2/services"))
                .vihf(vihf()).signingCertificate(SIGNING)
                .actor(DmpActor.automate(STRUCTURE + "/SGL", "SGL-LABO, automate, laboratoire"))
                .structure(STRUCTURE, "Laboratoire des charmes");
    }

    static VihfSettings vihf() {
        return VihfSettings.builder().software("SGL-LABO", "4.2.0").homologation("LAB-20240001-tmp1")
                .structureId(STRUCTURE).sector("SA25").softwareInstanceId("1.2.250.1.999.1.1.42").build();
    }

    static SoftwareCertificate load(fr.segurbio.testkit.TestIdentity id) {
        return SoftwareCertificate.pkcs12(id.pkcs12(), id.password()).load();
    }

    /** The examples' sample report as {@link #REPORT_ID}, its N3 and N1 with a small PDF. */
    static DmpSubmission submission() {
        CrBioReport sample = CrBioJson.read(Path.of("..", "examples", "sample-report.json")).report();
        CrBioReport report = sample.toBuilder().id(fr.segurbio.cda.InstanceId.of(ROOT, REPORT_ID))
                .setId(fr.segurbio.cda.InstanceId.of(ROOT, "SET-" + REPORT_ID)).build();
        byte[] pdf = "%PDF-1.4\n%%EOF\n".getBytes(StandardCharsets.US_ASCII);
        return DmpSubmission.builder().n3(CrBioWriter.standard().n3(report, pdf))
                .n1(CrBioWriter.standard().n1(report, pdf))
                .consent(PatientConsent.informedNotOpposed(Instant.parse("2026-12-01T08:00:00Z"))).build();
    }

    static byte[] resource(String name) {
        try (InputStream in = DmpResponseFuzzTest.class.getResourceAsStream("DmpResponseFuzzTestInputs/" + name)) {
            if (in == null) {
                throw new IllegalStateException("missing seed " + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
