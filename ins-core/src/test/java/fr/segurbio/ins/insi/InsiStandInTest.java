package fr.segurbio.ins.insi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import fr.segurbio.ins.AssigningAuthority;
import fr.segurbio.ins.Sex;
import fr.segurbio.testkit.ConformanceMaterial;
import fr.segurbio.testkit.TestPki;
import fr.segurbio.transport.AuditEvent;
import fr.segurbio.transport.HttpCall;
import fr.segurbio.transport.RetryPolicy;
import fr.segurbio.transport.ServiceConnection;
import fr.segurbio.transport.SoftwareCertificate;
import fr.segurbio.transport.WireExchange;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The INSi client over stand-in exchanges, without a network: the CNDA test files and hand-written answers go
 * through the production path (SOAP parsing, faults, retries, circuit breaker, audit, wire trace, the one INSi
 * response reader).
 */
class InsiStandInTest {

    @TempDir
    static Path dir;

    static TestPki pki;
    static SoftwareCertificate insiAuto;
    final List<AuditEvent> audit = Collections.synchronizedList(new ArrayList<>());
    final List<WireExchange> wire = Collections.synchronizedList(new ArrayList<>());

    @BeforeAll
    static void pki() {
        pki = TestPki.create(dir.resolve("pki"));
        insiAuto = SoftwareCertificate.pkcs12(pki.insiAuto().pkcs12(), pki.insiAuto().password()).load();
    }

    @AfterAll
    static void close() {
        if (pki != null) {
            pki.close();
        }
    }

    static Path file(String name, String body) throws Exception {
        return Files.writeString(dir.resolve(name), "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                + "<soap:Envelope xmlns:soap=\"http://www.w3.org/2003/05/soap-envelope\" xmlns:siram=\"urn:siram\">"
                + "<soap:Body>" + body + "</soap:Body></soap:Envelope>");
    }

    static String fault(String code, String subcode, String detailCode, String reason, String detail) {
        return "<soap:Fault><soap:Code><soap:Value>soap:" + code + "</soap:Value>"
                + (subcode == null ? "" : "<soap:Subcode><soap:Value>siram:" + subcode + "</soap:Value></soap:Subcode>")
                + "</soap:Code><soap:Reason><soap:Text xml:lang=\"fr\">" + reason + "</soap:Text></soap:Reason>"
                + "<soap:Detail><siram:Erreur severite=\"fatale\" code=\"" + detailCode + "\">" + detail
                + "</siram:Erreur></soap:Detail></soap:Fault>";
    }

    ServiceConnection.Builder connection() {
        return ServiceConnection.builder()
                .certificate(insiAuto)
                .retryPolicy(RetryPolicy.builder().maxAttempts(3).sleeper(d -> { }).build())
                .circuitBreaker(2, Duration.ofMinutes(1))
                .auditListener(audit::add)
                .wireTrace(wire::add);
    }

    static InsiClient.Builder insi(ServiceConnection c) {
        return InsiClient.builder()
                .connection(c)
                .endpoint(InsiClient.TEST_ENDPOINT)
                .software("SEGUR-BIO-TEST", "0.1.0", UUID.fromString("7d1f7c36-5b7a-4a0e-9f4e-2f1d8f0c0a11"))
                .idam("LSN17NF23FW0");
    }

    static TraitsSearch search(String name, String firstName) {
        return TraitsSearch.builder().birthName(name).firstName(firstName).sex(Sex.M).birthDate("1980-01-01").build();
    }

    /** A network that must not be reached: the CNDA answers come from the stand-in. */
    static ServiceConnection.Builder offline(ServiceConnection.Builder b) {
        return b.standIn(call -> {
            throw new AssertionError("the network was called for " + call.uri());
        });
    }

