package dev.tarjama.models.integrity;

import java.io.IOException;

/**
 * A model folder or archive cannot be trusted: a file does not match what was recorded or
 * announced for it, the manifest is missing or unreadable, or an archive is unsafe. The message is
 * meant for the person running the command; {@link #file()} names the file when there is one.
 */
public class ModelIntegrityException extends IOException {
    private static final long serialVersionUID = 1L;

    private final String file;

    public ModelIntegrityException(String file, String message) {
        this(file, message, null);
    }

    public ModelIntegrityException(String file, String message, Throwable cause) {
        super(message, cause);
        this.file = file;
    }

    /** A problem of the folder or archive as a whole (no manifest, an unsafe entry name). */
    public static ModelIntegrityException ofFolder(String message) {
        return new ModelIntegrityException(null, message);
    }

    /** The file (relative to the model folder) that failed, or null when the problem is not one file's. */
    public String file() {
        return file;
    }
}
