package dev.tarjama.jobs.exit;

/**
 * The process exit codes of {@code ./tarjama}. A leaf: commands, configuration and input readers
 * use it, and it uses nothing of theirs.
 */
public final class ExitCode {
    /** Success. */
    public static final int OK = 0;
    /** The run or command failed. */
    public static final int FAILURE = 1;
    /** Bad usage or configuration. */
    public static final int USAGE = 2;

    private ExitCode() {}
}
