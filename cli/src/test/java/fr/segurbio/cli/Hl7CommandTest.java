package fr.segurbio.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import fr.segurbio.hl7v2.Er7Parser;
import fr.segurbio.hl7v2.Hl7Message;
import fr.segurbio.hl7v2.report.DocumentAction;
import fr.segurbio.hl7v2.report.MetaFlag;
import fr.segurbio.hl7v2.report.ReceivedReport;
import fr.segurbio.hl7v2.report.ReportMessageReader;
import fr.segurbio.testkit.ConformanceMaterial;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class Hl7CommandTest {

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        return Segur.run(new PrintWriter(out), new PrintWriter(err), args);
    }

    private static Path ans(String relative) {
        Optional<Path> p = ConformanceMaterial.find("conformance/hl7v2/" + relative);
        assumeTrue(p.isPresent(), ConformanceMaterial.missing("conformance/hl7v2/" + relative));
        return p.get();
    }

    static final String N3 = "Vague 2/Trans_Doc-CDA-HL7V2/TRANSMISSION_DOCS_CDA_EN_HL7V2_V2.1/ORU/"
            + "Transmission initiale ORU/SEGUR_CR-BIO_2023.01_Electrophorese.xml";

    @Test
    void identityPrintsWhatTheSglWouldStore() throws Exception {
        int exit = run("hl7", "identity", ans("SGL/admission.er7").toString(), "--environment", "test");
        assertThat(exit).as(err.toString()).isEqualTo(ExitCode.OK);
        JsonNode json = new ObjectMapper().readTree(out.toString());
        assertThat(json.get("trigger").asText()).isEqualTo("A01");
        JsonNode patient = json.get("event").get("patient");
        assertThat(patient.get("ins").get("matricule").asText()).isEqualTo("279035121518989");
        assertThat(patient.get("identity").get("birthName").asText()).isEqualTo("PAT-TROIS");
        assertThat(patient.get("identity").get("birthPlace").asText()).isEqualTo("63220");
        assertThat(json.get("event").get("dmpConsent").get("mayFeedDmp").asBoolean()).isTrue();
        assertThat(json.get("problems").toString()).contains("HL7-108");
    }

    @Test
    void identityOfATestInsInProductionIsInvalid() throws Exception {
        int exit = run("hl7", "identity", ans("SGL/admission.er7").toString());
        assertThat(exit).isEqualTo(ExitCode.INVALID);
        assertThat(out.toString()).contains("HL7-102");
    }

    @Test
    void oruWritesTheMessageCarryingTheReport(@TempDir Path dir) throws Exception {
        Path hl7 = dir.resolve("report.hl7");
        int exit = run("hl7", "oru", ans(N3).toString(), "--out", hl7.toString(), "--control-id", "C1",
                "--flags", "DESTMSSANTEPS,INVISIBLE_PATIENT",
                "--recipient", "adam.hoda@test-ci-sis.mssante.fr=801234567897:Hoda:Adam",
                "--reply-to", "labo@test.mssante.fr");
        assertThat(exit).as(err.toString()).isEqualTo(ExitCode.OK);
        Hl7Message m = Er7Parser.create().parse(hl7);
        ReceivedReport r = ReportMessageReader.create().read(m);
        assertThat(r.problems().errors()).isEmpty();
        assertThat(r.action()).contains(DocumentAction.TRANSMIT);
        assertThat(r.flags().is(MetaFlag.DESTMSSANTEPS)).isTrue();
        assertThat(r.document().orElseThrow()).isEqualTo(Files.readAllBytes(ans(N3)));
        assertThat(m.controlId()).isEqualTo("C1");
    }

    @Test
    void oruRefusesFlagsTheVoletRefuses() {
        int exit = run("hl7", "oru", ans(N3).toString(), "--flags", "MASQUE_PS,DESTMSSANTEPS");
        assertThat(exit).isEqualTo(ExitCode.INVALID);
        assertThat(err.toString()).contains("HL7-201").contains("HL7-203");
    }

    @Test
    void sendToListen() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        StringWriter listenOut = new StringWriter();
        StringWriter listenErr = new StringWriter();
        int p = port;
        CompletableFuture<Integer> listening = CompletableFuture.supplyAsync(() -> Segur.run(
                new PrintWriter(listenOut), new PrintWriter(listenErr), "hl7", "listen", "--mllp", String.valueOf(p),
                "--environment", "test", "--count", "1"));
        int exit = ExitCode.IO_ERROR;
        for (int attempt = 0; attempt < 50 && exit == ExitCode.IO_ERROR; attempt++) {
            out.getBuffer().setLength(0);
            err.getBuffer().setLength(0);
            exit = run("hl7", "send", "--mllp", "localhost:" + port, ans("SGL/admission.er7").toString());
            if (exit == ExitCode.IO_ERROR) {
                Thread.sleep(100);
            }
        }
        assertThat(exit).as(err.toString()).isEqualTo(ExitCode.OK);
        assertThat(new ObjectMapper().readTree(out.toString()).get("code").asText()).isEqualTo("AA");
        assertThat(listening.get(20, TimeUnit.SECONDS)).isEqualTo(ExitCode.OK);
        assertThat(listenOut.toString()).contains("279035121518989").contains("\"trigger\" : \"A01\"");
    }
}
