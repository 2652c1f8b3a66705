package dev.tarjama.models.generate;

import static dev.tarjama.models.generate.ScriptedModel.dist;
import static dev.tarjama.models.generate.ScriptedModel.tableOf;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class GreedySearchTest {

    private static final int V = 10;
    private static final long START = 0;
    private static final long EOS = 1;

    private static GenerationConfig.Builder config() {
        return GenerationConfig.builder().setDecoderStartTokenId(START).setEosTokenId(EOS).optMaxLength(20);
    }

    private static Generation greedyOne(ScriptedModel model, GenerationConfig config, long... source) {
        return new GreedySearch().generate(model, new long[][] {source}, config).get(0);
    }

    /** A model that walks 0 -> 4 -> 7 -> 3 -> EOS with high probability. */
    private static ScriptedModel chain() {
        return ScriptedModel.table(V, tableOf(
                new long[] {0}, dist(V, 4, 0.6, 7, 0.3),
                new long[] {0, 4}, dist(V, 7, 0.7),
                new long[] {0, 4, 7}, dist(V, 3, 0.5, 1, 0.4),
                new long[] {0, 4, 7, 3}, dist(V, 1, 0.8)),
                dist(V, 1, 0.9));
    }

    @Test
    void picksTheArgmaxEachStepAndStopsAtEosKeepingIt() {
        Generation g = greedyOne(chain(), config().build(), 5, 6, 1);
        assertArrayEquals(new long[] {4, 7, 3, 1}, g.ids());
        assertTrue(g.endedWithEos());
        assertEquals(4, g.steps());
    }

    @Test
    void scoreIsTheMeanLogProbabilityOfTheChosenTokens() {
        Generation g = greedyOne(chain(), config().build(), 5, 6, 1);
        double expected = (Math.log(0.6) + Math.log(0.7) + Math.log(0.5) + Math.log(0.8)) / 4;
        assertEquals(expected, g.score(), 1e-6);
    }

    @Test
    void tiesGoToTheLowestTokenId() {
        float[] flat = new float[V];
        ScriptedModel model = ScriptedModel.table(V, tableOf(new long[] {0}, flat), dist(V, 1, 0.9));
        assertArrayEquals(new long[] {0, 1}, greedyOne(model, config().build(), 5).ids());
    }

    @Test
    void stopsAtMaxLengthCountingTheStartTokenWithoutAddingEos() {
        Generation g = greedyOne(chain(), config().optMaxLength(3).build(), 5);
        assertArrayEquals(new long[] {4, 7}, g.ids());
        assertFalse(g.endedWithEos());
        assertEquals(2, g.steps());
    }

    @Test
    void maxNewTokensWinsOverMaxLength() {
        Generation g = greedyOne(chain(), config().optMaxLength(3).optMaxNewTokens(3).build(), 5);
        assertArrayEquals(new long[] {4, 7, 3}, g.ids());
    }

    @Test
    void maxLengthRatioBoundsEachRowByItsSourceLength() {
        // 1 + floor(0.5 * n) + 0: n = 2 -> 2 (one token), n = 5 -> 3 (two tokens).
        GenerationConfig c = config().optMaxLengthRatio(0.5, 0).build();
        List<Generation> out = new GreedySearch().generate(chain(), new long[][] {{5, 1}, {5, 6, 7, 8, 1}}, c);
        assertArrayEquals(new long[] {4}, out.get(0).ids());
        assertArrayEquals(new long[] {4, 7}, out.get(1).ids());
    }

    @Test
    void minLengthPreventsAnEarlyEos() {
        ScriptedModel eager = ScriptedModel.table(V, tableOf(), dist(V, 1, 0.9, 6, 0.05));
        assertArrayEquals(new long[] {1}, greedyOne(eager, config().build(), 5).ids());
        Generation g = greedyOne(eager, config().optMinLength(4).build(), 5);
        assertArrayEquals(new long[] {6, 6, 6, 1}, g.ids());
        assertTrue(g.endedWithEos());
    }

    @Test
    void closesTheSession() {
        ScriptedModel model = chain();
        greedyOne(model, config().build(), 5);
        assertTrue(model.lastSession().closed);
    }

    @Test
    void closesTheSessionWhenAProcessorFails() {
        ScriptedModel model = chain();
        GenerationConfig bad = config().optBadWordsIds(List.of(new long[] {42})).build();
        try {
            greedyOne(model, bad, 5);
        } catch (IllegalArgumentException expected) {
            // out-of-vocabulary bad word
        }
        assertEquals(1, model.sessions.size());
        assertTrue(model.lastSession().closed);
    }

    @Test
    void noInputsGiveNoOutputsAndNoSession() {
        ScriptedModel model = chain();
        assertEquals(List.of(), new GreedySearch().generate(model, new long[0][], config().build()));
        assertEquals(0, model.sessions.size());
    }
}
