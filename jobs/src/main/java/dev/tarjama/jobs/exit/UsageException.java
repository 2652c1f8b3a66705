package dev.tarjama.jobs.exit;

/** Bad command-line usage; reported in one line with exit code 2. */
public class UsageException extends RuntimeException {
    public UsageException(String message) {
        super(message);
    }
}
