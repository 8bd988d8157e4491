package fr.segurbio.dmp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import fr.segurbio.cda.CrBioReport;
import fr.segurbio.ins.Ins;
import fr.segurbio.testkit.TestPki;
import fr.segurbio.testkit.dmp.DmpAuthorization;
import fr.segurbio.testkit.dmp.DmpFault;
import fr.segurbio.testkit.dmp.DmpOpposition;
import fr.segurbio.testkit.dmp.DmpSimulator;
import fr.segurbio.testkit.dmp.DmpTransaction;
import fr.segurbio.transport.RetryPolicy;
import fr.segurbio.transport.ServiceConnection;
import fr.segurbio.transport.TrustStore;

/** The public API against the testkit DMP simulator, over real mutual TLS. */
class DmpClientIT {

    static final String MATRICULE = "279035121518989";
    static final Ins INS = Ins.of(MATRICULE, "1.2.250.1.213.1.4.10");

    @TempDir
    static Path dir;
    static TestPki pki;
    static DmpSimulator sim;
    static ServiceConnection connection;
    static DmpClient dmp;

    @BeforeAll
    static void start() {
        pki = TestPki.create(dir);
        sim = DmpSimulator.builder(pki).conformance(Schemas.shared("")).start();
        connection = connection(Duration.ofSeconds(5));
        dmp = Fixtures.client(pki, connection).endpoint(sim.baseUri()).build();
    }

    static ServiceConnection connection(Duration responseTimeout) {
        return ServiceConnection.builder().certificate(Fixtures.load(pki.orgAuthCli()))
                .trustStore(TrustStore.fromPem(pki.trustAnchorsPem()))
                .connectTimeout(Duration.ofSeconds(5)).responseTimeout(responseTimeout)
                .retryPolicy(RetryPolicy.builder().maxAttempts(3).initialBackoff(Duration.ofMillis(20)).build())
                .noCircuitBreaker().build();
    }

    @AfterAll
    static void stop() {
        if (connection != null) {
            connection.close();
        }
        if (sim != null) {
            sim.close();
        }
    }

    @BeforeEach
    void reset() {
        sim.clearDocuments();
        sim.patient(MATRICULE);
    }

    @Test
    void td02TellsStateAuthorisationAndOppositions() {
        DmpStatus s = dmp.status(INS);
        assertThat(s.state()).isEqualTo(DmpState.ACTIVE);
        sim.patient(MATRICULE).authorization(DmpAuthorization.EXPIRED).opposition(DmpOpposition.values()[0]);
        DmpStatus s2 = dmp.status(INS);
        assertThat(s2.authorization()).isEqualTo(AuthorizationStatus.EXPIRED);
        assertThat(s2.oppositions()).isNotEmpty();
        sim.patient(MATRICULE).authorization(DmpAuthorization.VALID).opposition();
        Ins absent = Ins.of("182017512345659", "1.2.250.1.213.1.4.10");
        assertThat(dmp.status(absent).state()).isEqualTo(DmpState.ABSENT);
    }

    @Test
    void reinforcedIndirectModeForAProSanteConnectPractitioner() {
        fr.segurbio.core.auth.AuthenticatedPractitioner p = fr.segurbio.core.auth.AuthenticatedPractitioner.builder()
                .nationalId("810002909371").familyName("BIOLOGISTE").givenName("Anne").professionCode("10")
                .specialtyCode("SM03").sectorCode("SA25").structureId(Fixtures.STRUCTURE)
                .authenticatedAt(java.time.Instant.now().minusSeconds(60)).build();
        // Without AuthnContextDecl: the simulator's relaxed VIHF schema declares it unqualified, so it refuses the
        // saml2:AuthnContextDecl of SAML 2.0 that the SDK writes by default (reported as a simulator mismatch).
        fr.segurbio.dmp.vihf.VihfSettings v = Fixtures.vihfBuilder().authnContextDecl(null).build();
        DmpClient air = Fixtures.client(pki, connection).endpoint(sim.baseUri()).vihf(v).build()
                .as(fr.segurbio.dmp.vihf.DmpActor.authenticated(p));
        assertThat(air.actor().mode()).isEqualTo(fr.segurbio.dmp.vihf.AccessMode.INDIRECTE_RENFORCEE);
        assertThat(air.status(INS).state()).isEqualTo(DmpState.ACTIVE);
        SubmissionResult r = air.submit(Fixtures.submission(Fixtures.report("IT-0014")));
        assertThat(air.find(FindQuery.of(INS))).extracting(DmpDocument::uniqueId).contains(r.pair().n3());
    }

