package fr.segurbio.dmp.fuzz;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import fr.segurbio.dmp.DmpClient;
import fr.segurbio.dmp.DmpException;
import fr.segurbio.dmp.FindQuery;
import fr.segurbio.ins.Ins;
import fr.segurbio.testkit.ConformanceMaterial;
import fr.segurbio.testkit.dmp.DmpAuthorization;
import fr.segurbio.testkit.dmp.DmpExchange;
import fr.segurbio.testkit.dmp.DmpFault;
import fr.segurbio.testkit.dmp.DmpOpposition;
import fr.segurbio.testkit.dmp.DmpSimulator;
import fr.segurbio.testkit.dmp.DmpState;
import fr.segurbio.testkit.dmp.DmpTransaction;
import fr.segurbio.transport.RetryPolicy;
import fr.segurbio.transport.ServiceConnection;
import fr.segurbio.transport.TrustStore;

/**
 * Writes the seeds of {@link DmpResponseFuzzTest} named {@code sim-*}: what the testkit DMP simulator answers to the
 * SDK's own requests (TD0.2 in every state, ITI-41 success and duplicate, ITI-18 FindDocuments and GetDocuments,
 * ITI-43 MTOM, ITI-57, and a SOAP fault of each), in the targets' input layout (Content-Type line, then the body).
 * Run only on demand, from the module folder, after a change of the simulator or of the SDK's requests:
 *
 * <pre>{@code
 * mvn -o -pl dmp-client -am verify -Dtest=DmpSimulatorSeeds -Dsurefire.failIfNoSpecifiedTests=false \
 *     -Dsegur.fuzz.writeSeeds=true
 * }</pre>
 */
@EnabledIfSystemProperty(named = "segur.fuzz.writeSeeds", matches = "true")
class DmpSimulatorSeeds {

    private static final Path OUT = Path.of("src/test/resources/fr/segurbio/dmp/fuzz/DmpResponseFuzzTestInputs");
    private static final Ins ABSENT = Ins.of("182017512345659", "1.2.250.1.213.1.4.10");

