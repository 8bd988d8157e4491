package fr.segurbio.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import fr.segurbio.testkit.ConformanceMaterial;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code segur simulators --dir DIR} started in a thread; its configuration files used by {@code segur ins
 * search}, {@code segur dispatch} and {@code segur dispatch status}; then stopped.
 */
class SimulatorsCommandIT {

    @TempDir
    Path dir;

    record Run(int exit, String out, String err) {
    }

    static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = Segur.run(new PrintWriter(out), new PrintWriter(err), args);
        return new Run(exit, out.toString(), err.toString());
    }

    @Test
    void theConfigurationsItWritesWorkWithTheMatchingCommands() throws Exception {
        assumeTrue(ConformanceMaterial.find("conformance/xds").isPresent()
                && ConformanceMaterial.find("conformance/insi/xsd").isPresent(),
                ConformanceMaterial.missing("conformance/xds"));
        SimulatorsCommand command = new SimulatorsCommand();
        StringWriter printed = new StringWriter();
        int[] exit = {-1};
        Thread t = new Thread(() -> exit[0] = new CommandLine(command).setOut(new PrintWriter(printed))
                .execute("--dir", dir.toString()));
        t.start();
        UnaryOperator<String> environment = DmpCommand.environment;
        try {
            Instant deadline = Instant.now().plus(Duration.ofMinutes(3));
            while (!Files.exists(dir.resolve("READY")) && Instant.now().isBefore(deadline) && t.isAlive()) {
                Thread.sleep(100);
            }
            assertThat(dir.resolve("READY")).exists();
            assertThat(printed.toString()).contains("segur.jar dispatch --config", "ins search", "psc login");
            for (String f : new String[] {"ins-search.json", "dmp.json", "mss.json", "psc.json", "dispatch.json",
                "env.sh", "pki"}) {
                assertThat(dir.resolve(f)).exists();
            }
            String env = Files.readString(dir.resolve("env.sh"));
            String password = env.substring(env.indexOf('\'') + 1, env.indexOf('\'', env.indexOf('\'') + 1));
            DmpCommand.environment = name -> password;

            Run ins = run("ins", "search", dir.resolve("traits.json").toString(), "--config",
                    dir.resolve("ins-search.json").toString(), "--json");
            assertThat(ins.exit()).as(ins.err()).isZero();
            assertThat(ins.out()).contains(SimulatedWorld.MATRICULE.substring(0, 13));

            Path sample = DemoCommand.findSample().orElseThrow();
            Run sent = run("dispatch", "--config", dir.resolve("dispatch.json").toString(), sample.toString(),
                    "--json");
            assertThat(sent.exit()).as(sent.err() + sent.out()).isZero();
            JsonNode result = new ObjectMapper().readTree(sent.out()).get(0);
            assertThat(result.get("sendings")).hasSize(4);
            result.get("sendings").forEach(s -> assertThat(s.path("status").asText()).isEqualTo("SENT"));

            // the second run of the same report sends nothing again
            Run again = run("dispatch", "--config", dir.resolve("dispatch.json").toString(), sample.toString(),
                    "--json");
            assertThat(again.exit()).isZero();
            assertThat(new ObjectMapper().readTree(again.out()).get(0).get("sendings").get(0).path("attempts")
                    .asInt()).isEqualTo(1);

            Run status = run("dispatch", "status", result.path("reportId").asText(), "--config",
                    dir.resolve("dispatch.json").toString(), "--fetch-returns", "--json");
            assertThat(status.exit()).as(status.err()).isZero();
            JsonNode st = new ObjectMapper().readTree(status.out());
            assertThat(st.get("sendings")).hasSize(4);
            assertThat(st.toString()).contains("DMP", SimulatedWorld.PRESCRIBER, SimulatedWorld.PATIENT);

            Run unknown = run("dispatch", "status", "no-such-report", "--config",
                    dir.resolve("dispatch.json").toString());
            assertThat(unknown.exit()).isEqualTo(ExitCode.INVALID);
        } finally {
            DmpCommand.environment = environment;
            command.stop.countDown();
            t.join(60_000);
        }
        assertThat(t.isAlive()).isFalse();
        assertThat(exit[0]).isZero();
        assertThat(dir.resolve("READY")).doesNotExist();
    }
}
