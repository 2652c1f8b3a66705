package dev.tarjama.models.generate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** A batch must give what each row gives alone, and finished rows must leave the session. */
class BatchingTest {

    private static final int V = 10;
    private static final long[][] SOURCES = {
        {4, 1}, {5, 6, 1}, {7, 7, 8, 9, 2, 3, 1}, {2, 1}, {9, 8, 7, 6, 5, 4, 3, 2, 1}, {3, 3, 1}};

    static Stream<Arguments> cases() {
        List<Arguments> list = new ArrayList<>();
        for (int beams : new int[] {1, 2, 3}) {
            for (boolean early : new boolean[] {true, false}) {
                list.add(Arguments.of(beams, early, 1.0));
                list.add(Arguments.of(beams, early, 0.5));
            }
        }
        return list.stream();
    }

    private static GenerationConfig config(int beams, boolean early, double lengthPenalty) {
        return GenerationConfig.builder().setDecoderStartTokenId(0).setEosTokenId(1)
                .optNumBeams(beams).optEarlyStopping(early).optLengthPenalty(lengthPenalty)
                .optMaxLength(12).optMaxLengthRatio(1.0, 1).optNoRepeatNgramSize(3)
                .optRepetitionPenalty(1.3).optBadWordsIds(List.of(new long[] {0})).build();
    }

    @ParameterizedTest(name = "beams={0} early={1} lp={2}")
    @MethodSource("cases")
    void batchEqualsOneAtATimeAndTheBatchShrinks(int beams, boolean early, double lp) {
        GenerationConfig c = config(beams, early, lp);
        SearchStrategy search = SearchStrategy.of(c);
        Set<Integer> distinctSteps = new HashSet<>();
        for (int seed = 0; seed < 8; seed++) {
            ScriptedModel model = ScriptedModel.hashed(V, seed).biased((h, l) -> l[1] -= 1.5f);
            List<Generation> batch = search.generate(model, SOURCES, c);
            ScriptedModel.ScriptedSession session = model.lastSession();
            assertTrue(session.closed);
            for (int i = 0; i < SOURCES.length; i++) {
                Generation alone = search.generate(model, new long[][] {SOURCES[i]}, c).get(0);
                assertEquals(alone, batch.get(i), "row " + i + " seed " + seed);
                distinctSteps.add(batch.get(i).steps());
            }
            List<Integer> rows = session.rowsPerStep;
            int widest = rows.stream().mapToInt(Integer::intValue).max().orElseThrow();
            assertEquals(SOURCES.length * beams, widest);
            assertTrue(rows.get(rows.size() - 1) < widest, "finished rows never left: " + rows);
            assertFalse(session.selects.isEmpty());
        }
        assertTrue(distinctSteps.size() > 2, "rows should finish at different steps: " + distinctSteps);
    }
}
