package dev.tarjama.models.generate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class LogitsProcessorsTest {

    private static final float NEG = Float.NEGATIVE_INFINITY;

    private static float[] scores() {
        return new float[] {1.5f, -2f, 0.5f, -0.25f, 3f, -1f, 0f, 2f, -3f, 0.75f};
    }

    /** Runs the processor and proves the input array came back unmodified. */
    private static float[] run(LogitsProcessor p, long[] history, int maxLength, float[] in) {
        float[] before = in.clone();
        float[] out = p.process(history, history.length, maxLength, in);
        assertArrayEquals(before, in, "the processor modified its input");
        return out;
    }

    @Test
    void repetitionPenaltyDividesPositiveAndMultipliesNegativeScoresOncePerDistinctToken() {
        float[] out = run(new RepetitionPenalty(2.0), new long[] {0, 1, 4, 4, 6}, 20, scores());
        float[] expected = scores();
        expected[0] = 0.75f;
        expected[1] = -4f;
        expected[4] = 1.5f;
        expected[6] = 0f;
        assertArrayEquals(expected, out);
    }

    @Test
    void repetitionPenaltyBelowOneRewardsRepeats() {
        float[] out = run(new RepetitionPenalty(0.5), new long[] {3, 7}, 20, scores());
        assertEquals(-0.125f, out[3]);
        assertEquals(4f, out[7]);
        assertEquals(1.5f, out[0]);
    }

    @Test
    void repetitionPenaltyRejectsNonPositiveOrNonFinitePenalties() {
        assertThrows(IllegalArgumentException.class, () -> new RepetitionPenalty(0));
        assertThrows(IllegalArgumentException.class, () -> new RepetitionPenalty(-1));
        assertThrows(IllegalArgumentException.class, () -> new RepetitionPenalty(Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> new RepetitionPenalty(Double.POSITIVE_INFINITY));
    }

    @Test
    void noRepeatNgramBansEveryTokenThatWouldCompleteASeenNgram() {
        // Bigrams seen: (0,3) (3,5) (5,3) (3,2) (2,3); the last token is 3, so 5 and 2 are banned.
        float[] out = run(new NoRepeatNgram(2), new long[] {0, 3, 5, 3, 2, 3}, 20, scores());
        float[] expected = scores();
        expected[5] = NEG;
        expected[2] = NEG;
        assertArrayEquals(expected, out);
    }

    @Test
    void noRepeatNgramOfThreeLooksAtTheLastTwoTokensAndCountsTheStartToken() {
        // Trigrams: (0,1,2) (1,2,0) (2,0,1); history ends with (0,1): token 2 is banned.
        float[] out = run(new NoRepeatNgram(3), new long[] {0, 1, 2, 0, 1}, 20, scores());
        float[] expected = scores();
        expected[2] = NEG;
        assertArrayEquals(expected, out);
    }

    @Test
    void noRepeatUnigramBansEveryTokenSeenIncludingTheStartToken() {
        float[] out = run(new NoRepeatNgram(1), new long[] {0, 4}, 20, scores());
        assertEquals(NEG, out[0]);
        assertEquals(NEG, out[4]);
        assertEquals(-2f, out[1]);
    }

    @Test
    void noRepeatNgramLeavesScoresAloneWhenNothingRepeats() {
        float[] in = scores();
        assertSame(in, run(new NoRepeatNgram(2), new long[] {0, 1, 2}, 20, in));
        assertSame(in, run(new NoRepeatNgram(4), new long[] {0, 0, 0}, 20, in));
    }

    @Test
    void noRepeatNgramRejectsSizeBelowOne() {
        assertThrows(IllegalArgumentException.class, () -> new NoRepeatNgram(0));
    }

    @Test
    void badWordsBanSingleTokensAlwaysAndSequenceEndsAfterTheirPrefix() {
        BadWords p = new BadWords(List.of(new long[] {9}, new long[] {2, 5}, new long[] {4, 6, 7}), 1);
        float[] out = run(p, new long[] {0, 3, 2}, 20, scores());
        float[] expected = scores();
        expected[9] = NEG;
        expected[5] = NEG;
        assertArrayEquals(expected, out);

        float[] out2 = run(p, new long[] {0, 4, 6}, 20, scores());
        float[] expected2 = scores();
        expected2[9] = NEG;
        expected2[7] = NEG;
        assertArrayEquals(expected2, out2);
    }

    @Test
    void badWordsIgnoreASequenceLongerThanTheHistoryAsHfDoes() {
        BadWords p = new BadWords(List.of(new long[] {0, 6, 7}), 1);
        float[] in = scores();
        // The history [0, 6] ends with the prefix, but the 3-token entry is longer than it.
        assertSame(in, run(p, new long[] {0, 6}, 20, in));
        assertEquals(NEG, run(p, new long[] {5, 0, 6}, 20, in)[7]);
    }

    @Test
    void badWordsNeverBanEosItself() {
        BadWords p = new BadWords(List.of(new long[] {1}, new long[] {3}), 1);
        float[] out = run(p, new long[] {0}, 20, scores());
        assertEquals(-2f, out[1]);
        assertEquals(NEG, out[3]);
    }

    @Test
    void badWordsRejectEmptyOrNegativeEntries() {
        assertThrows(IllegalArgumentException.class, () -> new BadWords(List.of(new long[0]), 1));
        assertThrows(IllegalArgumentException.class, () -> new BadWords(List.of(new long[] {-2}), 1));
        assertThrows(IllegalArgumentException.class, () -> new BadWords(null, 1));
    }

    @Test
    void badWordsOutsideTheVocabularyFailClearly() {
        BadWords p = new BadWords(List.of(new long[] {12}), 1);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> p.process(new long[] {0}, 1, 20, scores()));
        assertEquals("token id 12 is outside the vocabulary of 10", e.getMessage());
    }

    @Test
    void minLengthBansEosOnlyWhileTheRowIsShorter() {
        MinLength p = new MinLength(3, 1);
        float[] out = run(p, new long[] {0, 4}, 20, scores());
        float[] expected = scores();
        expected[1] = NEG;
        assertArrayEquals(expected, out);
        float[] in = scores();
        assertSame(in, run(p, new long[] {0, 4, 5}, 20, in));
    }

    @Test
    void minLengthRejectsNegativeArguments() {
        assertThrows(IllegalArgumentException.class, () -> new MinLength(-1, 1));
        assertThrows(IllegalArgumentException.class, () -> new MinLength(2, -1));
    }

    @Test
    void forcedBosLeavesOnlyTheBosTokenAtTheFirstStep() {
        float[] out = run(new ForcedBos(5), new long[] {0}, 20, scores());
        float[] expected = {NEG, NEG, NEG, NEG, NEG, 0f, NEG, NEG, NEG, NEG};
        assertArrayEquals(expected, out);
        float[] in = scores();
        assertSame(in, run(new ForcedBos(5), new long[] {0, 5}, 20, in));
        assertThrows(IllegalArgumentException.class, () -> new ForcedBos(-1));
    }

    @Test
    void forcedEosLeavesOnlyEosWhenOneTokenIsLeft() {
        float[] out = run(new ForcedEos(1), new long[] {0, 3, 4}, 4, scores());
        float[] expected = {NEG, 0f, NEG, NEG, NEG, NEG, NEG, NEG, NEG, NEG};
        assertArrayEquals(expected, out);
        float[] in = scores();
        assertSame(in, run(new ForcedEos(1), new long[] {0, 3}, 4, in));
        assertSame(in, run(new ForcedEos(1), new long[] {0, 3, 4}, 5, in));
        assertThrows(IllegalArgumentException.class, () -> new ForcedEos(-1));
    }

    @Test
    void processorsSeeOnlyTheFirstLengthEntriesOfTheHistoryBuffer() {
        // Entries past length are stale buffer contents and must not ban anything.
        long[] buffer = {0, 3, 5, 3, 5, 5, 5};
        float[] in = scores();
        assertSame(in, new NoRepeatNgram(2).process(buffer, 3, 20, in));
        assertSame(in, new ForcedEos(1).process(buffer, 3, 5, in));
    }

    @Test
    void listFromConfigAppliesProcessorsInTheDocumentedOrder() {
        GenerationConfig config = GenerationConfig.builder()
                .setDecoderStartTokenId(0).setEosTokenId(1)
                .optRepetitionPenalty(1.2).optNoRepeatNgramSize(3)
                .optBadWordsIds(List.of(new long[] {9})).optMinLength(2)
                .optForcedBosTokenId(4L).optForcedEosTokenId(1L).build();
        List<Class<?>> types = LogitsProcessorList.from(config).processors().stream()
                .<Class<?>>map(Object::getClass).toList();
        assertEquals(List.of(RepetitionPenalty.class, NoRepeatNgram.class, BadWords.class,
                MinLength.class, ForcedBos.class, ForcedEos.class), types);
    }

    @Test
    void minNewTokensBansEosUntilThatManyTokensWereGeneratedWhicheverMinimumIsLonger() {
        // min_new_tokens 3 counts generated tokens: EOS is banned while cur_len < 1 + 3.
        GenerationConfig c = GenerationConfig.builder().setDecoderStartTokenId(0).setEosTokenId(1)
                .optMinNewTokens(3).optMinLength(2).build();
        LogitsProcessorList list = LogitsProcessorList.from(c);
        assertEquals(NEG, run(list, new long[] {0, 2, 3}, 20, scores())[1]);
        assertEquals(scores()[1], run(list, new long[] {0, 2, 3, 4}, 20, scores())[1]);
        GenerationConfig longer = c.toBuilder().optMinLength(6).build();
        assertEquals(NEG, run(LogitsProcessorList.from(longer), new long[] {0, 2, 3, 4, 5}, 20, scores())[1]);
    }

    @Test
    void renormalizeLogitsComesLastAndLeavesALogDistributionAfterTheBans() {
        GenerationConfig c = GenerationConfig.builder().setDecoderStartTokenId(0).setEosTokenId(1)
                .optBadWordsIds(List.of(new long[] {9})).optRenormalizeLogits(true).build();
        List<LogitsProcessor> processors = LogitsProcessorList.from(c).processors();
        assertInstanceOf(LogitNormalization.class, processors.get(processors.size() - 1));
        float[] out = run(LogitsProcessorList.from(c), new long[] {0}, 20, scores());
        double total = 0;
        for (float v : out) {
            total += Math.exp(v);
        }
        assertEquals(1.0, total, 1e-6);
        assertEquals(NEG, out[9]);
    }

    @Test
    void listFromDefaultConfigIsEmptyAndReturnsScoresUntouched() {
        GenerationConfig config = GenerationConfig.builder().setDecoderStartTokenId(0).setEosTokenId(1).build();
        LogitsProcessorList list = LogitsProcessorList.from(config);
        assertEquals(0, list.processors().size());
        float[] in = scores();
        assertSame(in, list.process(new long[] {0}, 1, 20, in));
    }

    @Test
    void listChainsProcessorsSoLaterOnesSeeEarlierResults() {
        // min length bans EOS, then forced EOS overrides everything at the last step.
        GenerationConfig config = GenerationConfig.builder().setDecoderStartTokenId(0).setEosTokenId(1)
                .optMinLength(5).optForcedEosTokenId(1L).build();
        float[] out = run(LogitsProcessorList.from(config), new long[] {0, 2}, 3, scores());
        assertEquals(0f, out[1]);
        assertEquals(NEG, out[0]);
    }

    @Test
    void processOwnedGivesTheSameResultAsProcess() {
        List<LogitsProcessor> all = List.of(new RepetitionPenalty(1.7), new RepetitionPenalty(0.6),
                new NoRepeatNgram(1), new NoRepeatNgram(2), new NoRepeatNgram(3),
                new BadWords(List.of(new long[] {9}, new long[] {2, 5}, new long[] {3, 3, 4}), 1),
                new MinLength(4, 1), new ForcedBos(5), new ForcedEos(1), new LogitNormalization());
        long[][] histories = {{0}, {0, 2}, {0, 3, 3}, {0, 2, 5, 2, 5, 2}, {0, 4, 4, 4, 4}, {0, 3, 3, 4, 3, 3}};
        for (LogitsProcessor p : all) {
            for (long[] h : histories) {
                for (int max : new int[] {h.length + 1, 20}) {
                    float[] expected = p.process(h, h.length, max, scores());
                    float[] owned = scores();
                    assertArrayEquals(expected, p.processOwned(h, h.length, max, owned),
                            p.getClass().getSimpleName() + " " + java.util.Arrays.toString(h));
                }
            }
        }
    }

    @Test
    void onlyBansReportsExactlyTheEntriesProcessSetToMinusInfinityAndNothingElseChanges() {
        List<LogitsProcessor> banning = List.of(new NoRepeatNgram(1), new NoRepeatNgram(2), new NoRepeatNgram(3),
                new BadWords(List.of(new long[] {9}, new long[] {2, 5}, new long[] {3, 3, 4}), 1),
                new MinLength(4, 1), new ForcedBos(5), new ForcedEos(1),
                new LogitsProcessorList(List.of(new NoRepeatNgram(2), new MinLength(3, 1), new ForcedEos(1))));
        long[][] histories = {{0}, {0, 2}, {0, 3, 3}, {0, 2, 5, 2, 5, 2}, {0, 4, 4, 4, 4}, {0, 3, 3, 4, 3, 3}};
        int checked = 0;
        int declined = 0;
        for (LogitsProcessor p : banning) {
            for (long[] h : histories) {
                for (int max : new int[] {h.length + 1, 20}) {
                    java.util.Set<Integer> banned = new java.util.TreeSet<>();
                    if (!p.onlyBans(h, h.length, max, 10, banned::add)) {
                        declined++;
                        continue;
                    }
                    float[] expected = scores();
                    for (int v : banned) {
                        expected[v] = NEG;
                    }
                    assertArrayEquals(expected, p.process(h, h.length, max, scores()),
                            p.getClass().getSimpleName() + " " + java.util.Arrays.toString(h) + " max " + max);
                    checked++;
                }
            }
        }
        assertEquals(true, checked > 60 && declined > 0, checked + " checked, " + declined + " declined (forcing)");
        // Processors that change scores otherwise never claim to only ban.
        for (LogitsProcessor p : List.of(new RepetitionPenalty(1.7), new LogitNormalization(),
                new LogitsProcessorList(List.of(new MinLength(3, 1), new RepetitionPenalty(1.2))))) {
            assertEquals(false, p.onlyBans(new long[] {0, 2, 3}, 3, 20, 10, v -> { }), p.getClass().getSimpleName());
        }
        // An id outside the vocabulary is left to process(), which names it.
        assertEquals(false, new MinLength(4, 12).onlyBans(new long[] {0}, 1, 20, 10, v -> { }));
    }
}
