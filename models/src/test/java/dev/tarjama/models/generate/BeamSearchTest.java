package dev.tarjama.models.generate;

import static dev.tarjama.models.generate.ScriptedModel.dist;
import static dev.tarjama.models.generate.ScriptedModel.tableOf;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Hand-computed cases; the comments give the candidate sums each expectation follows from. */
class BeamSearchTest {

    private static final int V = 10;
    private static final float[] UNIFORM = dist(V);

    private static GenerationConfig.Builder config(int beams) {
        return GenerationConfig.builder().setDecoderStartTokenId(0).setEosTokenId(1)
                .optMaxLength(10).optNumBeams(beams);
    }

    private static Generation beamOne(ScriptedModel model, GenerationConfig config) {
        return new BeamSearch().generate(model, new long[][] {{5, 1}}, config).get(0);
    }

    @Test
    void beamFindsAMoreLikelySequenceThanGreedy() {
        // greedy: 2 (.5) then EOS (.3) = .15; beam keeps 3 (.4), whose EOS (.9) gives .36.
        ScriptedModel model = ScriptedModel.table(V, tableOf(
                new long[] {0}, dist(V, 2, .5, 3, .4),
                new long[] {0, 2}, dist(V, 1, .3),
                new long[] {0, 3}, dist(V, 1, .9)), UNIFORM);
        GenerationConfig c = config(2).build();
        assertArrayEquals(new long[] {2, 1}, new GreedySearch().generate(model, new long[][] {{5, 1}}, c).get(0).ids());
        Generation beam = beamOne(model, c);
        assertArrayEquals(new long[] {3, 1}, beam.ids());
        assertTrue(beam.endedWithEos());
        assertEquals((Math.log(.4) + Math.log(.9)) / 2, beam.score(), 1e-6);
    }

    /** Short [2, EOS] sums -1.897; long [3, 4, EOS] sums -2.513. */
    private static ScriptedModel shortVersusLong() {
        return ScriptedModel.table(V, tableOf(
                new long[] {0}, dist(V, 2, .5, 3, .45),
                new long[] {0, 2}, dist(V, 1, .3),
                new long[] {0, 3}, dist(V, 4, .9),
                new long[] {0, 3, 4}, dist(V, 1, .2)), UNIFORM);
    }

    @Test
    void lengthPenaltyChangesTheWinner() {
        // lp 1: -1.897/2 = -0.949 < -2.513/3 = -0.838, the long one wins; lp 0 compares sums.
        assertArrayEquals(new long[] {3, 4, 1}, beamOne(shortVersusLong(), config(2).optLengthPenalty(1.0).build()).ids());
        assertArrayEquals(new long[] {2, 1}, beamOne(shortVersusLong(), config(2).optLengthPenalty(0.0).build()).ids());
    }

    /** Step 1 yields [3,EOS] (-0.714) and [2,EOS] (-0.805); [2,5,EOS] (-0.598) needs one more step. */
    private static ScriptedModel betterHypothesisLater() {
        return ScriptedModel.table(V, tableOf(
                new long[] {0}, dist(V, 2, .5, 3, .4),
                new long[] {0, 2}, dist(V, 1, .4, 5, .35),
                new long[] {0, 3}, dist(V, 1, .6),
                new long[] {0, 2, 5}, dist(V, 1, .95)), UNIFORM);
    }

    @Test
    void earlyStoppingTrueStopsAsSoonAsKHypothesesAreFinished() {
        ScriptedModel model = betterHypothesisLater();
        Generation g = beamOne(model, config(2).optEarlyStopping(true).build());
        assertArrayEquals(new long[] {3, 1}, g.ids());
        assertEquals(2, g.steps());
        assertEquals(List.of(1, 2), model.lastSession().rowsPerStep);
    }

    @Test
    void earlyStoppingFalseKeepsSearchingWhileABeamCanStillWin() {
        // Done at step 1 only if worst (-0.805) >= best candidate -1.427 / 2: it is not.
        ScriptedModel model = betterHypothesisLater();
        Generation g = beamOne(model, config(2).optEarlyStopping(false).build());
        assertArrayEquals(new long[] {2, 5, 1}, g.ids());
        // Step 3's best candidate -8.636 / 4 falls below the worst kept -0.714: done there.
        assertEquals(4, g.steps());
    }

    /**
     * Step 1 finishes [2,EOS] (-1.204, score -0.602) and [3,EOS] (-0.805); the beam [3,4] (-2.813)
     * then runs through 6, 7, 8 at .999 each to EOS: [3,4,6,7,8,EOS] sums -2.818 over 6 tokens,
     * -0.470, the best score, but only if the search goes on after step 2.
     */
    private static ScriptedModel longWinnerAfterAHopelessLookingStep() {
        return ScriptedModel.table(V, tableOf(
                new long[] {0}, dist(V, 2, .5, 3, .4),
                new long[] {0, 2}, dist(V, 1, .6),
                new long[] {0, 3}, dist(V, 1, .5, 4, .15),
                new long[] {0, 3, 4}, dist(V, 6, .999),
                new long[] {0, 3, 4, 6}, dist(V, 7, .999),
                new long[] {0, 3, 4, 6, 7}, dist(V, 8, .999),
                new long[] {0, 3, 4, 6, 7, 8}, dist(V, 1, .999)), UNIFORM);
    }

