package fr.segurbio.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code segur dispatch} without remote sides: usage errors, an unknown report, a channel without sender. */
class DispatchCommandTest {

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
    void withoutConfigOrReportItIsAUsageError() throws Exception {
        assertThat(run("dispatch").exit()).isEqualTo(ExitCode.USAGE);
        Path config = Files.writeString(dir.resolve("dispatch.json"), "{\"journal\": \"journal\"}");
        Run r = run("dispatch", "--config", config.toString());
        assertThat(r.exit()).isEqualTo(ExitCode.USAGE);
        assertThat(r.err()).contains("REPORT.json");
    }

    @Test
    void aReportWithoutSendingsIsReportedAsUnknown() throws Exception {
        Path config = Files.writeString(dir.resolve("dispatch.json"), "{\"journal\": \"journal\"}");
        Run r = run("dispatch", "status", "CR-UNKNOWN", "--config", config.toString());
        assertThat(r.exit()).isEqualTo(ExitCode.INVALID);
        assertThat(r.err()).contains("no sending of CR-UNKNOWN");
    }

    @Test
    void aChannelWithoutConfigurationFailsItsSendingsWithTheirCodeAndKeepsThemInTheJournal() throws Exception {
        Path config = Files.writeString(dir.resolve("dispatch.json"), "{\"journal\": \"journal\"}");
        Path sample = DemoCommand.findSample().orElseThrow();
        Run r = run("dispatch", "--config", config.toString(), sample.toString(), "--json");
        assertThat(r.exit()).as(r.err()).isEqualTo(ExitCode.INVALID);
        assertThat(r.out()).contains("DISPATCH-008", "\"FAILED\"", "MSSANTE_PATIENT", "pascal.charles@medecin.mssante.fr");
        Run status = run("dispatch", "status", "1.2.250.1.213.1.1.9.1.2024.1", "--config", config.toString());
        assertThat(status.exit()).isZero();
        assertThat(status.out()).contains("DMP", "MSSANTE_PATIENT", "FAILED");
    }

    @Test
    void aMissingConfigurationIsAnIoError() {
        Run r = run("dispatch", "--config", dir.resolve("absent.json").toString(), "x.json");
        assertThat(r.exit()).isEqualTo(ExitCode.IO_ERROR);
    }
}
