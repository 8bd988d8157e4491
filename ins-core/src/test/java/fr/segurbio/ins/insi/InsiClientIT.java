package fr.segurbio.ins.insi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import fr.segurbio.ins.AssigningAuthority;
import fr.segurbio.ins.InsError;
import fr.segurbio.ins.Sex;
import fr.segurbio.testkit.ConformanceMaterial;
import fr.segurbio.testkit.TestIdentity;
import fr.segurbio.testkit.TestPki;
import fr.segurbio.testkit.insi.InsiSimulator;
import fr.segurbio.transport.AuditEvent;
import fr.segurbio.transport.RetryPolicy;
import fr.segurbio.transport.ServiceConnection;
import fr.segurbio.transport.TransportException;
import fr.segurbio.transport.TrustStore;
import fr.segurbio.transport.WireExchange;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The INSi client against the testkit's INSi simulator, over real mutual TLS. */
class InsiClientIT {

    @TempDir
    static Path dir;

    static TestPki pki;
    static Path xsd;
    static InsiSimulator simulator;
    static final List<AuditEvent> audit = Collections.synchronizedList(new ArrayList<>());
    static final List<WireExchange> wire = Collections.synchronizedList(new ArrayList<>());
    static ServiceConnection connection;
    static InsiClient client;

    @BeforeAll
    static void start() {
        Optional<Path> x = ConformanceMaterial.find("conformance/insi/xsd");
        assumeTrue(x.isPresent(), ConformanceMaterial.missing("conformance/insi/xsd"));
        xsd = x.get();
        pki = TestPki.create(dir);
        simulator = InsiSimulator.builder(pki).schemas(xsd).start();
        connection = connection(pki.insiAuto()).auditListener(audit::add).wireTrace(wire::add).build();
        client = configured(connection, simulator).build();
    }

    @AfterAll
    static void stop() {
        if (connection != null) {
            connection.close();
        }
        if (simulator != null) {
            simulator.close();
        }
    }

    @AfterEach
    void reset() {
        simulator.latency(Duration.ZERO);
        simulator.unavailable(false);
        simulator.failNext(0);
    }

    /** The lab's connection: certificate, trust, timeouts and retries, as the INSi client had them. */
    static ServiceConnection.Builder connection(TestIdentity identity) {
        return ServiceConnection.builder()
                .certificate(identity.pkcs12(), identity.password())
                .trustStore(TrustStore.of(pki.trustAnchors()))
                .connectTimeout(Duration.ofSeconds(2))
                .responseTimeout(Duration.ofSeconds(2))
                .retryPolicy(retries(3, Duration.ofMillis(20)));
    }

    static RetryPolicy retries(int attempts, Duration backoff) {
        return RetryPolicy.builder().maxAttempts(attempts).initialBackoff(backoff).build();
    }

    /** INSi's own settings only. */
    static InsiClient.Builder configured(ServiceConnection over, InsiSimulator sim) {
        return InsiClient.builder()
                .connection(over)
                .endpoint(sim.endpoint())
                .software("SEGUR-BIO-TEST", "0.1.0", UUID.fromString("7d1f7c36-5b7a-4a0e-9f4e-2f1d8f0c0a11"))
                .idam(InsiSimulator.DEFAULT_IDAM);
    }

    static TraitsSearch search(String name, String firstName, Sex sex, String date) {
        return TraitsSearch.builder().birthName(name).firstName(firstName).sex(sex).birthDate(date).build();
    }

    @Test
    void oneIdentityWithHistoryAndTraits() {
        InsiResult r = client.search(search("ECETINSI", "PIERRE-ALAIN", Sex.M, "2009-07-14"));
        assertThat(r).isInstanceOf(InsiResult.Found.class);
        InsiResult.Found f = (InsiResult.Found) r;
        assertThat(f.code()).contains("00");
        assertThat(f.identity().active().matricule().value()).isEqualTo("109076322083489");
        assertThat(f.identity().active().authority()).isEqualTo(AssigningAuthority.NIR);
        assertThat(f.identity().history()).hasSize(2);
        assertThat(f.identity().traits().firstNames()).containsExactly("PIERRE-ALAIN", "MURIEL", "FLORIANT");
        assertThat(f.identity().traits().place().orElseThrow().code()).isEqualTo("63220");
        assertThat(f.call().attempts()).isEqualTo(1);
        assertThat(f.call().messageId()).startsWith("uuid:");
    }

    @Test
    void answerWithAWrongKeyIsAFoundIdentityWithWarnings() {
        InsiResult.Found f = (InsiResult.Found) client.search(search("HERMANN", "GATIEN", Sex.M, "1981-03-24"));
        assertThat(f.identity().active().matricule().value()).isEqualTo("181036322045660");
        assertThat(f.warnings().isValid()).isTrue();
        assertThat(f.warnings().has(InsError.WRONG_KEY)).isTrue();
        assertThat(f.warnings().warnings()).hasSize(3);
    }

