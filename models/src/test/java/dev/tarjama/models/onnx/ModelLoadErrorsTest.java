package dev.tarjama.models.onnx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tarjama.models.ModelLoadException;
import dev.tarjama.models.testing.TinyModels;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

class ModelLoadErrorsTest {

    static final ModelOptions OPTIONS = ModelOptions.builder().optIntraOpThreads(1).build();

    @TempDir
    Path tmp;

    @Test
    void aMissingDecoderFileIsNamedWithItsFolder() throws IOException {
        Path folder = TinyModels.copy(TinyModels.MARIAN_OPTIMUM, tmp.resolve("m"));
        Files.delete(folder.resolve("decoder_with_past_model.onnx"));
        ModelLoadException e = assertThrows(ModelLoadException.class, () -> OnnxSeq2SeqModel.load(folder, OPTIONS));
        assertTrue(e.getMessage().startsWith("decoder_with_past_model.onnx: missing"), e.getMessage());
        assertTrue(e.getMessage().contains(folder.toString()), e.getMessage());
        assertEquals(folder.resolve("decoder_with_past_model.onnx"), e.file());
    }

    @Test
    void theUncachedBaselineDoesNotNeedTheWithPastFile() throws IOException {
        Path folder = TinyModels.copy(TinyModels.MARIAN_OPTIMUM, tmp.resolve("m"));
        Files.delete(folder.resolve("decoder_with_past_model.onnx"));
        try (OnnxSeq2SeqModel model = OnnxSeq2SeqModel.load(folder, OPTIONS.toBuilder().optUseCache(false).build())) {
            assertEquals(TinyModels.marianConfig().logitsSize(), model.vocabSize());
        }
    }

    @Test
    void missingEncoderConfigAndQuantizedFilesAreNamed() throws IOException {
        Path folder = TinyModels.copy(TinyModels.MARIAN_XENOVA, tmp.resolve("x"));
        ModelLoadException int8 = assertThrows(ModelLoadException.class, () -> ModelFolder.detect(
                TinyModels.MARIAN_OPTIMUM, OPTIONS.toBuilder().optPrecision(Precision.INT8).build()));
        assertTrue(int8.getMessage().contains("encoder_model_quantized.onnx: missing"), int8.getMessage());

        ModelLoadException split = assertThrows(ModelLoadException.class, () -> ModelFolder.detect(
                folder, OPTIONS.toBuilder().optDecoderLayout(DecoderLayout.SPLIT).build()));
        assertTrue(split.getMessage().contains("onnx/decoder_model.onnx: missing"), split.getMessage());

        Files.delete(folder.resolve("onnx/encoder_model.onnx"));
        ModelLoadException encoder = assertThrows(ModelLoadException.class, () -> ModelFolder.detect(folder, OPTIONS));
        assertTrue(encoder.getMessage().contains("encoder_model.onnx: missing"), encoder.getMessage());
        assertTrue(encoder.getMessage().contains("encoder_model_quantized.onnx exists: choose precision int8"),
                encoder.getMessage());

        Files.delete(folder.resolve("config.json"));
        ModelLoadException config = assertThrows(ModelLoadException.class, () -> ModelFolder.detect(folder, OPTIONS));
        assertTrue(config.getMessage().startsWith("config.json: missing"), config.getMessage());

        ModelLoadException none = assertThrows(ModelLoadException.class,
                () -> ModelFolder.detect(tmp.resolve("nowhere"), OPTIONS));
        assertTrue(none.getMessage().contains("not a directory"), none.getMessage());
    }

    @Test
    void anOnnxFileWithWrongInputNamesIsReportedWithExpectedAndActualNames() throws IOException {
        Path folder = TinyModels.copy(TinyModels.MARIAN_OPTIMUM, tmp.resolve("m"));
        Files.copy(folder.resolve("encoder_model.onnx"), folder.resolve("decoder_model.onnx"),
                StandardCopyOption.REPLACE_EXISTING);
        ModelLoadException e = assertThrows(ModelLoadException.class, () -> OnnxSeq2SeqModel.load(folder, OPTIONS));
        String m = e.getMessage();
        assertTrue(m.startsWith("decoder_model.onnx: inputs do not match the decoder interface"), m);
        assertTrue(m.contains("missing [encoder_attention_mask, encoder_hidden_states]"), m);
        assertTrue(m.contains("unexpected [attention_mask]"), m);
        assertTrue(m.contains("actual [attention_mask, input_ids]"), m);
    }

    @Test
    void aConfigWhoseVocabDiffersFromTheLogitsFailsTheLoadProbe() throws IOException {
        Path folder = TinyModels.copy(TinyModels.MARIAN_XENOVA, tmp.resolve("x"));
        setConfig(folder, "decoder_vocab_size", 900);
        ModelLoadException e = assertThrows(ModelLoadException.class, () -> OnnxSeq2SeqModel.load(folder, OPTIONS));
        assertTrue(e.getMessage().contains("decoder_model_merged.onnx"), e.getMessage());
        assertTrue(e.getMessage().contains("expected [1, t, 900]"), e.getMessage());
    }

    @Test
    void aConfigWithTheWrongLayerCountIsCaughtByTheNameCheck() throws IOException {
        Path folder = TinyModels.copy(TinyModels.MARIAN_XENOVA, tmp.resolve("x"));
        setConfig(folder, "decoder_layers", TinyModels.marianConfig().decoderLayers() + 1);
        ModelLoadException e = assertThrows(ModelLoadException.class, () -> OnnxSeq2SeqModel.load(folder, OPTIONS));
        int missingLayer = TinyModels.marianConfig().decoderLayers();
        assertTrue(e.getMessage().contains("missing [past_key_values." + missingLayer + ".decoder.key"), e.getMessage());
    }

    private static void setConfig(Path folder, String field, int value) throws IOException {
        Path config = folder.resolve("config.json");
        ObjectMapper json = new ObjectMapper();
        ObjectNode root = (ObjectNode) json.readTree(config.toFile());
        root.put(field, value);
        json.writeValue(config.toFile(), root);
    }
}
