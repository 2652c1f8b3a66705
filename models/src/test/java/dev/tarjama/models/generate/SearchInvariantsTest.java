package dev.tarjama.models.generate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Properties every strategy must keep, checked on pseudo-random models that are biased towards
 * breaking them. Each test first shows that without the setting the property does break, so it
 * cannot pass vacuously.
 */
class SearchInvariantsTest {

    private static final int V = 10;
    private static final long START = 0;
    private static final long EOS = 1;
    private static final long[][] SOURCES = {{4, 1}, {5, 6, 1}, {7, 7, 8, 1}, {2, 3, 4, 5, 6, 1}, {9, 1}};
    private static final int SEEDS = 12;

    static Stream<Arguments> strategies() {
        return Stream.of(
                Arguments.of("greedy", new GreedySearch(), 1),
                Arguments.of("beam2", new BeamSearch(), 2),
                Arguments.of("beam4", new BeamSearch(), 4));
    }

    private static GenerationConfig.Builder config(int beams) {
        return GenerationConfig.builder().setDecoderStartTokenId(START).setEosTokenId(EOS)
                .optNumBeams(beams).optMaxLength(9);
    }

    private static List<long[]> outputs(SearchStrategy search, ScriptedModel.Bias bias, GenerationConfig c) {
        List<long[]> all = new ArrayList<>();
        for (int seed = 0; seed < SEEDS; seed++) {
            ScriptedModel model = ScriptedModel.hashed(V, seed).biased(bias);
            for (Generation g : search.generate(model, SOURCES, c)) {
                all.add(g.ids());
                assertEquals(g.ids()[g.ids().length - 1] == EOS, g.endedWithEos(), "endedWithEos is wrong");
            }
        }
        return all;
    }

    private static long[] withStart(long[] ids) {
        long[] h = new long[ids.length + 1];
        h[0] = START;
        System.arraycopy(ids, 0, h, 1, ids.length);
        return h;
    }

    private static boolean any(List<long[]> outputs, Predicate<long[]> p) {
        return outputs.stream().anyMatch(p);
    }

    private static final ScriptedModel.Bias EAGER_EOS = (h, l) -> l[(int) EOS] += 3f;

    @ParameterizedTest(name = "{0}")
    @MethodSource("strategies")
    void lengthsStayWithinMinAndMaxAndEosOnlyEnds(String name, SearchStrategy search, int beams) {
        assertTrue(any(outputs(search, EAGER_EOS, config(beams).build()), ids -> ids.length < 4),
                "the model should end early without min_length");
        for (long[] ids : outputs(search, EAGER_EOS, config(beams).optMinLength(5).build())) {
            assertTrue(ids.length <= 8, "longer than max_length allows");
            for (int i = 0; i < ids.length - 1; i++) {
                assertTrue(ids[i] != EOS, "EOS before the end");
            }
            if (ids[ids.length - 1] == EOS) {
                assertTrue(ids.length >= 5, "EOS before min_length");
            } else {
                assertEquals(8, ids.length, "stopped without EOS before max_length");
            }
        }
    }

    private static boolean repeatsNgram(long[] ids, int n) {
        long[] h = withStart(ids);
        Set<List<Long>> seen = new HashSet<>();
        for (int i = 0; i + n <= h.length; i++) {
            List<Long> gram = new ArrayList<>();
            for (int j = 0; j < n; j++) {
                gram.add(h[i + j]);
            }
            if (!seen.add(gram)) {
                return true;
            }
        }
        return false;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("strategies")
    void noRepeatNgramHoldsInTheOutput(String name, SearchStrategy search, int beams) {
        // Favour repeating the token two back, which makes bigrams recur.
        ScriptedModel.Bias loop = (h, l) -> {
            l[(int) EOS] -= 4f;
            if (h.length >= 2) {
                l[(int) h[h.length - 2]] += 3f;
            }
        };
        assertTrue(any(outputs(search, loop, config(beams).build()), ids -> repeatsNgram(ids, 2)));
        for (long[] ids : outputs(search, loop, config(beams).optNoRepeatNgramSize(2).build())) {
            assertFalse(repeatsNgram(ids, 2), "repeated bigram in " + java.util.Arrays.toString(ids));
        }
    }

    private static boolean containsSequence(long[] ids, long... seq) {
        long[] h = withStart(ids);
        for (int i = 0; i + seq.length <= h.length; i++) {
            boolean match = true;
            for (int j = 0; j < seq.length && match; j++) {
                match = h[i + j] == seq[j];
            }
            if (match) {
                return true;
            }
        }
        return false;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("strategies")
    void badWordsNeverAppear(String name, SearchStrategy search, int beams) {
        ScriptedModel.Bias tempt = (h, l) -> {
            l[3] += 2f;
            if (h[h.length - 1] == 4) {
                l[5] += 6f;
            } else {
                l[4] += 2f;
            }
        };
        assertTrue(any(outputs(search, tempt, config(beams).build()), ids -> containsSequence(ids, 3)));
        assertTrue(any(outputs(search, tempt, config(beams).build()), ids -> containsSequence(ids, 4, 5)));
        GenerationConfig c = config(beams).optBadWordsIds(List.of(new long[] {3}, new long[] {4, 5})).build();
        for (long[] ids : outputs(search, tempt, c)) {
            assertFalse(containsSequence(ids, 3));
            assertFalse(containsSequence(ids, 4, 5));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("strategies")
    void forcedEosEndsEveryRowThatReachesMaxLength(String name, SearchStrategy search, int beams) {
        ScriptedModel.Bias noEos = (h, l) -> l[(int) EOS] -= 10f;
        assertTrue(any(outputs(search, noEos, config(beams).build()), ids -> ids[ids.length - 1] != EOS));
        for (long[] ids : outputs(search, noEos, config(beams).optForcedEosTokenId(EOS).build())) {
            assertEquals(8, ids.length);
            assertEquals(EOS, ids[7]);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("strategies")
    void forcedBosIsTheFirstGeneratedToken(String name, SearchStrategy search, int beams) {
        for (long[] ids : outputs(search, (h, l) -> { }, config(beams).optForcedBosTokenId(6L).build())) {
            assertEquals(6, ids[0]);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("strategies")
    void maxNewTokensAndRatioBoundEachRow(String name, SearchStrategy search, int beams) {
        ScriptedModel.Bias noEos = (h, l) -> l[(int) EOS] -= 10f;
        GenerationConfig c = config(beams).optMaxNewTokens(6).optMaxLengthRatio(1.0, 0).build();
        ScriptedModel model = ScriptedModel.hashed(V, 7).biased(noEos);
        List<Generation> out = search.generate(model, SOURCES, c);
        for (int i = 0; i < SOURCES.length; i++) {
            // min(1 + 6, 1 + n) - 1 tokens
            assertEquals(Math.min(6, SOURCES[i].length), out.get(i).length(), "row " + i);
        }
    }
}