    @Test
    void noIdentityIsAResult() {
        InsiResult r = client.search(search("HOUILLES", "PIERRE", Sex.M, "1990-01-01"));
        assertThat(r).isInstanceOf(InsiResult.NotFound.class);
        assertThat(r.code()).contains("01");
        assertThat(((InsiResult.NotFound) r).label()).isEqualTo("Aucune identite trouvee");
    }

    @Test
    void severalIdentitiesThenOneWithTheBirthPlace() {
        TraitsSearch s = search("HOMONYME", "CAMILLE", Sex.F, "1990-01-01");
        assertThat(client.search(s)).isInstanceOf(InsiResult.Several.class);
        InsiResult refined = client.search(s.withBirthPlace(fr.segurbio.ins.BirthPlace.of("63220")));
        assertThat(refined).isInstanceOf(InsiResult.Found.class);
        assertThat(((InsiResult.Found) refined).identity().active().matricule().number()).isEqualTo("2900163220017");
    }

    @Test
    void strategyTriesTheOtherFirstNamesThenTheBirthPlace() {
        long before = simulator.requestCount();
        TraitsSearch ecetinsi = search("ECETINSI", "JEAN", Sex.M, "2009-07-14");
        InsiResult r = client.searchWithStrategy(ecetinsi, List.of("JEAN", "FLORIANT"));
        assertThat(r).isInstanceOf(InsiResult.Found.class);
        assertThat(simulator.requestCount() - before).isEqualTo(2);
        TraitsSearch camille = TraitsSearch.builder().birthName("HOMONYME").firstName("CAMILLE").sex(Sex.F)
                .birthDate("1990-01-01").birthPlace("75056").build();
        InsiResult twins = client.searchWithStrategy(camille, List.of("CAMILLE"));
        assertThat(twins).isInstanceOf(InsiResult.Found.class);
        assertThat(((InsiResult.Found) twins).identity().active().matricule().number()).isEqualTo("2900175056031");
        assertThat(client.searchWithStrategy(search("HOUILLES", "PIERRE", Sex.M, "1990-01-01"),
                List.of("PIERRE", "PAUL", "JACQUES"))).isInstanceOf(InsiResult.NotFound.class);
    }

    @Test
    void searchWithCarteVitaleData() {
        InsiResult r = client.search(VitaleSearch.builder().beneficiary("180032B020401", "23").birthName("CORSE")
                .birthDate("1980-03-02").coverage("01", "349", "9881").build());
        assertThat(r).isInstanceOf(InsiResult.Found.class);
        assertThat(((InsiResult.Found) r).identity().traits().place().orElseThrow().code()).isEqualTo("2B020");
        assertThat(r.call().operation()).isEqualTo("rechercherInsAvecCarteVitale");
    }

    @Test
    void senderFaultCarriesTheServiceCodes() {
        InsiClient wrongIdam = configured(connection, simulator).idam("LSN-INCONNU").build();
        long before = simulator.requestCount();
        assertThatThrownBy(() -> wrongIdam.search(search("ADRUN", "ZOE", Sex.F, "1975-12-31")))
                .isInstanceOf(InsiFaultException.class)
                .hasMessageContaining("INS-103")
                .satisfies(e -> {
                    InsiFault fault = ((InsiFaultException) e).fault();
                    assertThat(fault.codes()).containsExactly("siram_100", "desir_550");
                    assertThat(fault.isReceiver()).isFalse();
                    assertThat(fault.text()).contains("Numéro d'autorisation du logiciel inconnu");
                });
        assertThat(simulator.requestCount() - before).isEqualTo(1);
    }

    @Test
    void receiverFaultIsRetriedThenUnavailable() {
        long before = simulator.requestCount();
        InsiResult r = client.search(search("PANNE", "SERVICE", Sex.M, "1970-01-01"));
        assertThat(r).isInstanceOf(InsiResult.Unavailable.class);
        InsiResult.Unavailable u = (InsiResult.Unavailable) r;
        assertThat(u.reason()).isEqualTo(InsiResult.Reason.SERVICE_FAULT);
        assertThat(u.fault().codes()).containsExactly("siram_40", "insi_102");
        assertThat(u.problem().code().id()).isEqualTo("INS-104");
        assertThat(simulator.requestCount() - before).isEqualTo(3);
    }

    @Test
    void aPassingFailureIsRetried() {
        simulator.failNext(1);
        InsiResult r = client.search(search("ADRUN", "ZOE", Sex.F, "1975-12-31"));
        assertThat(r).isInstanceOf(InsiResult.Found.class);
        assertThat(r.call().attempts()).isEqualTo(2);
    }

