package fr.segurbio.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.HelpCommand;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * The top-level {@code segur} command. Each module adds its group of subcommands here.
 */
@Command(
        name = "segur",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = {
            "Ségur Bio SDK: INS, CR-BIO (CDA N3/N1, PDF/A), LOINC, DMP and MSSanté for lab software.",
            "Every command prints JSON with --json. Exit codes: 0 ok, 1 invalid input or failed check,"
                    + " 2 usage error, 3 I/O or remote-service error."
        },
        subcommands = {
            HelpCommand.class,
            InsCommand.class,
            LoincCommand.class,
            CdaCommand.class,
            PscCommand.class,
            Hl7Command.class,
            DmpCommand.class,
            MssCommand.class,
            DemoCommand.class,
            SimulatorsCommand.class,
            DispatchCommand.class,
            // SEGUR-SUBCOMMANDS: module command groups are listed here
        })
final class SegurCommand implements Runnable {

    @Spec
    private CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
