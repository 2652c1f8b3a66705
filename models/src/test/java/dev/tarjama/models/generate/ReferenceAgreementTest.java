package dev.tarjama.models.generate;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The optimised searches agree with {@link ReferenceDecoder} on many random models and settings. */
class ReferenceAgreementTest {

    private static final int V = 10;
    private static final long[][] SOURCES = {{4, 1}, {5, 6, 1}, {7, 7, 8, 9, 2, 3, 1}, {2, 1}, {3, 3, 3, 1}};

    private static GenerationConfig config(int seed) {
        // Cycle through settings so each one meets the others.
        GenerationConfig.Builder b = GenerationConfig.builder().setDecoderStartTokenId(0).setEosTokenId(1)
                .optNumBeams(1 + seed % 4)
                .optMaxLength(3 + seed % 9)
                .optEarlyStopping(seed % 6 == 1 ? EarlyStopping.NEVER : EarlyStopping.of(seed % 2 == 0))
                .optMinNewTokens(seed % 5 == 3 ? 2 : 0)
                .optRenormalizeLogits(seed % 4 == 3)
                .optLengthPenalty(new double[] {1.0, 0.0, 2.0, 0.6, -0.5}[seed % 5])
                .optMinLength(seed % 3 == 0 ? 3 : 0)
                .optNoRepeatNgramSize(seed % 4 == 1 ? 2 : 0)
                .optRepetitionPenalty(seed % 5 == 2 ? 1.4 : 1.0)
                .optBadWordsIds(seed % 3 == 1 ? List.of(new long[] {9}, new long[] {2, 3}) : List.of());
        if (seed % 7 == 3) {
            b.optForcedBosTokenId(5L);
        }
        if (seed % 6 == 4) {
            b.optForcedEosTokenId(1L);
        }
        if (seed % 8 == 5) {
            b.optMaxLengthRatio(0.8, 1);
        }
        return b.build();
    }

    @Test
    void greedyMatchesTheReferenceDecoder() {
        for (int seed = 0; seed < 200; seed++) {
            GenerationConfig c = config(seed).toBuilder().optNumBeams(1).build();
            ScriptedModel model = ScriptedModel.hashed(V, seed);
            List<Generation> out = new GreedySearch().generate(model, SOURCES, c);
            for (int i = 0; i < SOURCES.length; i++) {
                assertEquals(ReferenceDecoder.greedy(model, SOURCES[i], c), out.get(i), "seed " + seed + " row " + i + " " + c);
            }
        }
    }

    @Test
    void beamSearchMatchesTheReferenceDecoder() {
        for (int seed = 0; seed < 300; seed++) {
            GenerationConfig c = config(seed);
            ScriptedModel model = ScriptedModel.hashed(V, seed).biased((h, l) -> l[1] -= 1f);
            List<Generation> out = new BeamSearch().generate(model, SOURCES, c);
            for (int i = 0; i < SOURCES.length; i++) {
                assertEquals(ReferenceDecoder.beam(model, SOURCES[i], c), out.get(i), "seed " + seed + " row " + i + " " + c);
            }
        }
    }
}
