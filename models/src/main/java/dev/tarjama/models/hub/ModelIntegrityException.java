package dev.tarjama.models.hub;

/** A model file does not match what was recorded or announced for it; names the file. */
public class ModelIntegrityException extends HubException {
    private final String file;

    public ModelIntegrityException(String file, String message) {
        super(message);
        this.file = file;
    }

    /** The file (relative to the model folder) that failed. */
    public String file() {
        return file;
    }
}
