package dev.tarjama.models.onnx;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tarjama.models.ModelLoadException;
import dev.tarjama.models.generate.DecoderSession;
import dev.tarjama.models.testing.TinyModels;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

class ModelBundleTest {

    static final ModelOptions OPTIONS = ModelOptions.builder().optIntraOpThreads(1).build();

    @TempDir
    Path tmp;

    @Test
    void aFolderLoadsAsOneBundleWhoseTokenizerFeedsTheModel() {
        for (Path folder : new Path[] {TinyModels.MARIAN_OPTIMUM, TinyModels.MARIAN_XENOVA}) {
            try (ModelBundle bundle = ModelBundle.load(folder, OPTIONS)) {
                assertEquals("marian", bundle.config().modelType());
                assertTrue(bundle.generationConfigFile().isPresent());
                TinyModels.Case c = TinyModels.marianCases().get(0);
                long[] ids = bundle.tokenizer().encode(c.text());
                assertArrayEquals(c.inputIds(), ids);
                try (DecoderSession session = bundle.model().start(new long[][] {ids})) {
                    float[][] logits = session.step(new long[] {bundle.config().decoderStartTokenId()});
                    assertEquals(bundle.model().vocabSize(), logits[0].length);
                }
            }
        }
    }

    @Test
    void aTokenizerFromAnotherCheckpointIsRefusedBeforeTheModelLoads() throws IOException {
        Path folder = TinyModels.copy(TinyModels.MARIAN_OPTIMUM, tmp.resolve("m"));
        Path config = folder.resolve("config.json");
        ObjectMapper json = new ObjectMapper();
        ObjectNode root = (ObjectNode) json.readTree(config.toFile());
        root.put("vocab_size", 62834);
        json.writeValue(config.toFile(), root);
        ModelLoadException e = assertThrows(ModelLoadException.class, () -> ModelBundle.load(folder, OPTIONS));
        assertTrue(e.getMessage().contains("does not match config vocab_size 62834"), e.getMessage());
        assertTrue(e.getMessage().contains(config.toString()), e.getMessage());
    }

    @Test
    void aFolderWithoutTokenizerJsonIsNamed() throws IOException {
        Path folder = TinyModels.copy(TinyModels.MARIAN_OPTIMUM, tmp.resolve("m"));
        Files.delete(folder.resolve("tokenizer.json"));
        ModelLoadException e = assertThrows(ModelLoadException.class, () -> ModelBundle.load(folder, OPTIONS));
        assertTrue(e.getMessage().startsWith("tokenizer.json: missing"), e.getMessage());
    }
}