    @Test
    void aSenderFaultFileIsAnInsiFaultExceptionReadByTheOneReader() throws Exception {
        Path f = file("sender.xml", fault("Sender", "siram_100", "desir_550", "Accès refusé",
                "Numéro d'autorisation du logiciel inconnu."));
        CndaTestMode mode = CndaTestMode.builder().answer(s -> s.birthName().equals("REFUS"), f).build();
        try (ServiceConnection c = offline(connection()).build()) {
            InsiClient client = insi(c).cndaTestMode(mode).build();
            assertThatThrownBy(() -> client.search(search("REFUS", "JEAN")))
                    .isInstanceOf(InsiFaultException.class)
                    .hasMessageContaining("INS-103")
                    .satisfies(e -> {
                        InsiFault fault = ((InsiFaultException) e).fault();
                        assertThat(fault.code()).isEqualTo("Sender");
                        assertThat(fault.codes()).containsExactly("siram_100", "desir_550");
                        assertThat(fault.severity()).isEqualTo("fatale");
                        assertThat(fault.reason()).isEqualTo("Accès refusé");
                        assertThat(fault.text()).isEqualTo("Numéro d'autorisation du logiciel inconnu.");
                    });
            assertThat(audit).singleElement().satisfies(e -> {
                assertThat(e.outcome()).isEqualTo(AuditEvent.Outcome.FAULT);
                assertThat(e.errorCode()).isEqualTo("siram_100");
            });
            assertThat(wire).singleElement().satisfies(w -> assertThat(w.status()).isEqualTo(400));
        }
    }

    @Test
    void aReceiverFaultFileIsRetriedThenUnavailableAndOpensNoBreakerOfTheNetworkClient() throws Exception {
        Path f = file("receiver.xml", fault("Receiver", "siram_40", "insi_102", "Service inaccessible",
                "Erreur technique."));
        CndaTestMode mode = CndaTestMode.builder().answer(s -> true, f).build();
        try (ServiceConnection c = offline(connection()).build()) {
            InsiClient client = insi(c).cndaTestMode(mode).build();
            for (int i = 0; i < 3; i++) {
                InsiResult r = client.search(search("PANNE", "SERVICE"));
                assertThat(r).isInstanceOf(InsiResult.Unavailable.class);
                InsiResult.Unavailable u = (InsiResult.Unavailable) r;
                assertThat(u.reason()).isEqualTo(InsiResult.Reason.SERVICE_FAULT);
                assertThat(u.fault().codes()).containsExactly("siram_40", "insi_102");
                assertThat(u.call().cndaFile()).isEqualTo("receiver.xml");
                assertThat(u.call().attempts()).isEqualTo(3);
            }
            assertThat(wire).hasSize(9).allSatisfy(w -> assertThat(w.status()).isEqualTo(500));
            assertThat(client.circuitState()).isEqualTo("CLOSED");
        }
    }

    @Test
    void repeatedReceiverFaultsOpenTheBreakerOfAStandInConnection() throws Exception {
        Path f = file("receiver2.xml", fault("Receiver", "siram_40", "insi_102", "Service inaccessible",
                "Erreur technique."));
        List<HttpCall> calls = Collections.synchronizedList(new ArrayList<>());
        try (ServiceConnection c = connection().retryPolicy(RetryPolicy.none())
                .standIn(call -> {
                    calls.add(call);
                    return CndaTestMode.serving(f).exchange(call);
                }).build()) {
            InsiClient client = insi(c).build();
            assertThat(client.search(search("PANNE", "SERVICE"))).isInstanceOf(InsiResult.Unavailable.class);
            assertThat(client.search(search("PANNE", "SERVICE"))).isInstanceOf(InsiResult.Unavailable.class);
            assertThat(client.circuitState()).isEqualTo("OPEN");
            InsiResult r = client.search(search("PANNE", "SERVICE"));
            assertThat(((InsiResult.Unavailable) r).reason()).isEqualTo(InsiResult.Reason.CIRCUIT_OPEN);
            assertThat(r.call().attempts()).isZero();
            assertThat(calls).hasSize(2);
            assertThat(audit.get(2).errorCode()).isEqualTo("TRANSPORT-029");
            // the request the stand-in received is the production one: contexts, emitter from the certificate
            String request = new String(calls.get(0).body(), StandardCharsets.UTF_8);
            assertThat(request).contains("ContexteBAM", "ContexteLPS", "LSN17NF23FW0", "RECSANSVITALE");
        }
    }

