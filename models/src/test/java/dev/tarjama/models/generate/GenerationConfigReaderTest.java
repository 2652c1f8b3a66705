package dev.tarjama.models.generate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Hugging Face's config.json and generation_config.json read into a GenerationConfig. */
class GenerationConfigReaderTest {

    @TempDir
    Path dir;

    private Path write(String name, String json) throws IOException {
        Path p = dir.resolve(name);
        Files.writeString(p, json);
        return p;
    }

    @Test
    void readsAMarianExportWithGenerationConfigWinning() throws IOException {
        Path config = write("config.json", """
                {"model_type": "marian", "vocab_size": 62834, "pad_token_id": 62833,
                 "decoder_start_token_id": 62833, "eos_token_id": 0, "bos_token_id": 0,
                 "forced_eos_token_id": 0, "max_length": 512, "num_beams": 6,
                 "bad_words_ids": [[62833]], "early_stopping": null}""");
        Path generation = write("generation_config.json", """
                {"num_beams": 4, "max_length": 256, "renormalize_logits": false, "early_stopping": true}""");
        GenerationConfig c = GenerationConfigReader.read(config, generation);
        assertEquals(4, c.numBeams());
        assertEquals(256, c.maxLength());
        assertEquals(62833, c.decoderStartTokenId());
        assertEquals(0, c.eosTokenId());
        assertEquals(OptionalLong.of(0), c.forcedEosTokenId());
        assertEquals(OptionalLong.of(62833), c.padTokenId());
        assertEquals(List.of(List.of(62833L)), c.badWordsIds());
        assertTrue(c.earlyStopping());
    }

    @Test
    void marianWithoutDecoderStartStartsWithPad() throws IOException {
        Path config = write("config.json", """
                {"model_type": "marian", "pad_token_id": 58100, "eos_token_id": 0, "bos_token_id": 0}""");
        assertEquals(58100, GenerationConfigReader.read(config, dir.resolve("missing.json")).decoderStartTokenId());
    }

    @Test
    void otherModelsWithoutDecoderStartFallBackToBos() throws IOException {
        Path generation = write("generation_config.json", """
                {"bos_token_id": 2, "eos_token_id": [3], "pad_token_id": 1, "length_penalty": 2.0,
                 "no_repeat_ngram_size": 3, "min_length": 56, "forced_bos_token_id": null}""");
        GenerationConfig c = GenerationConfigReader.read(null, generation);
        assertEquals(2, c.decoderStartTokenId());
        assertEquals(3, c.eosTokenId());
        assertEquals(2.0, c.lengthPenalty());
        assertEquals(3, c.noRepeatNgramSize());
        assertEquals(56, c.minLength());
        assertEquals(OptionalLong.empty(), c.forcedBosTokenId());
    }

    @Test
    void earlyStoppingNeverIsRejectedClearly() throws IOException {
        Path generation = write("generation_config.json", """
                {"decoder_start_token_id": 2, "eos_token_id": 2, "early_stopping": "never"}""");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> GenerationConfigReader.read(null, generation));
        assertTrue(e.getMessage().contains("\"never\" is not implemented"), e.getMessage());
    }

    @Test
    void badJsonValuesAreRejectedNamingTheKey() throws IOException {
        Path generation = write("generation_config.json", """
                {"decoder_start_token_id": 2, "eos_token_id": [2, 3], "num_beams": "4"}""");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> GenerationConfigReader.read(null, generation));
        assertTrue(e.getMessage().startsWith("num_beams must be an integer"), e.getMessage());
        Path twoEos = write("two.json", """
                {"decoder_start_token_id": 2, "eos_token_id": [2, 3]}""");
        e = assertThrows(IllegalArgumentException.class, () -> GenerationConfigReader.read(null, twoEos));
        assertTrue(e.getMessage().startsWith("eos_token_id must be a single token id"), e.getMessage());
    }

    @Test
    void missingFilesAndMissingEosFailClearly() throws IOException {
        assertThrows(IllegalArgumentException.class,
                () -> GenerationConfigReader.read(dir.resolve("a.json"), dir.resolve("b.json")));
        Path noEos = write("config.json", "{\"decoder_start_token_id\": 2}");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> GenerationConfigReader.read(noEos, null));
        assertEquals("eosTokenId is required", e.getMessage());
    }
}
