package fr.segurbio.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import fr.segurbio.testkit.ConformanceMaterial;
import fr.segurbio.testkit.TestPki;
import fr.segurbio.testkit.dmp.DmpSimulator;

/** {@code segur dmp} against the testkit DMP simulator over mutual TLS: every transaction through the command. */
class DmpCommandIT {

    static final String INS = "279035121518989";
    static final String OID = "1.2.250.1.213.1.4.10";
    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path dir;
    static TestPki pki;
    static DmpSimulator sim;
    static Path config;
    static Path n3;
    static Path n1;

    @BeforeAll
    static void start() throws Exception {
        Path shared = ConformanceMaterial.root().orElseThrow(() -> new IllegalStateException(
                ConformanceMaterial.missing("conformance/xds")));
        pki = TestPki.create(dir.resolve("pki"));
        sim = DmpSimulator.builder(pki).conformance(shared).start();
        sim.patient(INS);
        String json = "{\"environment\":\"test\",\"tlsCertificate\":\"" + pki.orgAuthCli().pkcs12() + "\","
                + "\"signCertificate\":\"" + pki.orgSign().pkcs12() + "\",\"trustStore\":\"" + pki.trustAnchorsPem()
                + "\",\"software\":{\"name\":\"SGL-TEST\",\"version\":\"1.0\",\"instanceId\":\"1.2.250.1.999.1.1\"},"
                + "\"homologation\":\"TST-0001\",\"structure\":{\"id\":\"1120459876\",\"name\":\"Laboratoire des"
                + " charmes\",\"sector\":\"SA25\"},\"actor\":{\"nameId\":\"1120459876/SGL\",\"subjectId\":\"SGL-TEST,"
                + " automate\"},\"responseTimeoutSeconds\":5,\"attempts\":2}";
        config = Files.writeString(dir.resolve("dmp.json"), json);
        String password = new String(pki.password());
        DmpCommand.environment = Map.of(DmpCommand.TLS_PASSWORD_ENV, password, DmpCommand.SIGN_PASSWORD_ENV,
                password)::get;
        Path sample = sample();
        Path out = dir.resolve("cr");
        assertThat(SegurCommand.commandLine().execute("cda", "build", sample.toString(), "--out",
                out.toString())).isZero();
        n3 = out.resolve("sample-report-N3.xml");
        n1 = out.resolve("sample-report-N1.xml");
    }

