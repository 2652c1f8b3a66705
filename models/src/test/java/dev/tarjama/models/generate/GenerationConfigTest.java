package dev.tarjama.models.generate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/** The record's checks, defaults and derived copies. */
class GenerationConfigTest {

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
        assertEquals(EarlyStopping.HEURISTIC, c.earlyStopping());
        assertEquals(0, c.minNewTokens());
        assertFalse(c.renormalizeLogits());
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
        assertThrows(UnsupportedOperationException.class, () -> c.badWordsIds().get(0).set(0, 9L));
        assertEquals(List.of(List.of(5L)), c.badWordsIds());
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
    void configsWithTheSameValuesAreEqualSoTheyCanKeyCaches() {
        GenerationConfig a = minimal().optBadWordsIds(List.of(new long[] {3, 4})).optMaxNewTokens(7).build();
        GenerationConfig b = minimal().optBadWordsIds(List.of(new long[] {3, 4})).optMaxNewTokens(7).build();
        assertEquals(a, b);
        assertEquals(a.hashCode(), b.hashCode());
        assertEquals(a, a.toBuilder().build());
        assertNotEquals(a, a.toBuilder().optBadWordsIds(List.of(new long[] {3, 5})).build());
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

}