    @Test
    void feedInAnnonceModeFindRetrieveAndShowToThePatient() {
        DmpSubmission s = Fixtures.submission(Fixtures.report("IT-0001"), Fixtures.PDF, true);
        SubmissionResult r = dmp.submit(s);
        assertThat(r.recovered()).isFalse();
        List<DmpDocument> docs = dmp.find(FindQuery.of(INS));
        DmpDocument n3 = docs.stream().filter(DmpDocument::isN3).findFirst().orElseThrow();
        DmpDocument n1 = docs.stream().filter(DmpDocument::isN1).findFirst().orElseThrow();
        assertThat(n3.uniqueId()).isEqualTo(r.pair().n3());
        assertThat(n1.uniqueId()).isEqualTo(r.pair().n1());
        assertThat(n3.visibility()).containsExactly(Visibility.HIDDEN_FROM_PATIENT);
        assertThat(n1.visibility()).containsExactly(Visibility.HIDDEN_FROM_PATIENT);
        RetrievedDocument got = dmp.retrieve(INS, r.pair().n3());
        assertThat(got.content()).isEqualTo(s.n3().document());
        UpdateOutcome shown = dmp.showToPatient(INS, r.pair());
        assertThat(shown.changed()).isTrue();
        assertThat(dmp.find(FindQuery.of(INS)).stream().filter(d -> d.isN1() || d.isN3()))
                .allSatisfy(d -> assertThat(d.visibility()).isEmpty());
        assertThat(dmp.showToPatient(INS, r.pair()).changed()).isFalse();
    }

    @Test
    void aDocumentLargerThanTheResponseLimitIsStreamedNotHeld() {
        DmpSubmission s = Fixtures.submission(Fixtures.report("IT-0011"), Fixtures.pdf(1_500_000), false);
        dmp.submit(s);
        try (ServiceConnection small = ServiceConnection.builder().certificate(Fixtures.load(pki.orgAuthCli()))
                .trustStore(TrustStore.fromPem(pki.trustAnchorsPem())).maxResponseBytes(512 * 1024)
                .retryPolicy(RetryPolicy.none()).noCircuitBreaker().build()) {
            DmpClient client = Fixtures.client(pki, small).endpoint(sim.baseUri()).build();
            String n3 = s.n3().metadata().uniqueId();
            assertThatThrownBy(() -> client.retrieve(INS, n3)).isInstanceOfSatisfying(DmpException.class,
                    e -> assertThat(e.code()).isEqualTo(DmpError.TOO_LARGE));
            java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
            StreamedDocument d = client.retrieveTo(INS, n3, out, 10_000_000);
            assertThat(d.size()).isEqualTo(s.n3().document().length);
            assertThat(out.toByteArray()).isEqualTo(s.n3().document());
            assertThatThrownBy(() -> client.retrieveTo(INS, n3, new java.io.ByteArrayOutputStream(), 1_000_000))
                    .isInstanceOfSatisfying(DmpException.class,
                            e -> assertThat(e.code()).isEqualTo(DmpError.TOO_LARGE));
            assertThatThrownBy(() -> client.retrieveTo(INS, Fixtures.ROOT + "^NOPE", out, 1_000))
                    .isInstanceOfSatisfying(DmpException.class,
                            e -> assertThat(e.code()).isIn(DmpError.DOCUMENT_NOT_FOUND, DmpError.REGISTRY_ERROR));
        }
    }

    @Test
    void replaceMakesANewVersionOfBothWithRplc() {
        SubmissionResult v1 = dmp.submit(Fixtures.submission(Fixtures.report("IT-0002")));
        CrBioReport report2 = Fixtures.report("IT-0002-V2", 2, "IT-0002", MATRICULE, "1.2.250.1.213.1.4.10", true);
        SubmissionResult v2 = dmp.replace(Fixtures.submission(report2));
        assertThat(v2.replacement()).isTrue();
        List<DmpDocument> all = dmp.getDocuments(INS, List.of(v1.pair().n3(), v1.pair().n1(), v2.pair().n3(),
                v2.pair().n1()));
        assertThat(all).filteredOn(d -> d.uniqueId().equals(v1.pair().n3()) || d.uniqueId().equals(v1.pair().n1()))
                .allSatisfy(d -> assertThat(d.status()).isEqualTo(DocumentStatus.DEPRECATED));
        assertThat(all).filteredOn(d -> d.uniqueId().equals(v2.pair().n3()) || d.uniqueId().equals(v2.pair().n1()))
                .hasSize(2).allSatisfy(d -> assertThat(d.status()).isEqualTo(DocumentStatus.APPROVED));
    }