    static Path sample() {
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.exists(p.resolve("examples/sample-report.json"))) {
                return p.resolve("examples/sample-report.json");
            }
        }
        throw new IllegalStateException("examples/sample-report.json");
    }

    @AfterAll
    static void stop() {
        DmpCommand.environment = System::getenv;
        if (sim != null) {
            sim.close();
        }
    }

    record Run(int exit, String out, String err) {
        JsonNode json() throws Exception {
            return JSON.readTree(out);
        }
    }

    static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        String[] all = Stream.concat(Stream.of("dmp"), Stream.of(args)).toArray(String[]::new);
        int exit = SegurCommand.commandLine().setOut(new PrintWriter(out)).setErr(new PrintWriter(err))
                .execute(all);
        return new Run(exit, out.toString(), err.toString());
    }

    String[] common(String... rest) {
        return Stream.concat(Stream.of(rest), Stream.of("--config", config.toString(), "--endpoint",
                sim.baseUri().toString())).toArray(String[]::new);
    }

    @Test
    void everyTransactionThroughTheCommand() throws Exception {
        sim.clearDocuments();
        Run status = run(common("status", "--ins", INS, "--oid", OID, "--json"));
        assertThat(status.exit()).as(status.err() + status.out()).isZero();
        assertThat(status.json().at("/result/state").asText()).isEqualTo("ACTIVE");

        Path traces = dir.resolve("traces");
        Run submit = run(common("submit", n3.toString(), n1.toString(), "--informed", "--annonce", "--json",
                "--trace", traces.toString()));
        assertThat(submit.exit()).as(submit.err() + submit.out()).isZero();
        String n1Id = submit.json().at("/result/n1").asText();
        String n3Id = submit.json().at("/result/n3").asText();
        try (Stream<Path> files = Files.list(traces)) {
            assertThat(files.map(p -> p.getFileName().toString()).sorted()).containsExactly(
                    "0001-TD0.2-request.txt", "0002-TD0.2-response.txt", "0003-ITI-41-request.txt",
                    "0004-ITI-41-response.txt");
        }

        Run find = run(common("find", "--ins", INS, "--oid", OID, "--json"));
        assertThat(find.exit()).as(find.err()).isZero();
        assertThat(find.json().at("/result").findValuesAsText("uniqueId")).contains(n1Id, n3Id);
        assertThat(find.json().at("/result/0/visibility").toString()).contains("INVISIBLE_PATIENT");

        Path got = dir.resolve("got.xml");
        Run retrieve = run(common("retrieve", n3Id, "--ins", INS, "--oid", OID, "--out", got.toString()));
        assertThat(retrieve.exit()).as(retrieve.err()).isZero();
        assertThat(Files.readAllBytes(got)).isEqualTo(Files.readAllBytes(n3));

        for (String action : new String[] {"show-to-patient", "mask", "unmask", "hide-from-guardians",
            "show-to-guardians", "hide-from-patient", "archive", "unarchive", "delete"}) {
            Run r = run(common(action, n1Id, "--ins", INS, "--oid", OID, "--json"));
            assertThat(r.exit()).as(action + " " + r.err() + r.out()).isZero();
            assertThat(r.json().at("/result/changed").asBoolean()).as(action).isTrue();
        }
        Run after = run(common("find", "--ins", INS, "--oid", OID, "--json"));
        assertThat(after.json().at("/result").findValuesAsText("uniqueId")).doesNotContain(n1Id, n3Id);
    }

    @Test
    void replaceThroughTheCommand() throws Exception {
        sim.clearDocuments();
        Run first = run(common("submit", n3.toString(), n1.toString(), "--informed"));
        assertThat(first.exit()).as(first.err()).isZero();
        ObjectNode v2 = (ObjectNode) JSON.readTree(sample().toFile());
        ObjectNode doc = (ObjectNode) v2.get("document");
        ((ObjectNode) doc.get("id")).put("root", "1.2.250.1.213.1.1.9.1.2024.1.2");
        doc.put("version", 2);
        doc.putObject("replaces").put("root", "1.2.250.1.213.1.1.9.1.2024.1.1");
        v2.put("name", "sample-report-v2");
        Path json2 = Files.writeString(dir.resolve("sample-report-v2.json"), JSON.writeValueAsString(v2));
        try (Stream<Path> files = Files.list(sample().getParent())) {    // the files the report names
            for (Path f : files.filter(p -> p.toString().endsWith(".pdf") || p.toString().endsWith(".png")).toList()) {
                Files.copy(f, dir.resolve(f.getFileName()), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
        }
        Path out = dir.resolve("cr2");
        StringWriter buildErr = new StringWriter();
        assertThat(SegurCommand.commandLine().setErr(new PrintWriter(buildErr)).execute("cda", "build",
                json2.toString(), "--out", out.toString())).as(buildErr.toString()).isZero();
        Run replace = run(common("replace", out.resolve("sample-report-v2-N3.xml").toString(),
                out.resolve("sample-report-v2-N1.xml").toString(), "--informed", "--json"));
        assertThat(replace.exit()).as(replace.err() + replace.out()).isZero();
        assertThat(replace.json().at("/result/replacement").asBoolean()).isTrue();
    }

    @Test
    void refusedBeforeSendingWithExitOne() throws Exception {
        long before = sim.callCount(fr.segurbio.testkit.dmp.DmpTransaction.ITI_41);
        Run notInformed = run(common("submit", n3.toString(), n1.toString(), "--json"));
        assertThat(notInformed.exit()).isEqualTo(1);
        assertThat(notInformed.json().at("/errors/0/code").asText()).isEqualTo("DMP-013");
        Run opposed = run(common("submit", n3.toString(), n1.toString(), "--informed", "--opposed"));
        assertThat(opposed.exit()).isEqualTo(1);
        assertThat(opposed.err()).contains("DMP-012");
        Run swapped = run(common("submit", n3.toString(), n3.toString(), "--informed"));
        assertThat(swapped.exit()).isEqualTo(1);
        assertThat(sim.callCount(fr.segurbio.testkit.dmp.DmpTransaction.ITI_41)).isEqualTo(before);
        Run webps = run(common("webps-url", "--ins", INS, "--oid", OID));
        assertThat(webps.exit()).isEqualTo(1);
        assertThat(webps.err()).contains("DMP-043");
    }

    @Test
    void noPasswordAndNoTerminalIsAUsageError() {
        var saved = DmpCommand.environment;
        DmpCommand.environment = name -> null;
        try {
            Run r = run(common("status", "--ins", INS, "--oid", OID));
            assertThat(r.exit()).isEqualTo(2);
            assertThat(r.err()).contains(DmpCommand.TLS_PASSWORD_ENV);
        } finally {
            DmpCommand.environment = saved;
        }
    }
}
