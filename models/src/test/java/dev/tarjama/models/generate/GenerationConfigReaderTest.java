package dev.tarjama.models.generate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
        assertEquals(EarlyStopping.WHEN_FULL, c.earlyStopping());
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
    void earlyStoppingNeverMinNewTokensAndRenormalizeAreRead() throws IOException {
        Path generation = write("generation_config.json", """
                {"decoder_start_token_id": 2, "eos_token_id": 2, "early_stopping": "never", "min_new_tokens": 7,
                 "renormalize_logits": true}""");
        GenerationConfig c = GenerationConfigReader.read(null, generation);
        assertEquals(EarlyStopping.NEVER, c.earlyStopping());
        assertEquals(7, c.minNewTokens());
        assertTrue(c.renormalizeLogits());
        Path other = write("other.json", """
                {"decoder_start_token_id": 2, "eos_token_id": 2, "early_stopping": "sometimes"}""");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> GenerationConfigReader.read(null, other));
        assertEquals("early_stopping must be true, false or \"never\", got \"sometimes\"", e.getMessage());
    }

    @Test
    void keysThatWouldChangeTheOutputStopTheReadNamingEachKeyAndFile() throws IOException {
        Path config = write("config.json", """
                {"decoder_start_token_id": 2, "eos_token_id": 2, "num_return_sequences": 3}""");
        Path generation = write("generation_config.json", """
                {"do_sample": true, "temperature": 0.7, "num_beam_groups": 2, "diversity_penalty": 0.5,
                 "suppress_tokens": [5], "forced_decoder_ids": [[1, 5]], "stop_strings": ["."]}""");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> GenerationConfigReader.read(config, generation));
        String m = e.getMessage();
        assertTrue(m.startsWith("generation settings that Tarjama does not implement"), m);
        for (String expected : List.of("num_return_sequences=3 in " + config + " (several sequences per input)",
                "do_sample=true in " + generation + " (sampling)", "num_beam_groups=2", "diversity_penalty=0.5",
                "suppress_tokens=[5]", "forced_decoder_ids=[[1,5]]",
                "stop_strings=[\".\"] in " + generation + " (not a generation setting of transformers 4.38)")) {
            assertTrue(m.contains(expected), expected + " missing from: " + m);
        }
        assertFalse(m.contains("temperature"), "temperature without sampling changes nothing: " + m);
    }

    @Test
    void huggingFacesDefaultValuesOfRefusedKeysAndKeysThatChangeNothingAreAccepted() throws IOException {
        // An older config.json spells out every generation default, and the model's architecture.
        Path config = write("config.json", """
                {"model_type": "bart", "d_model": 1024, "decoder_start_token_id": 2, "eos_token_id": 2,
                 "do_sample": false, "num_beam_groups": 1, "diversity_penalty": 0.0, "temperature": 1.0,
                 "top_k": 50, "top_p": 1.0, "typical_p": 1.0, "penalty_alpha": 0.6, "num_return_sequences": 1,
                 "encoder_no_repeat_ngram_size": 0, "encoder_repetition_penalty": 1.0, "remove_invalid_values": false,
                 "output_scores": false, "return_dict_in_generate": false, "use_cache": true,
                 "suppress_tokens": [], "sequence_bias": {}, "guidance_scale": 1.0, "exponential_decay_length_penalty": null,
                 "task_specific_params": {"summarization": {"num_beams": 4}}}""");
        Path generation = write("generation_config.json", """
                {"_from_model_config": true, "transformers_version": "4.38.2", "top_k": 1, "low_memory": true,
                 "num_beams": 4, "penalty_alpha": 0.6, "forced_decoder_ids": []}""");
        GenerationConfig c = GenerationConfigReader.read(config, generation);
        assertEquals(4, c.numBeams());
    }

    @Test
    void contrastiveSearchIsRefusedOnlyWhenTopKMakesItOne() throws IOException {
        Path generation = write("generation_config.json", """
                {"decoder_start_token_id": 2, "eos_token_id": 2, "penalty_alpha": 0.6, "top_k": 4}""");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> GenerationConfigReader.read(null, generation));
        assertTrue(e.getMessage().contains("penalty_alpha=0.6 in " + generation + " (contrastive search)"),
                e.getMessage());
    }

    @Test
    void docsListEveryIgnoredAndRefusedKey() throws IOException {
        String doc = Files.readString(Path.of("..", "docs", "generation.md"));
        List<String> keys = new java.util.ArrayList<>(GenerationKeys.IGNORED);
        keys.addAll(GenerationKeys.refusedKeys());
        keys.addAll(GenerationKeys.IMPLEMENTED);
        for (String key : keys) {
            assertTrue(doc.contains("`" + key + "`"), "docs/generation.md does not list `" + key + "`");
        }
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