    @Test
    void aReplaceOfADocumentAnotherStructureAuthoredIsRefusedBeforeSending() {
        dmp.submit(Fixtures.submission(Fixtures.report("IT-0003")));
        DmpClient other = Fixtures.client(pki, connection).endpoint(sim.baseUri()).structure("1999999999", "Autre")
                .build();
        CrBioReport report2 = Fixtures.report("IT-0003-V2", 2, "IT-0003", MATRICULE, "1.2.250.1.213.1.4.10", true);
        long before = sim.callCount(DmpTransaction.ITI_41);
        assertThatThrownBy(() -> other.replace(Fixtures.submission(report2)))
                .isInstanceOfSatisfying(DmpException.class, e -> assertThat(e.code()).isEqualTo(DmpError.NOT_AUTHOR));
        assertThat(sim.callCount(DmpTransaction.ITI_41)).isEqualTo(before);
    }

    @Test
    void maskVisibilityArchiveAndDeleteActOnTheN1AndItsN3Together() {
        SubmissionResult r = dmp.submit(Fixtures.submission(Fixtures.report("IT-0004")));
        DocumentPair pair = DocumentPair.ofN1(r.pair().n1());
        assertThat(pair).isEqualTo(r.pair());
        assertThat(dmp.mask(INS, pair).changed()).isTrue();
        assertThat(both(pair)).allSatisfy(d -> assertThat(d.visibility()).contains(Visibility.HIDDEN_FROM_PROFESSIONALS));
        assertThat(dmp.unmask(INS, pair).changed()).isTrue();
        assertThat(dmp.hideFromGuardians(INS, pair).changed()).isTrue();
        assertThat(dmp.hideFromPatient(INS, pair).changed()).isTrue();
        assertThat(both(pair)).allSatisfy(d -> assertThat(d.visibility())
                .containsExactlyInAnyOrder(Visibility.HIDDEN_FROM_GUARDIANS, Visibility.HIDDEN_FROM_PATIENT));
        assertThat(dmp.archive(INS, pair).changed()).isTrue();
        assertThat(both(pair)).allSatisfy(d -> assertThat(d.status()).isEqualTo(DocumentStatus.ARCHIVED));
        assertThatThrownBy(() -> dmp.mask(INS, pair)).isInstanceOfSatisfying(DmpException.class,
                e -> assertThat(e.code()).isEqualTo(DmpError.BAD_STATE));
        assertThat(dmp.update(INS, pair, DocumentAction.UNARCHIVE).changed()).isTrue();
        assertThat(dmp.delete(INS, pair).changed()).isTrue();
        assertThat(dmp.getDocuments(INS, List.of(pair.n1(), pair.n3()))).noneMatch(
                d -> d.status() == DocumentStatus.APPROVED || d.status() == DocumentStatus.ARCHIVED);
        assertThat(dmp.find(FindQuery.builder(INS).status(DocumentStatus.APPROVED, DocumentStatus.ARCHIVED).build())
                .stream().filter(d -> d.uniqueId().equals(pair.n1()) || d.uniqueId().equals(pair.n3()))).isEmpty();
    }

    private static List<DmpDocument> both(DocumentPair pair) {
        List<DmpDocument> docs = dmp.getDocuments(INS, List.of(pair.n1(), pair.n3()));
        java.util.Map<String, DmpDocument> latest = new java.util.LinkedHashMap<>();
        for (DmpDocument d : docs) {
            latest.merge(d.uniqueId(), d, (a, b) -> a.version() >= b.version() ? a : b);
        }
        assertThat(latest).hasSize(2);
        return List.copyOf(latest.values());
    }

    @Test
    void aConnectionDroppedAfterCommitThenARetryLeavesNoDuplicate() {
        sim.injectNext(DmpTransaction.ITI_41, DmpFault.dropAfterCommit());
        DmpSubmission s = Fixtures.submission(Fixtures.report("IT-0005"));
        SubmissionResult r = dmp.submit(s);
        assertThat(r.recovered()).isTrue();
        assertThat(sim.storedCount(r.pair().n3())).isEqualTo(1);
        assertThat(sim.storedCount(r.pair().n1())).isEqualTo(1);
        // the SGL, not knowing, submits again: found, not duplicated
        SubmissionResult again = dmp.submit(s);
        assertThat(again.recovered()).isTrue();
        assertThat(sim.storedCount(r.pair().n3())).isEqualTo(1);
    }

