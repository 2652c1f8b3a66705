package dev.tarjama.jobs.prepare;

import java.io.Serializable;
import java.util.Objects;

/** What incremental mode compares: the identity of an earlier {@code ok} row of the same article. */
public record PreviousRow(String contentHash, String modelName, String modelRevision, String generationHash)
        implements Serializable {

    /** True when the earlier row was produced from the same content, model and settings. */
    public boolean matches(String hash, String name, String revision, String generation) {
        return Objects.equals(contentHash, hash) && Objects.equals(modelName, name)
                && Objects.equals(modelRevision, revision) && Objects.equals(generationHash, generation);
    }
}