    @Test
    void timeoutGivesUnavailable() {
        simulator.latency(Duration.ofMillis(1500));
        try (ServiceConnection c = connection(pki.insiAuto()).connectTimeout(Duration.ofSeconds(1))
                .responseTimeout(Duration.ofMillis(300)).retryPolicy(retries(2, Duration.ofMillis(10))).build()) {
            InsiClient impatient = configured(c, simulator).build();
            InsiResult r = impatient.search(search("ADRUN", "ZOE", Sex.F, "1975-12-31"));
            assertThat(r).isInstanceOf(InsiResult.Unavailable.class);
            assertThat(((InsiResult.Unavailable) r).reason()).isEqualTo(InsiResult.Reason.TIMEOUT);
            assertThat(r.call().attempts()).isEqualTo(2);
        }
    }

    @Test
    void maintenancePageGivesUnavailableAndTheCircuitBreakerOpens() {
        simulator.unavailable(true);
        try (ServiceConnection conn = connection(pki.insiAuto()).retryPolicy(RetryPolicy.none())
                .circuitBreaker(2, Duration.ofMinutes(5)).build()) {
            InsiClient c = configured(conn, simulator).build();
            TraitsSearch s = search("ADRUN", "ZOE", Sex.F, "1975-12-31");
            assertThat(((InsiResult.Unavailable) c.search(s)).reason()).isEqualTo(InsiResult.Reason.NETWORK);
            assertThat(c.search(s)).isInstanceOf(InsiResult.Unavailable.class);
            assertThat(c.circuitState()).isEqualTo("OPEN");
            long before = simulator.server().requests().size();
            InsiResult r = c.search(s);
            assertThat(((InsiResult.Unavailable) r).reason()).isEqualTo(InsiResult.Reason.CIRCUIT_OPEN);
            assertThat(r.call().attempts()).isZero();
            assertThat(simulator.server().requests()).hasSize((int) before);
        }
    }

    @Test
    void certificateWithAnotherCnIsRefusedBeforeAnyCall() {
        TestIdentity org = pki.orgAuthCli();
        long before = simulator.requestCount();
        try (ServiceConnection orgConnection = connection(org).build()) {
            assertThatThrownBy(() -> configured(orgConnection, simulator))
                    .isInstanceOf(InsiException.class)
                    .hasMessageContaining("INS-100")
                    .hasMessageContaining("INSI-AUTO");
        }
        assertThat(simulator.requestCount()).isEqualTo(before);
    }

    @Test
    void serverSideCnCheckAnswersDesir560() {
        try (InsiSimulator manuOnly = InsiSimulator.builder(pki).schemas(xsd).commonNames("INSI-MANU").start()) {
            InsiClient auto = configured(connection, manuOnly).build();
            assertThatThrownBy(() -> auto.search(search("ADRUN", "ZOE", Sex.F, "1975-12-31")))
                    .isInstanceOf(InsiFaultException.class)
                    .satisfies(e -> assertThat(((InsiFaultException) e).fault().codes()).containsExactly("DESIR_560"));
        }
    }

    @Test
    void clientCertificateFromAnUntrustedCaIsRefusedByTls() {
        try (ServiceConnection c = connection(pki.wronglyIssued()).retryPolicy(RetryPolicy.none()).build()) {
            InsiClient rogue = configured(c, simulator).build();
            assertThatThrownBy(() -> rogue.search(search("ADRUN", "ZOE", Sex.F, "1975-12-31")))
                    .isInstanceOf(TransportException.class);
        }
    }

    @Test
    void serverNotTrustedIsRefused() {
        try (ServiceConnection c = connection(pki.insiAuto()).trustStore(TrustStore.of(List.of(pki.rogueCa())))
                .retryPolicy(RetryPolicy.none()).build()) {
            InsiClient distrustful = configured(c, simulator).build();
            assertThatThrownBy(() -> distrustful.search(search("ADRUN", "ZOE", Sex.F, "1975-12-31")))
                    .isInstanceOf(TransportException.class)
                    .hasMessageContaining("TRANSPORT-010");
        }
    }

    @Test
    void oneAuditEventPerCallWithoutTraitsAndTheWireTraceForCnda() {
        int auditBefore = audit.size();
        client.search(search("ADRUN", "ZOE", Sex.F, "1975-12-31"));
        List<AuditEvent> events = new ArrayList<>(audit.subList(auditBefore, audit.size()));
        assertThat(events).hasSize(1);
        AuditEvent e = events.get(0);
        assertThat(e.service()).isEqualTo("INSi");
        assertThat(e.operation()).isEqualTo("rechercherInsAvecTraitsIdentite");
        assertThat(e.outcome()).isEqualTo(AuditEvent.Outcome.SUCCESS);
        assertThat(e.principal()).isEqualTo("INSI-AUTO");
        assertThat(e.toString()).doesNotContain("ADRUN", "ZOE", "1975-12-31");
        WireExchange last = wire.get(wire.size() - 1);
        assertThat(last.correlationId()).isEqualTo(e.correlationId());
        assertThat(last.requestText()).contains("RECSANSVITALE", "<insi_recsans_ins:NomNaissance>ADRUN",
                "ContexteBAM", "ContexteLPS", "IDAM R=\"4\"");
        assertThat(last.responseText()).contains("<CodeCR>00</CodeCR>");
    }

