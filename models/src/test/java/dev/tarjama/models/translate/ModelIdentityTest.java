package dev.tarjama.models.translate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tarjama.models.hub.ModelPreparer;
import dev.tarjama.models.onnx.ModelFolder;
import dev.tarjama.models.onnx.ModelOptions;
import dev.tarjama.models.testing.TinyModels;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The model name and revision written in every row stay the same wherever a copy of the model lives. */
class ModelIdentityTest {

    private static ModelIdentity of(Path folder) {
        return ModelIdentity.of(ModelFolder.detect(folder, ModelOptions.defaults()));
    }

    @Test
    void aPreparedModelKeepsItsNameAndRevisionWhenCopiedUnderAnotherFolderName(@TempDir Path dir) throws Exception {
        Path prepared = dir.resolve("prepared");
        ModelPreparer.prepare(TinyModels.MARIAN_XENOVA, prepared, false);
        Path staged = dir.resolve("marian-xenova-3f2a9c");
        TinyModels.copy(prepared, staged);

        ModelIdentity original = of(TinyModels.MARIAN_XENOVA);
        assertEquals("marian-xenova", original.name());
        assertTrue(original.revision().startsWith("local-"), original.revision());
        assertEquals(original, of(prepared));
        assertEquals(original, of(staged));
    }

    @Test
    void aChangedModelFileChangesTheRevision(@TempDir Path dir) throws Exception {
        Path copy = TinyModels.copy(TinyModels.MARIAN_XENOVA, dir.resolve("marian-xenova"));
        Path generation = copy.resolve("generation_config.json");
        Files.writeString(generation, Files.readString(generation).replace("\"num_beams\": 4", "\"num_beams\": 2"));
        assertNotEquals(of(TinyModels.MARIAN_XENOVA).revision(), of(copy).revision());
    }
}
