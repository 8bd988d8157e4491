package fr.segurbio.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;

import org.junit.jupiter.api.Test;

import picocli.CommandLine.Command;

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

    /** What the whole command tree prints for args (the tree picocli built before the groups were lazy). */
    private static String wholeTree(String... args) {
        StringWriter whole = new StringWriter();
        SegurCommand.commandLine().setOut(new PrintWriter(whole)).setErr(new PrintWriter(whole)).execute(args);
        return whole.toString();
    }

    @Test
    void aGroupBuiltAloneHelpsAsInTheWholeTree() {
        for (Class<?> group : SegurCommand.SUBCOMMANDS) {
            String name = group.getAnnotation(Command.class).name();
            StringWriter alone = new StringWriter();
            int exit = Segur.run(new PrintWriter(alone), new PrintWriter(alone), name, "--help");
            assertThat(exit).as(name).isEqualTo(ExitCode.OK);
            assertThat(alone.toString()).as(name).isNotBlank().isEqualTo(wholeTree(name, "--help"));
        }
    }

    @Test
    void versionAloneAndTopLevelUsageAreThoseOfTheWholeTree() {
        assertThat(run("--version")).isEqualTo(ExitCode.OK);
        assertThat(out.toString()).isEqualTo(wholeTree("--version"));
        out.getBuffer().setLength(0);
        assertThat(run("-V")).isEqualTo(ExitCode.OK);
        assertThat(out.toString()).isEqualTo(wholeTree("-V"));
        out.getBuffer().setLength(0);
        assertThat(run()).isEqualTo(ExitCode.OK);
        assertThat(out.toString()).contains("cda").contains("dispatch").isEqualTo(wholeTree());
    }
}
