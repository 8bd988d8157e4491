package fr.segurbio.cli;

import java.io.PrintWriter;

import picocli.CommandLine;

/**
 * Entry point of the runnable jar: {@code java -jar cli/target/segur.jar --version}.
 *
 * <pre>{@code
 * int exit = Segur.run(new PrintWriter(System.out, true), new PrintWriter(System.err, true), "--version");
 * }</pre>
 */
public final class Segur {

    private Segur() {
    }

    /**
     * Runs the command and exits the JVM with its exit code.
     *
     * @param args the command line
     */
    public static void main(String[] args) {
        PrintWriter out = new PrintWriter(System.out, true, java.nio.charset.StandardCharsets.UTF_8);
        PrintWriter err = new PrintWriter(System.err, true, java.nio.charset.StandardCharsets.UTF_8);
        System.exit(run(out, err, args));
    }

    /**
     * Runs the command with the given output streams, without exiting.
     *
     * @param out standard output
     * @param err standard error
     * @param args the command line
     * @return the exit code (see {@link ExitCode})
     */
    public static int run(PrintWriter out, PrintWriter err, String... args) {
        CommandLine commandLine = SegurCommand.commandLine(args)
                .setOut(out)
                .setErr(err)
                .setExitCodeExceptionMapper(Segur::exitCodeOf)
                .setParameterExceptionHandler((ex, cmdArgs) -> {
                    CommandLine cmd = ex.getCommandLine();
                    cmd.getErr().println(ex.getMessage());
                    cmd.usage(cmd.getErr());
                    return ExitCode.USAGE;
                })
                .setExecutionExceptionHandler((ex, cmd, parseResult) -> {
                    cmd.getErr().println("segur: " + ex.getMessage());
                    return exitCodeOf(ex);
                });
        int code = commandLine.execute(args);
        out.flush();
        err.flush();
        return code;
    }

    private static int exitCodeOf(Throwable t) {
        if (t instanceof java.io.IOException || t instanceof java.io.UncheckedIOException) {
            return ExitCode.IO_ERROR;
        }
        return ExitCode.INVALID;
    }
}
