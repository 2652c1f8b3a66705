package dev.tarjama.jobs.exit;

/**
 * The process exit codes of {@code ./tarjama}: the scheduler contract ({@code docs/batch-job.md}
 * has the table). A leaf: commands, configuration and input readers use it, and it uses nothing of
 * theirs.
 */
public final class ExitCode {
    /** Success (a run with no input is one too when {@code run.allow_empty_input=true}). */
    public static final int OK = 0;
    /** The run or command failed; a retry may help (crash, I/O, lost cluster). */
    public static final int FAILURE = 1;
    /** Bad usage or configuration; a retry will fail the same way. */
    public static final int USAGE = 2;
    /** The run committed its rows, but more articles failed than {@code run.max_failure_rate} allows. */
    public static final int OVER_FAILURE_THRESHOLD = 3;
    /** The run refused to commit (the table is untouched), e.g. it would downgrade too many ok rows. */
    public static final int COMMIT_REFUSED = 4;
    /** No input was found (missing or empty input); nothing was written. */
    public static final int NO_INPUT = 5;

    private ExitCode() {}
}
