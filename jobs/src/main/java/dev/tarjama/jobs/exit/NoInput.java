package dev.tarjama.jobs.exit;

/** The configured input does not exist or holds no records (exit code 5); nothing was written. */
public class NoInput extends ExitException {
    public NoInput(String message) {
        super(message, null);
    }

    @Override
    public int exitCode() {
        return ExitCode.NO_INPUT;
    }
}
