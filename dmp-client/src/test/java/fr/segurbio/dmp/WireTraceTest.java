package fr.segurbio.dmp;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import fr.segurbio.dmp.internal.Xds;
import fr.segurbio.testkit.TestPki;
import fr.segurbio.transport.ServiceConnection;
import fr.segurbio.transport.WireExchange;

class WireTraceTest {

    @TempDir
    Path dir;

    @Test
    void theTraceKeepsTheExchangesButNotTheKeyMaterialAndIsNumberedInOrder() throws Exception {
        TestPki pki = TestPki.create(dir.resolve("pki"));
        Fixtures.Recorder dmp = new Fixtures.Recorder();
        dmp.answers.put(Xds.ACTION_TD02, c -> Fixtures.td02("ACTIF", "VALIDE"));
        dmp.answers.put(Xds.ACTION_ITI41, c -> Fixtures.success());
        List<WireExchange> seen = new CopyOnWriteArrayList<>();
        Path traces = dir.resolve("traces");
        fr.segurbio.transport.WireTraceSink files = DmpWireTrace.toDirectory(traces);
        List<fr.segurbio.transport.AuditEvent> audit = new CopyOnWriteArrayList<>();
        ServiceConnection connection = ServiceConnection.builder().certificate(Fixtures.load(pki.orgAuthCli()))
                .standIn(dmp).auditListener(audit::add).wireTrace(e -> {
                    seen.add(e);
                    files.exchange(e);
                }).build();
        DmpClient client = Fixtures.client(pki, connection).build();
        client.submit(Fixtures.submission(Fixtures.report("TR-0001")));
        assertThat(seen).hasSize(2);
        assertThat(audit).extracting(a -> a.service() + " " + a.operation() + " " + a.outcome())
                .containsExactly("DMP TD0.2 SUCCESS", "DMP ITI-41 SUCCESS");
        assertThat(audit.get(1).principal()).isEqualTo(TestPki.ORGANIZATION);
        String sent = new String(dmp.calls.get(1).body(), StandardCharsets.ISO_8859_1);
        String cert = Base64.getEncoder().encodeToString(pki.orgSign().certificate().getEncoded()).substring(0, 60);
        assertThat(sent.replace("\r\n", "").replace("&#13;", "")).contains(cert);   // on the wire
        String traced = new String(seen.get(1).requestBody(), StandardCharsets.ISO_8859_1);
        assertThat(traced.replace("\r\n", "").replace("&#13;", "")).doesNotContain(cert);
        assertThat(traced).contains(DmpWireTrace.REDACTED).contains("279035121518989").contains("saml2:Assertion")
                .contains("DigestValue");
        try (var list = Files.list(traces)) {
            assertThat(list.map(p -> p.getFileName().toString()).sorted().toList()).containsExactly(
                    "0001-TD0.2-request.txt", "0002-TD0.2-response.txt", "0003-ITI-41-request.txt",
                    "0004-ITI-41-response.txt");
        }
    }
}
