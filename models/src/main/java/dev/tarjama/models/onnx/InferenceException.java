package dev.tarjama.models.onnx;

import java.nio.file.Path;

/** ONNX Runtime refused or failed a run; the message names the ONNX file. */
public class InferenceException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final transient Path file;

    public InferenceException(Path file, String problem) {
        this(file, problem, null);
    }

    public InferenceException(Path file, String problem, Throwable cause) {
        super(file.getFileName() + ": " + problem, cause);
        this.file = file;
    }

    /** The ONNX file that was running. */
    public Path file() {
        return file;
    }
}
