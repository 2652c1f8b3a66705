package dev.tarjama.jobs.exit;

/** The run finished its work but refused to commit it; the table is as it was (exit code 4). */
public class CommitRefused extends ExitException {
    public CommitRefused(String message) {
        super(message, null);
    }

    @Override
    public int exitCode() {
        return ExitCode.COMMIT_REFUSED;
    }
}
