package dev.tarjama.models.generate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GenerationConfigTest {

    @TempDir
    Path dir;

    private static GenerationConfig.Builder minimal() {
        return GenerationConfig.builder().setDecoderStartTokenId(0).setEosTokenId(1);
    }

    @Test
    void defaultsAreHuggingFaces() {
        GenerationConfig c = minimal().build();
        assertEquals(1, c.numBeams());
        assertEquals(20, c.maxLength());
        assertEquals(OptionalInt.empty(), c.maxNewTokens());
        assertEquals(0, c.minLength());
        assertEquals(1.0, c.repetitionPenalty());
        assertEquals(1.0, c.lengthPenalty());
        assertFalse(c.earlyStopping());
        assertEquals(0, c.noRepeatNgramSize());
        assertTrue(c.badWordsIds().isEmpty());
        assertEquals(OptionalLong.empty(), c.forcedEosTokenId());
    }

    private static void rejects(String message, GenerationConfig.Builder b) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, b::build);
        assertEquals(message, e.getMessage());
    }

    @Test
    void buildRejectsInvalidSettingsWithMessagesNamingThem() {
        rejects("eosTokenId is required", GenerationConfig.builder().setDecoderStartTokenId(0));
        rejects("decoderStartTokenId is required", GenerationConfig.builder().setEosTokenId(0));
        rejects("numBeams must be >= 1, got 0", minimal().optNumBeams(0));
        rejects("maxLength must be >= 2 (it counts the decoder start token), got 1", minimal().optMaxLength(1));
        rejects("maxNewTokens must be >= 1 when set, got 0", minimal().optMaxNewTokens(0));
        rejects("minLength must be >= 0, got -1", minimal().optMinLength(-1));
        rejects("repetitionPenalty must be a finite number > 0, got 0.0", minimal().optRepetitionPenalty(0));
        rejects("lengthPenalty must be a finite number, got NaN", minimal().optLengthPenalty(Double.NaN));
        rejects("maxLengthRatio must be a finite number >= 0, got -1.0", minimal().optMaxLengthRatio(-1, 0));
        rejects("noRepeatNgramSize must be >= 0, got -2", minimal().optNoRepeatNgramSize(-2));
        rejects("forcedEosTokenId must be >= 0, got -3", minimal().optForcedEosTokenId(-3L));
        rejects("badWordsIds entries must be non-empty", minimal().optBadWordsIds(List.of(new long[0])));
    }

    @Test
    void configIsImmutableAgainstTheCallersLists() {
        List<long[]> words = new ArrayList<>();
        words.add(new long[] {5});
        GenerationConfig c = minimal().optBadWordsIds(words).build();
        words.get(0)[0] = 7;
        words.add(new long[] {8});
        c.badWordsIds().get(0)[0] = 9;
        assertEquals(1, c.badWordsIds().size());
        assertArrayEquals(new long[] {5}, c.badWordsIds().get(0));
    }

    @Test
    void toBuilderOverridesOneSettingAndKeepsTheRest() {
        GenerationConfig base = minimal().optNumBeams(4).optForcedEosTokenId(1L).optMaxLength(50).build();
        GenerationConfig greedy = base.toBuilder().optNumBeams(1).optForcedEosTokenId(null).build();
        assertEquals(1, greedy.numBeams());
        assertEquals(50, greedy.maxLength());
        assertEquals(OptionalLong.empty(), greedy.forcedEosTokenId());
        assertEquals(4, base.numBeams());
    }

    @Test
    void maxLengthPerRowFollowsMaxNewTokensThenTheRatioAndNeverDropsBelowTwo() {
        assertEquals(20, minimal().build().maxLengthFor(100));
        assertEquals(6, minimal().optMaxLength(3).optMaxNewTokens(5).build().maxLengthFor(100));
        GenerationConfig ratio = minimal().optMaxLength(40).optMaxLengthRatio(1.5, 2).build();
        assertEquals(1 + 15 + 2, ratio.maxLengthFor(10));
        assertEquals(1 + 4 + 2, ratio.maxLengthFor(3)); // floor(4.5)
        assertEquals(40, ratio.maxLengthFor(100));
        assertEquals(2, minimal().optMaxLengthRatio(0.1, 0).build().maxLengthFor(3));
    }

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
        GenerationConfig c = GenerationConfig.fromJson(config, generation);
        assertEquals(4, c.numBeams());
        assertEquals(256, c.maxLength());
        assertEquals(62833, c.decoderStartTokenId());
        assertEquals(0, c.eosTokenId());
        assertEquals(OptionalLong.of(0), c.forcedEosTokenId());
        assertEquals(OptionalLong.of(62833), c.padTokenId());
        assertArrayEquals(new long[] {62833}, c.badWordsIds().get(0));
        assertTrue(c.earlyStopping());
    }

    @Test
    void marianWithoutDecoderStartStartsWithPad() throws IOException {
        Path config = write("config.json", """
                {"model_type": "marian", "pad_token_id": 58100, "eos_token_id": 0, "bos_token_id": 0}""");
        assertEquals(58100, GenerationConfig.fromJson(config, dir.resolve("missing.json")).decoderStartTokenId());
    }

    @Test
    void otherModelsWithoutDecoderStartFallBackToBos() throws IOException {
        Path generation = write("generation_config.json", """
                {"bos_token_id": 2, "eos_token_id": [3], "pad_token_id": 1, "length_penalty": 2.0,
                 "no_repeat_ngram_size": 3, "min_length": 56, "forced_bos_token_id": null}""");
        GenerationConfig c = GenerationConfig.fromJson(null, generation);
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
                () -> GenerationConfig.fromJson(null, generation));
        assertTrue(e.getMessage().contains("\"never\" is not implemented"), e.getMessage());
    }

    @Test
    void badJsonValuesAreRejectedNamingTheKey() throws IOException {
        Path generation = write("generation_config.json", """
                {"decoder_start_token_id": 2, "eos_token_id": [2, 3], "num_beams": "4"}""");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> GenerationConfig.fromJson(null, generation));
        assertTrue(e.getMessage().startsWith("num_beams must be an integer"), e.getMessage());
        Path twoEos = write("two.json", """
                {"decoder_start_token_id": 2, "eos_token_id": [2, 3]}""");
        e = assertThrows(IllegalArgumentException.class, () -> GenerationConfig.fromJson(null, twoEos));
        assertTrue(e.getMessage().startsWith("eos_token_id must be a single token id"), e.getMessage());
    }

    @Test
    void missingFilesAndMissingEosFailClearly() throws IOException {
        assertThrows(IllegalArgumentException.class,
                () -> GenerationConfig.fromJson(dir.resolve("a.json"), dir.resolve("b.json")));
        Path noEos = write("config.json", "{\"decoder_start_token_id\": 2}");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> GenerationConfig.fromJson(noEos, null));
        assertEquals("eosTokenId is required", e.getMessage());
    }
}
