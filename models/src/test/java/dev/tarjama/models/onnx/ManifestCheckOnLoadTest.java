package dev.tarjama.models.onnx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tarjama.models.ModelLoadException;
import dev.tarjama.models.hub.ModelPreparer;
import dev.tarjama.models.testing.TinyModels;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A model folder with a manifest is re-hashed at load: altered files never reach ONNX Runtime. */
class ManifestCheckOnLoadTest {

    @Test
    void aPreparedFolderLoadsAndAnAlteredOneIsRefusedNamingTheFile(@TempDir Path dir) throws Exception {
        Path prepared = dir.resolve("prepared");
        ModelPreparer.prepare(TinyModels.MARIAN_XENOVA, prepared, false);
        assertTrue(Files.isRegularFile(prepared.resolve("manifest.json")));
        try (ModelBundle bundle = ModelBundle.load(prepared, ModelOptions.defaults())) {
            assertEquals(TinyModels.marianConfig().vocabSize(), bundle.config().vocabSize());
        }

        Path encoder = prepared.resolve("onnx").resolve("encoder_model.onnx");
        Files.write(encoder, new byte[] {0}, StandardOpenOption.APPEND);
        ModelLoadException e = assertThrows(ModelLoadException.class,
                () -> ModelBundle.load(prepared, ModelOptions.defaults()));
        assertTrue(e.getMessage().contains("encoder_model.onnx") && e.getMessage().contains("verification"),
                e.getMessage());
    }
}
