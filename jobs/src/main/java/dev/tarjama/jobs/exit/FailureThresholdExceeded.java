package dev.tarjama.jobs.exit;

/** The run committed, but its failure rate is above {@code run.max_failure_rate} (exit code 3). */
public class FailureThresholdExceeded extends ExitException {
    public FailureThresholdExceeded(String message) {
        super(message, null);
    }

    @Override
    public int exitCode() {
        return ExitCode.OVER_FAILURE_THRESHOLD;
    }
}