    @Test
    void aFileWithoutResultatOrNotSoapIsReportedAsSuch() throws Exception {
        Path empty = file("empty.xml", "<x:autre xmlns:x=\"urn:x\"/>");
        Path html = Files.writeString(dir.resolve("page.xml"), "<html><body>maintenance</body></html>");
        CndaTestMode mode = CndaTestMode.builder()
                .answer(s -> s.birthName().equals("VIDE"), empty)
                .answer(s -> s.birthName().equals("PAGE"), html)
                .build();
        try (ServiceConnection c = offline(connection()).build()) {
            InsiClient client = insi(c).cndaTestMode(mode).build();
            assertThatThrownBy(() -> client.search(search("VIDE", "JEAN")))
                    .isInstanceOf(InsiException.class)
                    .hasMessageContaining("INS-105")
                    .hasMessageContaining("RESULTAT");
            InsiResult page = client.search(search("PAGE", "JEAN"));
            assertThat(page).isInstanceOf(InsiResult.Unavailable.class);
            assertThat(((InsiResult.Unavailable) page).reason()).isEqualTo(InsiResult.Reason.NETWORK);
            assertThat(page.call().attempts()).as("an answer that is not SOAP is not retried").isEqualTo(1);
        }
    }

    @Test
    void theOfficialSamplesGoThroughTheStandInAndThePublicServingExchange() {
        Optional<Path> samples = ConformanceMaterial.find("conformance/insi/samples");
        assumeTrue(samples.isPresent(), ConformanceMaterial.missing("conformance/insi/samples"));
        try (ServiceConnection c = offline(connection()).build()) {
            InsiClient client = insi(c).cndaTestMode(CndaTestMode.standard(samples.get())).build();
            InsiResult.Found nia = (InsiResult.Found) client.search(TraitsSearch.builder().birthName("PROVISOIRE")
                    .firstName("MATRICULE").sex(Sex.M).birthDate("2009-07-01").build());
            assertThat(nia.identity().active().authority()).isEqualTo(AssigningAuthority.NIA);
            assertThat(nia.call().cndaFile()).isEqualTo("TEST_2.05.xml");
            assertThat(nia.call().messageId()).startsWith("uuid:");
            assertThat(client.search(search("HOUILLES", "PAUL"))).isInstanceOf(InsiResult.NotFound.class);
        }
        try (ServiceConnection whole = connection()
                .standIn(CndaTestMode.serving(samples.get().resolve("TEST_2.08_cas1.xml"))).build()) {
            InsiResult.Found corse = (InsiResult.Found) insi(whole).build().search(search("CORSE", "ANTHONY"));
            assertThat(corse.identity().active().matricule().value()).isEqualTo("180032B02040123");
            assertThat(corse.call().cndaFile()).as("a whole stand-in connection is not the CNDA mode").isNull();
        }
    }

    @Test
    void theConnectionMustCarryAnInsiCertificate() throws Exception {
        try (ServiceConnection none = ServiceConnection.builder().standIn(call -> {
            throw new AssertionError("no call expected");
        }).build()) {
            assertThatThrownBy(() -> insi(none).build())
                    .isInstanceOf(InsiException.class)
                    .hasMessageContaining("INS-101")
                    .hasMessageContaining("certificate");
        }
        SoftwareCertificate org = SoftwareCertificate.pkcs12(pki.orgAuthCli().pkcs12(), pki.orgAuthCli().password())
                .load();
        try (ServiceConnection wrongCn = ServiceConnection.builder().certificate(org).standIn(call -> {
            throw new AssertionError("no call expected");
        }).build()) {
            assertThatThrownBy(() -> InsiClient.builder().connection(wrongCn))
                    .isInstanceOf(InsiException.class)
                    .hasMessageContaining("INS-100");
        }
    }
}
