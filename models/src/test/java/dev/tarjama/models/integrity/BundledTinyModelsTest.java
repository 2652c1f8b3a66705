package dev.tarjama.models.integrity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tarjama.models.testing.TinyModels;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The tiny models under models/tiny/ carry manifests and are verified like any other model folder. */
class BundledTinyModelsTest {
    static final List<String> MODELS = List.of("marian-optimum", "marian-xenova", "marian-spm", "bart-optimum",
            "bart-xenova");

    @Test
    void everyBundledTinyModelVerifiesAgainstItsManifestListingAllItsFiles() throws IOException {
        for (String name : MODELS) {
            Path folder = TinyModels.ROOT.resolve(name);
            Manifest m = ModelVerifier.verify(folder);
            assertEquals(ModelFolders.files(folder), m.files().stream().map(Manifest.Entry::file).toList(),
                    name + ": the manifest lists every file; after regenerating the tiny models, rewrite it as"
                            + " docs/models.md says");
            assertEquals("models/tiny/" + name, m.source());
            assertEquals(Verification.MANIFEST, ModelVerifier.verifyForLoad(folder), name);
        }
    }

    @Test
    void anAlteredCopyOfATinyModelWithItsManifestIsRefused(@TempDir Path tmp) throws IOException {
        Path copy = tmp.resolve("marian-xenova");
        for (String f : ModelFolders.files(TinyModels.MARIAN_XENOVA)) {
            Files.createDirectories(copy.resolve(f).getParent());
            Files.copy(TinyModels.MARIAN_XENOVA.resolve(f), copy.resolve(f));
        }
        Files.copy(TinyModels.MARIAN_XENOVA.resolve(Manifest.FILE_NAME), copy.resolve(Manifest.FILE_NAME));
        Files.write(copy.resolve("tokenizer_config.json"), new byte[] {' '}, StandardOpenOption.APPEND);

        ModelIntegrityException e = assertThrows(ModelIntegrityException.class, () -> ModelVerifier.verifyForLoad(copy));

        assertEquals("tokenizer_config.json", e.file());
        assertTrue(e.getMessage().contains("altered or truncated"), e.getMessage());
    }
}
