package dev.tarjama.jobs.exit;

/** A failure that ends the command with its own {@link ExitCode}; the message is one line for stderr. */
public abstract class ExitException extends RuntimeException {
    protected ExitException(String message, Throwable cause) {
        super(message, cause);
    }

    /** The process exit code this failure maps to. */
    public abstract int exitCode();
}