    @Test
    void earlyStoppingNeverSearchesOnWhileABeamCouldStillWinAtTheMaxLength() {
        // Step 2's best candidate, -2.814: over 2 generated tokens (-0.938) it cannot beat the worst
        // kept -0.805, so false stops; over the 9 a beam may still reach (-0.313) it could.
        ScriptedModel model = longWinnerAfterAHopelessLookingStep();
        Generation heuristic = beamOne(model, config(2).optEarlyStopping(EarlyStopping.HEURISTIC).build());
        assertArrayEquals(new long[] {2, 1}, heuristic.ids());
        assertEquals(3, heuristic.steps());
        GenerationConfig never = config(2).optEarlyStopping(EarlyStopping.NEVER).build();
        Generation g = beamOne(model, never);
        assertArrayEquals(new long[] {3, 4, 6, 7, 8, 1}, g.ids());
        assertEquals(ReferenceDecoder.beam(model, new long[] {5, 1}, never), g);
    }

    @Test
    void earlyStoppingNeverWithANonPositiveLengthPenaltyIsTheHeuristic() {
        // HF bounds the attainable score with the current length unless the penalty is positive.
        ScriptedModel model = longWinnerAfterAHopelessLookingStep();
        for (double lp : new double[] {0.0, -0.5}) {
            Generation never = beamOne(model, config(2).optLengthPenalty(lp).optEarlyStopping(EarlyStopping.NEVER).build());
            Generation heuristic = beamOne(model, config(2).optLengthPenalty(lp).optEarlyStopping(false).build());
            assertEquals(heuristic, never, "length penalty " + lp);
        }
    }

    @Test
    void eosCandidateRankedAtKOrWorseIsIgnored() {
        // Step 1 ranks: [2,EOS] -1.204, [2,4] -1.427, [3,EOS] -1.561 (rank 2 = k: skipped), [3,5].
        // Accepting [3,EOS] would give k hypotheses and stop (early stopping) with [2,EOS].
        ScriptedModel model = ScriptedModel.table(V, tableOf(
                new long[] {0}, dist(V, 2, .6, 3, .3),
                new long[] {0, 2}, dist(V, 1, .5, 4, .4),
                new long[] {0, 3}, dist(V, 1, .7, 5, .25),
                new long[] {0, 2, 4}, dist(V, 1, .99)), UNIFORM);
        Generation g = beamOne(model, config(2).optEarlyStopping(true).build());
        assertArrayEquals(new long[] {2, 4, 1}, g.ids());
    }

    @Test
    void exactTiesGoToTheLowerFlatIndexAndThenToTheHypothesisAddedLast() {
        // Step 0: tokens 2, 3, 4 tie; 2 and 3 become the beams (4 would have won: EOS .99).
        // Step 1: [2,EOS] and [3,EOS] tie at rank 0 and 1; the later one, [3,EOS], is returned.
        ScriptedModel model = ScriptedModel.table(V, tableOf(
                new long[] {0}, dist(V, 2, .3, 3, .3, 4, .3),
                new long[] {0, 2}, dist(V, 1, .5),
                new long[] {0, 3}, dist(V, 1, .5),
                new long[] {0, 4}, dist(V, 1, .99)), UNIFORM);
        Generation g = beamOne(model, config(2).build());
        assertArrayEquals(new long[] {3, 1}, g.ids());
    }

    @Test
    void beamsStillRunningAtMaxLengthAreFinalizedWithoutEos() {
        ScriptedModel model = ScriptedModel.table(V, tableOf(), dist(V, 1, .0001, 5, .5, 6, .3));
        Generation g = beamOne(model, config(2).optMaxLength(4).build());
        assertArrayEquals(new long[] {5, 5, 5}, g.ids());
        assertFalse(g.endedWithEos());
        assertEquals(Math.log(.5), g.score(), 1e-6);
        assertEquals(3, g.steps());
    }

    @Test
    void firstStepRunsOneRowPerSourceThenSelectExpandsToKRows() {
        ScriptedModel model = ScriptedModel.hashed(V, 3);
        new BeamSearch().generate(model, new long[][] {{4, 1}, {6, 7, 1}}, config(3).optMinLength(4).build());
        ScriptedModel.ScriptedSession session = model.lastSession();
        assertEquals(2, session.rowsPerStep.get(0));
        assertArrayEquals(new int[] {0, 0, 0, 1, 1, 1}, session.selects.get(0));
        assertEquals(6, session.rowsPerStep.get(1));
        assertTrue(session.closed);
    }

    @Test
    void factoryChoosesGreedyForOneBeamAndBeamSearchOtherwise() {
        assertInstanceOf(GreedySearch.class, SearchStrategy.of(config(1).build()));
        assertInstanceOf(BeamSearch.class, SearchStrategy.of(config(4).build()));
    }
}
