package dev.tarjama.models;

import java.nio.file.Path;

/**
 * A model folder that cannot be used: a missing or malformed file, or an interface that does not
 * match what Tarjama expects. The message names the folder, the file and the problem.
 */
public class ModelLoadException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final transient Path folder;
    private final transient Path file;

    public ModelLoadException(Path folder, Path file, String problem) {
        this(folder, file, problem, null);
    }

    public ModelLoadException(Path folder, Path file, String problem, Throwable cause) {
        super(message(folder, file, problem), cause);
        this.folder = folder;
        this.file = file;
    }

    /** The model folder, or null when the problem is not tied to one. */
    public Path folder() {
        return folder;
    }

    /** The offending file, or null when the problem is the folder itself. */
    public Path file() {
        return file;
    }

    private static String message(Path folder, Path file, String problem) {
        StringBuilder sb = new StringBuilder();
        if (file != null) {
            Path shown = folder != null && file.startsWith(folder) ? folder.relativize(file) : file;
            sb.append(shown).append(": ");
        }
        sb.append(problem);
        if (folder != null) {
            sb.append(" (model folder ").append(folder).append(')');
        }
        return sb.toString();
    }
}
