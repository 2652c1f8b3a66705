package dev.tarjama.models.translate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tarjama.models.hub.ModelPreparer;
import dev.tarjama.models.integrity.Verification;
import dev.tarjama.models.onnx.ModelBundle;
import dev.tarjama.models.onnx.ModelFolder;
import dev.tarjama.models.onnx.ModelOptions;
import dev.tarjama.models.testing.TinyModels;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The model name and revision written in every row come from the files' hashes, wherever a copy lives. */
class ModelIdentityTest {
    static final String ENCODER = "onnx/encoder_model.onnx";

    private static ModelIdentity of(Path folder) {
        return ModelIdentity.of(ModelFolder.detect(folder, ModelOptions.defaults()));
    }

    @Test
    void aPreparedModelKeepsItsNameAndRevisionWhenCopiedUnderAnotherFolderName(@TempDir Path dir) throws Exception {
        Path prepared = dir.resolve("prepared");
        ModelPreparer.prepare(TinyModels.MARIAN_XENOVA, prepared, false);
        Path staged = TinyModels.copyWithManifest(prepared, dir.resolve("marian-xenova-3f2a9c"));

        ModelIdentity original = of(TinyModels.MARIAN_XENOVA);
        assertEquals("marian-xenova", original.name());
        assertEquals(Verification.MANIFEST, original.verification(), "the bundled tiny models carry manifests");
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

    @Test
    void weightsChangedInPlaceAtTheSameSizeChangeTheRevisionEvenWithTheOldModificationTime(@TempDir Path dir)
            throws Exception {
        Path copy = TinyModels.copy(TinyModels.MARIAN_XENOVA, dir.resolve("marian-xenova"));
        ModelIdentity before = of(copy);
        assertEquals(before.revision(), of(TinyModels.MARIAN_XENOVA).revision(),
                "the same files give the same revision with or without a manifest");
        Path encoder = copy.resolve(ENCODER);
        long size = Files.size(encoder);
        FileTime modified = Files.getLastModifiedTime(encoder);
        byte[] bytes = Files.readAllBytes(encoder);
        bytes[bytes.length - 100] ^= 1; // inside the last initializer's raw data
        Files.write(encoder, bytes);
        Files.setLastModifiedTime(encoder, modified);

        ModelIdentity after = of(copy);

        assertEquals(size, Files.size(encoder));
        assertEquals(before.name(), after.name());
        assertNotEquals(before.revision(), after.revision(), "file names and sizes alone are not the identity");
        assertEquals(Verification.UNVERIFIED, after.verification());
    }

    @Test
    void aFolderWhoseManifestWasDeletedLoadsWithAWarningAndIsUnverified(@TempDir Path dir) throws Exception {
        Path prepared = dir.resolve("opus");
        ModelPreparer.prepare(TinyModels.MARIAN_XENOVA, prepared, false);
        ModelIdentity verified = of(prepared);
        Files.delete(prepared.resolve("manifest.json"));

        PrintStream err = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try (ModelBundle bundle = ModelBundle.load(prepared, ModelOptions.defaults())) {
            assertTrue(bundle.tokenizer().encode("قال الوزير").length > 1);
        } finally {
            System.setErr(err);
        }

        String log = captured.toString(StandardCharsets.UTF_8);
        assertTrue(log.contains("WARN") && log.contains("has no manifest.json: loading it UNVERIFIED"), log);
        ModelIdentity unverified = of(prepared);
        assertEquals(Verification.UNVERIFIED, unverified.verification());
        assertEquals("opus", unverified.name(), "without a manifest only the folder's own name is known");
        assertEquals(verified.revision(), unverified.revision(), "the same files: the same revision");
    }
}
