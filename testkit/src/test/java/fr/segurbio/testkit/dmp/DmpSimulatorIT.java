package fr.segurbio.testkit.dmp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import fr.segurbio.testkit.ConformanceMaterial;
import fr.segurbio.testkit.TestPki;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Provide and Register then FindDocuments over real mutual TLS, with hand-written requests. */
class DmpSimulatorIT {

    @TempDir
    static Path dir;
    static TestPki pki;
    static DmpSimulator dmp;
    static DmpTestClient client;

    @BeforeAll
    static void start() {
        Optional<Path> shared = ConformanceMaterial.root();
        assumeTrue(shared.isPresent() && ConformanceMaterial.find("conformance/xds").isPresent(),
                ConformanceMaterial.missing("conformance/xds"));
        pki = TestPki.create(dir);
        dmp = DmpSimulator.builder(pki).conformance(shared.get()).start();
        client = new DmpTestClient(pki, pki.orgAuthCli(), dmp);
        dmp.patient(TestVihf.INS);
    }

    @AfterAll
    static void stop() {
        if (dmp != null) {
            dmp.close();
        }
    }

    static TestVihf vihf() {
        return new TestVihf(pki.orgSign());
    }

    @Test
    void provideAndRegisterThenFindDocuments() {
        TestSubmission s = TestSubmission.crBio(TestVihf.INS, TestVihf.TEST_OID);
        Map<String, byte[]> att = TestSubmission.newAttachments();
        DmpTestClient.Response r = client.send(DmpTransaction.ITI_41, vihf().securityXml(), s.body(att), att);
        assertThat(r.text()).contains("ResponseStatusType:Success");
        assertThat(r.contentType()).startsWith("multipart/related");
        assertThat(dmp.document(s.n3().uniqueId)).hasValueSatisfying(d -> {
            assertThat(d.kind()).isEqualTo(DmpDocument.Kind.N3);
            assertThat(d.status()).isEqualTo(DmpDocument.Status.APPROVED);
            assertThat(d.transformOf()).isEqualTo(dmp.document(s.n1().uniqueId).orElseThrow().entryUuid());
        });
        DmpTestClient.Response q = client.send(DmpTransaction.ITI_18, vihf().securityXml(),
                DmpQueries.findDocuments(s.patientId, "('" + DmpQueries.APPROVED + "')"), Map.of());
        assertThat(q.status()).isEqualTo(200);
        assertThat(q.text()).contains("ResponseStatusType:Success", s.n3().uniqueId, s.n1().uniqueId);
    }
}
