package fr.segurbio.cli;

import java.util.ArrayList;
import java.util.List;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.HelpCommand;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * The top-level {@code segur} command. Each module adds its group of subcommands to {@link #SUBCOMMANDS}.
 *
 * <p>The subcommands are not in the {@code @Command} annotation: picocli builds (and instantiates) every command of
 * the tree it is given, which cost about 0.3 s of a {@code segur --version}. {@link #commandLine(String...)} only
 * builds the group a command line names; anything else (no group, {@code help}, an unknown word) gets the whole
 * tree, so usage, help and errors are unchanged.
 */
@Command(
        name = "segur",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = {
            "Ségur Bio SDK: INS, CR-BIO (CDA N3/N1, PDF/A), LOINC, DMP and MSSanté for lab software.",
            "Every command prints JSON with --json. Exit codes: 0 ok, 1 invalid input or failed check,"
                    + " 2 usage error, 3 I/O or remote-service error."
        })
final class SegurCommand implements Runnable {

    /** The command groups, in the order of the usage; {@code help} first. */
    static final List<Class<?>> SUBCOMMANDS = List.of(
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
            DispatchCommand.class
            // SEGUR-SUBCOMMANDS: module command groups are listed here
    );

    @Spec
    private CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /**
     * The {@code segur} command with every command group.
     *
     * @return a new command line
     */
    static CommandLine commandLine() {
        CommandLine commandLine = new CommandLine(new SegurCommand());
        for (Class<?> group : SUBCOMMANDS) {
            commandLine.addSubcommand(group);
        }
        return commandLine;
    }

    /**
     * The {@code segur} command with what {@code args} can reach: only the group named by the first argument (other
     * than {@code help}), none for a lone {@code --version} / {@code -V}, every group otherwise.
     *
     * @param args the command line
     * @return a new command line; configure it (output, handlers) after this call, picocli applies settings to the
     *     subcommands present when they are set
     */
    static CommandLine commandLine(String... args) {
        if (args.length == 1 && ("--version".equals(args[0]) || "-V".equals(args[0]))) {
            return new CommandLine(new SegurCommand());
        }
        if (args.length > 0) {
            for (Class<?> group : SUBCOMMANDS) {
                Command command = group.getAnnotation(Command.class);
                if (group != HelpCommand.class && names(command).contains(args[0])) {
                    CommandLine commandLine = new CommandLine(new SegurCommand());
                    commandLine.addSubcommand(group);
                    return commandLine;
                }
            }
        }
        return commandLine();
    }

    private static List<String> names(Command command) {
        List<String> names = new ArrayList<>(List.of(command.aliases()));
        names.add(command.name());
        return names;
    }
}