    @Test
    void anUpdateWhoseAnswerIsLostIsNotAppliedTwice() {
        SubmissionResult r = dmp.submit(Fixtures.submission(Fixtures.report("IT-0012")));
        sim.injectNext(DmpTransaction.ITI_57, DmpFault.dropAfterCommit());
        UpdateOutcome o = dmp.mask(INS, r.pair());
        assertThat(o.changed()).isTrue();
        List<DmpDocument> versions = dmp.getDocuments(INS, List.of(r.pair().n1(), r.pair().n3()));
        assertThat(versions).hasSize(4);           // version 1 (deprecated) and version 2 of each, no version 3
        assertThat(both(r.pair())).allSatisfy(d -> assertThat(d.visibility())
                .containsExactly(Visibility.HIDDEN_FROM_PROFESSIONALS));
        sim.injectNext(DmpTransaction.ITI_57, DmpFault.dropBeforeCommit());
        assertThat(dmp.archive(INS, r.pair()).changed()).isTrue();
        assertThat(both(r.pair())).allSatisfy(d -> assertThat(d.status()).isEqualTo(DocumentStatus.ARCHIVED));
    }

    @Test
    void findFiltersByCode() {
        dmp.submit(Fixtures.submission(Fixtures.report("IT-0013")));
        List<DmpDocument> n1s = dmp.find(FindQuery.builder(INS).formatCode(fr.segurbio.cda.Code.of(
                "urn:ihe:iti:xds-sd:pdf:2008", "1.3.6.1.4.1.19376.1.2.3", null)).build());
        assertThat(n1s).isNotEmpty().allSatisfy(d -> assertThat(d.isN1()).isTrue());
        assertThat(dmp.find(FindQuery.builder(INS).typeCode(fr.segurbio.cda.Code.loinc("11502-2", "CR")).build()))
                .hasSize(2);
    }

    @Test
    void aConnectionDroppedBeforeCommitIsSentAgainOnce() {
        sim.injectNext(DmpTransaction.ITI_41, DmpFault.dropBeforeCommit());
        SubmissionResult r = dmp.submit(Fixtures.submission(Fixtures.report("IT-0006")));
        assertThat(r.attempts()).isEqualTo(2);
        assertThat(r.recovered()).isFalse();
        assertThat(sim.storedCount(r.pair().n3())).isEqualTo(1);
    }

    @Test
    void aTimeoutThenARetryLeavesOneDocument() {
        try (ServiceConnection slow = connection(Duration.ofMillis(700))) {
            DmpClient client = Fixtures.client(pki, slow).endpoint(sim.baseUri()).build();
            sim.injectNext(DmpTransaction.ITI_41, DmpFault.delay(Duration.ofMillis(1_500)));
            SubmissionResult r = client.submit(Fixtures.submission(Fixtures.report("IT-0007")));
            assertThat(sim.storedCount(r.pair().n3())).isEqualTo(1);
            assertThat(sim.storedCount(r.pair().n1())).isEqualTo(1);
        }
    }

    @Test
    void http503AndSoapFaultsBecomeTypedErrors() {
        sim.injectNext(DmpTransaction.ITI_41, DmpFault.httpStatus(503));
        SubmissionResult r = dmp.submit(Fixtures.submission(Fixtures.report("IT-0008")));
        assertThat(sim.storedCount(r.pair().n3())).isEqualTo(1);
        sim.injectNext(DmpTransaction.ITI_18, DmpFault.soapFault("Registry down"));
        sim.injectNext(DmpTransaction.ITI_18, DmpFault.soapFault("Registry down"));
        sim.injectNext(DmpTransaction.ITI_18, DmpFault.soapFault("Registry down"));
        assertThatThrownBy(() -> dmp.find(FindQuery.of(INS))).isInstanceOfSatisfying(DmpException.class,
                e -> assertThat(e.code()).isEqualTo(DmpError.REMOTE_FAULT));
    }

    @Test
    void theDmpsOwnRefusalsKeepTheirCodes() {
        sim.patient(MATRICULE).opposition(DmpOpposition.values());
        DmpClient noCheck = Fixtures.client(pki, connection).endpoint(sim.baseUri()).checkStatusBeforeSubmit(false)
                .build();
        sim.patient(MATRICULE).dmpState(fr.segurbio.testkit.dmp.DmpState.CLOSED);
        assertThatThrownBy(() -> noCheck.submit(Fixtures.submission(Fixtures.report("IT-0009"))))
                .isInstanceOfSatisfying(DmpException.class, e -> {
                    assertThat(e.code()).isEqualTo(DmpError.REGISTRY_ERROR);
                    assertThat(e.registryErrors()).isNotEmpty();
                });
        assertThatThrownBy(() -> dmp.submit(Fixtures.submission(Fixtures.report("IT-0010"))))
                .isInstanceOfSatisfying(DmpException.class,
                        e -> assertThat(e.code()).isEqualTo(DmpError.DMP_CLOSED));
        sim.patient(MATRICULE).dmpState(fr.segurbio.testkit.dmp.DmpState.ACTIVE).opposition();
    }
}
