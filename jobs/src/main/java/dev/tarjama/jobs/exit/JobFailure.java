package dev.tarjama.jobs.exit;

/** The run could not be carried out (missing model, unreadable input...): exit code 1, one clear line. */
public class JobFailure extends ExitException {
    public JobFailure(String message) {
        super(message, null);
    }

    public JobFailure(String message, Throwable cause) {
        super(message, cause);
    }

    @Override
    public int exitCode() {
        return ExitCode.FAILURE;
    }
}
