package fr.segurbio.testkit.dmp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import fr.segurbio.testkit.ConformanceMaterial;
import fr.segurbio.testkit.TestPki;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

/** A simulator on loopback per test class, a client with the ORG AUTH_CLI certificate, and request helpers. */
abstract class DmpFixture {

    @TempDir
    static Path dir;
    static TestPki pki;
    static DmpSimulator dmp;
    static DmpTestClient client;
    static Path shared;
    private static final AtomicLong PATIENTS = new AtomicLong(1_800_000_000_000L);

    @BeforeAll
    static void start() {
        Optional<Path> root = ConformanceMaterial.root();
        assumeTrue(root.isPresent() && ConformanceMaterial.find("conformance/xds").isPresent()
                && ConformanceMaterial.find("conformance/vihf").isPresent(),
                ConformanceMaterial.missing("conformance/xds and conformance/vihf"));
        shared = root.get();
        pki = TestPki.create(dir);
        dmp = DmpSimulator.builder(pki).conformance(shared).start();
        client = new DmpTestClient(pki, pki.orgAuthCli(), dmp);
    }

    @AfterAll
    static void stop() {
        if (dmp != null) {
            dmp.close();
        }
    }

    /** A new patient (13-digit test INS) with an active DMP. */
    static String newPatient() {
        String ins = Long.toString(PATIENTS.incrementAndGet());
        dmp.patient(ins);
        return ins;
    }

    static String cx(String ins) {
        return ins + "^^^&" + TestVihf.TEST_OID + "&ISO^NH";
    }

    static TestVihf vihf(String ins) {
        return new TestVihf(pki.orgSign()).patient(ins, TestVihf.TEST_OID);
    }

    static TestSubmission crBio(String ins) {
        TestSubmission s = TestSubmission.crBio(ins, TestVihf.TEST_OID);
        s.signer = pki.orgSign();
        return s;
    }

    static DmpTestClient.Response submit(TestSubmission s, TestVihf v) {
        Map<String, byte[]> att = TestSubmission.newAttachments();
        return client.send(DmpTransaction.ITI_41, v.securityXml(), s.body(att), att);
    }

    static DmpTestClient.Response submit(String ins, TestSubmission s) {
        return submit(s, vihf(ins));
    }

    static DmpTestClient.Response call(DmpTransaction tx, String ins, String body) {
        return client.send(tx, vihf(ins).securityXml(), body, Map.of());
    }

    static String entryUuid(String uniqueId) {
        return dmp.document(uniqueId).orElseThrow().entryUuid();
    }

    static void success(DmpTestClient.Response r) {
        assertThat(r.status()).as(r.text()).isEqualTo(200);
        assertThat(r.text()).contains("ResponseStatusType:Success").doesNotContain("RegistryError ");
    }

    static void failure(DmpTestClient.Response r, DmpErrorCode code) {
        assertThat(r.status()).as(r.text()).isEqualTo(200);
        assertThat(r.text()).contains("ResponseStatusType:Failure", "errorCode=\"" + code.code() + "\"");
    }

    static void fault(DmpTestClient.Response r, DmpFaultCode code) {
        assertThat(r.status()).as(r.text()).isEqualTo(500);
        assertThat(r.text()).contains("<soap:Fault>", "code=\"" + code.detailCode() + "\"");
    }

    static int count(String text, String needle) {
        Matcher m = Pattern.compile(Pattern.quote(needle)).matcher(text);
        int n = 0;
        while (m.find()) {
            n++;
        }
        return n;
    }
}
