package fr.segurbio.cli;

/**
 * The exit codes of every {@code segur} command, as the README's "The {@code segur} command" section lists them.
 */
public final class ExitCode {
    /** The command succeeded. */
    public static final int OK = 0;
    /** The input is invalid or the check failed. */
    public static final int INVALID = 1;
    /** The command line is wrong. */
    public static final int USAGE = 2;
    /** An I/O or remote-service error stopped the command. */
    public static final int IO_ERROR = 3;

    private ExitCode() {
    }
}
