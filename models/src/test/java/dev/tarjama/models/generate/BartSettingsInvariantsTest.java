package dev.tarjama.models.generate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tarjama.models.testing.TinyModels;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The summarization settings of distilbart-cnn (read from the tiny BART's generation_config.json:
 * beams 4, min_length 56, max_length 142, no_repeat_ngram_size 3, forced BOS 0 / EOS 2) hold on
 * scripted models biased to break them. Each test first shows the bias breaks the property when
 * the setting is off, so none passes vacuously.
 */
class BartSettingsInvariantsTest {

    private static final int V = 24;
    private static final long BOS = 0;
    private static final long EOS = 2;
    private static final long[][] SOURCES = {{0, 5, 2}, {0, 6, 7, 8, 2}, {0, 9, 9, 10, 11, 12, 2}};
    private static final int SEEDS = 3;
    private static GenerationConfig bart;

    @BeforeAll
    static void readSettings() {
        bart = GenerationConfigReader.read(TinyModels.BART_OPTIMUM.resolve("config.json"),
                TinyModels.BART_OPTIMUM.resolve("generation_config.json"));
        assertEquals(4, bart.numBeams());
        assertEquals(56, bart.minLength());
        assertEquals(142, bart.maxLength());
        assertEquals(3, bart.noRepeatNgramSize());
        assertEquals(2.0, bart.lengthPenalty());
        assertEquals(EarlyStopping.WHEN_FULL, bart.earlyStopping());
        assertEquals(BOS, bart.forcedBosTokenId().getAsLong());
        assertEquals(EOS, bart.forcedEosTokenId().getAsLong());
        assertEquals(EOS, bart.decoderStartTokenId());
    }

    static Stream<Arguments> strategies() {
        return Stream.of(Arguments.of("beam4 (generation_config)", 4), Arguments.of("greedy", 1));
    }

    private static List<long[]> outputs(GenerationConfig config, ScriptedModel.Bias bias) {
        List<long[]> all = new ArrayList<>();
        for (int seed = 0; seed < SEEDS; seed++) {
            ScriptedModel model = ScriptedModel.hashed(V, seed).biased(bias);
            for (Generation g : SearchStrategy.of(config).generate(model, SOURCES, config)) {
                all.add(g.ids());
                assertEquals(g.ids()[g.length() - 1] == EOS, g.endedWithEos(), "endedWithEos is wrong");
            }
        }
        return all;
    }

    /** Wants to stop at once. */
    private static final ScriptedModel.Bias EAGER_EOS = (h, l) -> l[(int) EOS] += 12f;
    /** Never wants to stop. */
    private static final ScriptedModel.Bias NO_EOS = (h, l) -> l[(int) EOS] -= 30f;
    /** Wants to say the same two tokens forever. */
    private static final ScriptedModel.Bias REPETITIVE = (h, l) -> {
        l[(int) EOS] -= 30f;
        l[7] += 9f;
        l[8] += 8f;
    };

    @ParameterizedTest(name = "{0}")
    @MethodSource("strategies")
    void minLength56HoldsAgainstAModelThatWantsToStop(String name, int beams) {
        GenerationConfig config = bart.toBuilder().optNumBeams(beams).build();
        assertTrue(outputs(config.toBuilder().optMinLength(0).build(), EAGER_EOS).stream().allMatch(ids -> ids.length < 5),
                "without min_length the model stops at once");
        for (long[] ids : outputs(config, EAGER_EOS)) {
            // min_length counts the decoder start: EOS may come once 1 + 55 tokens exist.
            assertEquals(56, ids.length, "EOS as soon as min_length allows, not before");
            assertEquals(EOS, ids[ids.length - 1]);
            for (int i = 0; i < ids.length - 1; i++) {
                assertTrue(ids[i] != EOS, "EOS before min_length at " + i);
            }
            assertEquals(BOS, ids[0], "forced BOS first");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("strategies")
    void maxLength142EndsWithForcedEos(String name, int beams) {
        GenerationConfig config = bart.toBuilder().optNumBeams(beams).build();
        assertTrue(outputs(config.toBuilder().optForcedEosTokenId(null).build(), NO_EOS).stream()
                .allMatch(ids -> ids.length == 141 && ids[140] != EOS), "without forced EOS it runs out without EOS");
        for (long[] ids : outputs(config, NO_EOS)) {
            // max_length 142 counts the decoder start: 141 generated, the last forced to EOS.
            assertEquals(141, ids.length, "stops exactly at max_length");
            assertEquals(EOS, ids[140], "forced EOS at max_length - 1");
            assertEquals(BOS, ids[0], "forced BOS first");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("strategies")
    void noTrigramRepeatsAgainstARepetitiveModel(String name, int beams) {
        GenerationConfig config = bart.toBuilder().optNumBeams(beams).build();
        assertTrue(outputs(config.toBuilder().optNoRepeatNgramSize(0).build(), REPETITIVE).stream()
                .anyMatch(ids -> !repeatedTrigrams(ids).isEmpty()), "without the setting trigrams repeat");
        for (long[] ids : outputs(config, REPETITIVE)) {
            assertEquals(Set.of(), repeatedTrigrams(ids), "a trigram repeats");
            assertTrue(ids.length >= 56, "min_length");
        }
    }

    /** Trigrams occurring twice in the history (decoder start included, as HF counts). */
    private static Set<List<Long>> repeatedTrigrams(long[] ids) {
        long[] h = new long[ids.length + 1];
        h[0] = EOS; // decoder start
        System.arraycopy(ids, 0, h, 1, ids.length);
        Set<List<Long>> seen = new HashSet<>();
        Set<List<Long>> repeated = new HashSet<>();
        for (int i = 0; i + 3 <= h.length; i++) {
            List<Long> g = List.of(h[i], h[i + 1], h[i + 2]);
            if (!seen.add(g)) {
                repeated.add(g);
            }
        }
        return repeated;
    }
}
