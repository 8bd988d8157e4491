package fr.segurbio.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;

import org.junit.jupiter.api.Test;

class SegurTest {

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        return Segur.run(new PrintWriter(out), new PrintWriter(err), args);
    }

    @Test
    void versionPrintsTheBuiltVersion() {
        assertThat(run("--version")).isEqualTo(ExitCode.OK);
        assertThat(out.toString()).startsWith("segur 0.").doesNotContain("${").doesNotContain("unknown");
    }

    @Test
    void helpListsTheExitCodes() {
        assertThat(run("help")).isEqualTo(ExitCode.OK);
        assertThat(out.toString()).contains("Usage: segur").contains("2 usage error");
    }

    @Test
    void unknownOptionIsAUsageError() {
        assertThat(run("--no-such-option")).isEqualTo(ExitCode.USAGE);
        assertThat(err.toString()).contains("Unknown option");
    }
}