    @Test
    void writeTheSimulatorsAnswers() throws IOException {
        java.util.Optional<Path> shared = ConformanceMaterial.find("");
        assumeTrue(shared.isPresent(), ConformanceMaterial.missing("conformance"));
        try (DmpSimulator sim = DmpSimulator.builder(DmpResponseFuzzTest.PKI).conformance(shared.get()).start();
                ServiceConnection connection = ServiceConnection.builder()
                        .certificate(DmpResponseFuzzTest.load(DmpResponseFuzzTest.PKI.orgAuthCli()))
                        .trustStore(TrustStore.fromPem(DmpResponseFuzzTest.PKI.trustAnchorsPem()))
                        .connectTimeout(Duration.ofSeconds(5)).responseTimeout(Duration.ofSeconds(10))
                        .retryPolicy(RetryPolicy.none()).noCircuitBreaker().build()) {
            DmpClient dmp = DmpResponseFuzzTest.builder(connection).endpoint(sim.baseUri()).build();
            Ins ins = DmpResponseFuzzTest.INS;
            String matricule = "279035121518989";
            sim.patient(matricule);

            dmp.status(ins);
            take(sim, DmpTransaction.TD0_2, "td02", "sim-active-valid");
            sim.patient(matricule).authorization(DmpAuthorization.EXPIRED).opposition(DmpOpposition.values());
            dmp.status(ins);
            take(sim, DmpTransaction.TD0_2, "td02", "sim-expired-oppositions");
            sim.patient(matricule).authorization(DmpAuthorization.FORBIDDEN).opposition().dmpState(DmpState.CLOSED);
            dmp.status(ins);
            take(sim, DmpTransaction.TD0_2, "td02", "sim-closed-forbidden");
            sim.patient(matricule).authorization(DmpAuthorization.VALID).dmpState(DmpState.ACTIVE);
            dmp.status(ABSENT);
            take(sim, DmpTransaction.TD0_2, "td02", "sim-absent");
            fault(sim, DmpTransaction.TD0_2, "td02", () -> dmp.status(ins));

            dmp.submit(DmpResponseFuzzTest.SUBMISSION);
            take(sim, DmpTransaction.ITI_41, "submit", "sim-success");
            assertThat(dmp.submit(DmpResponseFuzzTest.SUBMISSION).recovered()).isTrue();
            take(sim, DmpTransaction.ITI_41, "submit", "sim-duplicate");
            fault(sim, DmpTransaction.ITI_41, "submit", () -> dmp.submit(DmpResponseFuzzTest.SUBMISSION));

            dmp.getDocuments(ins, List.of(DmpResponseFuzzTest.PAIR.n3(), DmpResponseFuzzTest.PAIR.n1()));
            take(sim, DmpTransaction.ITI_18, "find", "sim-get-documents-pair");
            dmp.find(FindQuery.of(ins));
            take(sim, DmpTransaction.ITI_18, "find", "sim-find-documents");
            fault(sim, DmpTransaction.ITI_18, "find", () -> dmp.find(FindQuery.of(ins)));

            dmp.retrieve(ins, DmpResponseFuzzTest.PAIR.n3());
            take(sim, DmpTransaction.ITI_43, "retrieve", "sim-mtom-n3");
            assertThatThrownBy(() -> dmp.retrieve(ins, DmpResponseFuzzTest.ROOT + "^NO-SUCH-DOCUMENT"))
                    .isInstanceOf(DmpException.class);
            take(sim, DmpTransaction.ITI_43, "retrieve", "sim-unknown-document");
            fault(sim, DmpTransaction.ITI_43, "retrieve", () -> dmp.retrieve(ins, DmpResponseFuzzTest.PAIR.n3()));

            dmp.mask(ins, DmpResponseFuzzTest.PAIR);
            take(sim, DmpTransaction.ITI_57, "update", "sim-mask");
            fault(sim, DmpTransaction.ITI_57, "update", () -> dmp.unmask(ins, DmpResponseFuzzTest.PAIR));
            dmp.delete(ins, DmpResponseFuzzTest.PAIR);
            take(sim, DmpTransaction.ITI_57, "update", "sim-delete");
        }
        for (String folder : List.of("td02", "find", "submit", "update", "retrieve")) {
            try (var files = Files.list(OUT.resolve(folder))) {
                assertThat(files.filter(p -> p.getFileName().toString().startsWith("sim-"))).isNotEmpty();
            }
        }
        Files.createDirectories(OUT.resolve("retrieveStreamed"));
        try (var files = Files.list(OUT.resolve("retrieve"))) {
            for (Path p : files.toList()) {
                Files.copy(p, OUT.resolve("retrieveStreamed").resolve(p.getFileName()),
                        java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
        }
    }

    /** A SOAP fault injected on the transaction's next call, written as {@code sim-fault}. */
    private static void fault(DmpSimulator sim, DmpTransaction t, String folder, Runnable call) throws IOException {
        sim.injectNext(t, DmpFault.soapFault("Erreur simulée / simulated error"));
        assertThatThrownBy(call::run).isInstanceOf(DmpException.class);
        take(sim, t, folder, "sim-fault");
    }

    /** The simulator's last answer for the transaction, in the targets' layout. */
    private static void take(DmpSimulator sim, DmpTransaction t, String folder, String name) throws IOException {
        List<DmpExchange> all = sim.exchanges();
        DmpExchange last = null;
        for (DmpExchange e : all) {
            if (e.transaction() == t) {
                last = e;
            }
        }
        assertThat(last).as("an answer to %s", t).isNotNull();
        assertThat(last.truncated()).isFalse();
        String type = (last.status() == 500 ? "500 " : "") + last.responseContentType();
        byte[] head = (type + "\n").getBytes(StandardCharsets.ISO_8859_1);
        byte[] out = new byte[head.length + last.response().length];
        System.arraycopy(head, 0, out, 0, head.length);
        System.arraycopy(last.response(), 0, out, head.length, last.response().length);
        Files.createDirectories(OUT.resolve(folder));
        Files.write(OUT.resolve(folder).resolve(name), out);
    }
}