    @Test
    void cndaTestModeAnswersFromTheOfficialFiles() {
        Optional<Path> samples = ConformanceMaterial.find("conformance/insi/samples");
        assumeTrue(samples.isPresent(), ConformanceMaterial.missing("conformance/insi/samples"));
        CndaTestMode mode = CndaTestMode.standard(samples.get());
        assertThat(mode.size()).isEqualTo(5);
        int auditBefore = audit.size();
        List<WireExchange> cndaWire = Collections.synchronizedList(new ArrayList<>());
        try (ServiceConnection c = connection(pki.insiAuto()).auditListener(audit::add).wireTrace(cndaWire::add)
                .build()) {
            InsiClient cnda = configured(c, simulator).cndaTestMode(mode).build();
            long before = simulator.requestCount();
            InsiResult.Found gatien = (InsiResult.Found) cnda.search(search("HERMANN", "GATIEN", Sex.M,
                    "1981-03-24"));
            assertThat(gatien.call().cndaFile()).isEqualTo("TEST_2.08_cas2.xml");
            assertThat(gatien.warnings().has(InsError.WRONG_KEY)).isTrue();
            InsiResult.Found alain = (InsiResult.Found) cnda.search(search("ECETINSI", "PIERRE-ALAIN", Sex.M,
                    "2009-07-14"));
            assertThat(alain.identity().history()).hasSize(2);
            InsiResult.Found nia = (InsiResult.Found) cnda.search(search("PROVISOIRE", "MATRICULE", Sex.M,
                    "2009-07-01"));
            assertThat(nia.identity().active().authority()).isEqualTo(AssigningAuthority.NIA);
            InsiResult.Found corse = (InsiResult.Found) cnda.search(search("CORSE", "ANTHONY", Sex.M, "1980-03-02"));
            assertThat(corse.identity().active().matricule().value()).isEqualTo("180032B02040123");
            assertThat(cnda.search(search("HOUILLES", "PAUL", Sex.M, "1990-01-01")))
                    .isInstanceOf(InsiResult.NotFound.class);
            assertThat(simulator.requestCount()).isEqualTo(before);
            // a search no CNDA rule knows goes to the network
            assertThat(cnda.search(search("ADRUN", "ZOE", Sex.F, "1975-12-31"))).isInstanceOf(InsiResult.Found.class);
            assertThat(simulator.requestCount()).isEqualTo(before + 1);
        }
        assertThat(audit.size() - auditBefore).isEqualTo(6);
        // the CNDA answers went the production way: one audit event and one wire exchange each, request included
        assertThat(cndaWire).hasSize(6);
        assertThat(cndaWire.get(0).requestText()).contains("RECSANSVITALE", "GATIEN", "ContexteBAM");
        assertThat(cndaWire.get(0).responseText()).contains("<CodeCR>00</CodeCR>");
        assertThat(audit.subList(auditBefore, audit.size())).allSatisfy(e -> {
            assertThat(e.outcome()).isEqualTo(AuditEvent.Outcome.SUCCESS);
            assertThat(e.principal()).isEqualTo("INSI-AUTO");
        });
    }

    @Test
    void oneClientServesManyThreads() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(6);
        try {
            List<Future<InsiResult>> futures = new ArrayList<>();
            for (int i = 0; i < 24; i++) {
                futures.add(pool.submit(() -> client.search(search("ADRUN", "ZOE", Sex.F, "1975-12-31"))));
            }
            for (Future<InsiResult> f : futures) {
                assertThat(f.get()).isInstanceOf(InsiResult.Found.class);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void invalidSearchesCannotBeBuilt() {
        assertThatThrownBy(() -> TraitsSearch.builder().birthName("adrun").firstName("ZOE").sex(Sex.F)
                .birthDate(LocalDate.of(1975, 12, 31)).build()).hasMessageContaining("INS-021");
        assertThatThrownBy(() -> TraitsSearch.builder().birthName("ADRUN").sex(Sex.F).build())
                .hasMessageContaining("INS-102");
        assertThatThrownBy(() -> VitaleSearch.builder().beneficiary("12345", "1").birthDate("1980-03-02").build())
                .hasMessageContaining("INS-102");
        assertThatThrownBy(() -> InsiClient.builder().endpoint(simulator.endpoint()).build())
                .hasMessageContaining("INS-101").hasMessageContaining("certificate");
    }
}
