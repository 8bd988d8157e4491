package fr.segurbio.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import fr.segurbio.testkit.ConformanceMaterial;
import fr.segurbio.testkit.TestIdentity;
import fr.segurbio.testkit.TestPki;
import fr.segurbio.testkit.insi.InsiSimulator;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code segur ins search} against the INSi simulator over mutual TLS. */
class InsSearchCommandIT {

    @TempDir
    static Path dir;

    static TestPki pki;
    static InsiSimulator simulator;
    static Path config;

    @BeforeAll
    static void start() throws Exception {
        Optional<Path> xsd = ConformanceMaterial.find("conformance/insi/xsd");
        assumeTrue(xsd.isPresent(), ConformanceMaterial.missing("conformance/insi/xsd"));
        pki = TestPki.create(dir.resolve("pki"));
        simulator = InsiSimulator.start(pki, xsd.get());
        config = config("config.json", pki.insiAuto(), InsiSimulator.DEFAULT_IDAM);
    }

    @AfterAll
    static void stop() {
        if (simulator != null) {
            simulator.close();
        }
    }

    static Path config(String name, TestIdentity id, String idam) throws Exception {
        String json = "{\"endpoint\":\"" + simulator.endpoint() + "\",\"idam\":\"" + idam + "\","
                + "\"software\":{\"name\":\"SGL-TEST\",\"version\":\"1.0\","
                + "\"instance\":\"6f0c3c1e-8a52-4b1e-9a0d-3b5a1f7e2c44\"},"
                + "\"connection\":{\"certificate\":\"" + id.pkcs12() + "\",\"certificatePassword\":\""
                + new String(id.password()) + "\",\"trustStore\":\"" + pki.trustAnchorsPem() + "\","
                + "\"responseTimeoutSeconds\":3,\"attempts\":2}}";
        return Files.writeString(dir.resolve(name), json);
    }

    record Run(int exit, String out, String err) {
    }

    static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = new CommandLine(new InsSearchCommand()).setOut(new PrintWriter(out))
                .setErr(new PrintWriter(err)).execute(args);
        return new Run(exit, out.toString(), err.toString());
    }

    static Path traits(String name, String json) throws Exception {
        return Files.writeString(dir.resolve(name), json);
    }

    @Test
    void foundWithTypedTraitsPutIntoInsForm() throws Exception {
        Path t = traits("ecetinsi.json", "{\"birthName\":\"Écetinsi\",\"firstNames\":[\"Pierre-Alain\",\"Muriel\"],"
                + "\"sex\":\"m\",\"birthDate\":\"2009-07-14\"}");
        Run r = run(t.toString(), "--config", config.toString(), "--json");
        assertThat(r.exit()).as(r.err()).isZero();
        JsonNode o = new ObjectMapper().readTree(r.out());
        assertThat(o.get("code").asText()).isEqualTo("00");
        assertThat(o.at("/ins/matricule").asText()).isEqualTo("109076322083489");
        assertThat(o.at("/ins/kind").asText()).isEqualTo("NIR");
        assertThat(o.get("history")).hasSize(2);
        assertThat(o.at("/traits/firstNames/0").asText()).isEqualTo("PIERRE-ALAIN");
        assertThat(o.get("warnings").toString()).contains("INS-026");
    }

    @Test
    void wrongKeyIsAWarningInText() throws Exception {
        Path t = traits("gatien.json", "{\"birthName\":\"HERMANN\",\"firstNames\":[\"GATIEN\"],\"sex\":\"M\","
                + "\"birthDate\":\"1981-03-24\"}");
        Run r = run(t.toString(), "--config", config.toString());
        assertThat(r.exit()).isZero();
        assertThat(r.out()).contains("00 OK : INS 181036322045660", "INS-003");
    }

    @Test
    void noneAndSeveralExitWithOne() throws Exception {
        Path none = traits("none.json", "{\"birthName\":\"HOUILLES\",\"firstNames\":[\"PIERRE\"],\"sex\":\"M\","
                + "\"birthDate\":\"1990-01-01\"}");
        Run r = run(none.toString(), "--config", config.toString(), "--json");
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.out()).contains("\"code\" : \"01\"");
        Path several = traits("several.json", "{\"birthName\":\"HOMONYME\",\"firstNames\":[\"CAMILLE\"],\"sex\":\"F\","
                + "\"birthDate\":\"1990-01-01\"}");
        assertThat(run(several.toString(), "--config", config.toString()).out()).contains("02 Plusieurs");
    }

    @Test
    void invalidTraitsListEveryError() throws Exception {
        Path t = traits("bad.json", "{\"birthName\":\"DUP0NT\",\"firstNames\":[\"-JEAN\"],\"sex\":\"M\","
                + "\"birthDate\":\"1990-01-01\"}");
        Run r = run(t.toString(), "--config", config.toString(), "--json");
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.out()).contains("INS-021", "INS-022");
    }

    @Test
    void unknownIdamIsAFaultWithItsCodes() throws Exception {
        Path bad = config("bad-idam.json", pki.insiAuto(), "INCONNU");
        Path t = traits("zoe.json", "{\"birthName\":\"ADRUN\",\"firstNames\":[\"ZOE\"],\"sex\":\"F\","
                + "\"birthDate\":\"1975-12-31\"}");
        Run r = run(t.toString(), "--config", bad.toString(), "--json");
        assertThat(r.exit()).isEqualTo(3);
        assertThat(r.out()).contains("siram_100/desir_550");
    }

    @Test
    void certificateWithAnotherCnIsRefusedWithAClearMessage() throws Exception {
        Path bad = config("bad-cn.json", pki.orgAuthCli(), InsiSimulator.DEFAULT_IDAM);
        Path t = traits("zoe2.json", "{\"birthName\":\"ADRUN\",\"firstNames\":[\"ZOE\"],\"sex\":\"F\","
                + "\"birthDate\":\"1975-12-31\"}");
        Run r = run(t.toString(), "--config", bad.toString());
        assertThat(r.exit()).isEqualTo(3);
        assertThat(r.err()).contains("INS-100", "INSI-AUTO");
    }

    @Test
    void unavailableServiceExitsWithThree() throws Exception {
        Path t = traits("panne.json", "{\"birthName\":\"PANNE\",\"firstNames\":[\"SERVICE\"],\"sex\":\"M\","
                + "\"birthDate\":\"1970-01-01\"}");
        Run r = run(t.toString(), "--config", config.toString(), "--json");
        assertThat(r.exit()).isEqualTo(3);
        assertThat(r.out()).contains("SERVICE_FAULT", "insi_102");
    }

    @Test
    void aConfigWithoutItsConnectionSectionIsRefusedWithAClearMessage() throws Exception {
        Path noConnection = Files.writeString(dir.resolve("no-connection.json"), "{\"endpoint\":\""
                + simulator.endpoint() + "\",\"idam\":\"" + InsiSimulator.DEFAULT_IDAM + "\",\"software\":"
                + "{\"name\":\"SGL-TEST\",\"version\":\"1.0\",\"instance\":\"6f0c3c1e-8a52-4b1e-9a0d-3b5a1f7e2c44\"}}");
        Path t = traits("zoe3.json", "{\"birthName\":\"ADRUN\",\"firstNames\":[\"ZOE\"],\"sex\":\"F\","
                + "\"birthDate\":\"1975-12-31\"}");
        long before = simulator.requestCount();
        Run r = run(t.toString(), "--config", noConnection.toString());
        assertThat(r.exit()).isEqualTo(3);
        assertThat(r.err()).contains("\"connection\" is required");
        assertThat(simulator.requestCount()).isEqualTo(before);
    }
}
