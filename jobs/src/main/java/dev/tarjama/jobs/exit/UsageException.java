package dev.tarjama.jobs.exit;

/** Bad command-line usage or configuration; reported in one line with exit code 2. */
public class UsageException extends ExitException {
    public UsageException(String message) {
        super(message, null);
    }

    @Override
    public int exitCode() {
        return ExitCode.USAGE;
    }
}
