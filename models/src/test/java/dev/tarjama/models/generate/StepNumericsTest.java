package dev.tarjama.models.generate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The fast paths of a step's Java work: {@link Scores#exp} (the float64 exponential of every
 * logit), {@link TopCandidates#offerAll} and spreading rows over threads, each against the plain
 * computation it replaces.
 */
class StepNumericsTest {

    @Test
    void expIsWithinFourUlpOfTheExactValueOverTheRangeOfShiftedLogits() {
        Random random = new Random(1);
        double worst = 0;
        for (int i = 0; i < 1_000_000; i++) {
            double d = i < 1000 ? -i / 10.0 : -random.nextDouble() * (i % 2 == 0 ? 40 : 745);
            double exact = StrictMath.exp(d);
            if (exact == 0) {
                assertEquals(0.0, Scores.exp(d), "underflow at " + d);
                continue;
            }
            worst = Math.max(worst, Math.abs(Scores.exp(d) - exact) / Math.ulp(exact));
        }
        assertTrue(worst <= 4, "worst error " + worst + " ulp");
        assertEquals(1.0, Scores.exp(0.0));
        assertEquals(1.0, Scores.exp(-0.0));
        assertEquals(0.0, Scores.exp(Double.NEGATIVE_INFINITY));
        assertTrue(Double.isNaN(Scores.exp(Double.NaN)));
        assertEquals(Math.exp(3.5), Scores.exp(3.5), "positive arguments fall back to Math.exp");
    }

    @Test
    void logSoftmaxMatchesAHighPrecisionReferenceToTheFloat() {
        Random random = new Random(2);
        MathContext mc = new MathContext(40);
        int mismatches = 0;
        int total = 0;
        for (int trial = 0; trial < 20; trial++) {
            float[] row = new float[2000];
            for (int v = 0; v < row.length; v++) {
                row[v] = (float) (random.nextGaussian() * 5);
            }
            float max = Scores.max(row);
            BigDecimal sum = BigDecimal.ZERO;
            for (float x : row) {
                sum = sum.add(new BigDecimal(StrictMath.exp((double) x - max)), mc);
            }
            double logSum = StrictMath.log(sum.doubleValue());
            float[] actual = row.clone();
            Scores.logSoftmaxInPlace(actual);
            for (int v = 0; v < row.length; v++) {
                float expected = (float) (((double) row[v] - max) - logSum);
                total++;
                if (expected != actual[v]) {
                    mismatches++;
                    assertEquals(expected, actual[v], Math.ulp(expected), "entry " + v + " beyond one ulp");
                }
            }
        }
        // A float64 sum off by a few ulp moves a float result only when it sits on a rounding edge.
        assertTrue(mismatches * 1000 < total, mismatches + " of " + total + " entries differ by one ulp");
    }

    @Test
    void spreadingAStepOverThreadsChangesNoGeneration() {
        // Wide enough (2 rows of 70,000) for the searches to spread a step over threads.
        int vocab = 70_000;
        long[][] sources = {{4, 1}, {5, 6, 1}, {7, 7, 8, 1}};
        assertTrue(2L * vocab >= Parallel.MIN_PARALLEL_ENTRIES);
        for (int seed = 0; seed < 2; seed++) {
            ScriptedModel model = ScriptedModel.hashed(vocab, seed);
            Seq2SeqModel threaded = new Seq2SeqModel() {
                @Override
                public int vocabSize() {
                    return model.vocabSize();
                }

                @Override
                public DecoderSession start(long[][] inputIds) {
                    return model.start(inputIds);
                }

                @Override
                public int searchThreads() {
                    return 4;
                }
            };
            for (int beams : new int[] {1, 3}) {
                GenerationConfig config = GenerationConfig.builder().setDecoderStartTokenId(0).setEosTokenId(1)
                        .optNumBeams(beams).optMaxLength(6).optRepetitionPenalty(1.2).build();
                List<Generation> alone = SearchStrategy.of(config).generate(model, sources, config);
                List<Generation> spread = SearchStrategy.of(config).generate(threaded, sources, config);
                for (int i = 0; i < sources.length; i++) {
                    assertArrayEquals(alone.get(i).ids(), spread.get(i).ids(), "beams " + beams + " row " + i);
                    assertEquals(alone.get(i).score(), spread.get(i).score(), 0.0, "beams " + beams + " row " + i);
                }
            }
        }
    }

    @Test
    void offerAllKeepsWhatOfferingOneByOneKeepsTiesAndInfinitiesIncluded() {
        Random random = new Random(11);
        for (int trial = 0; trial < 300; trial++) {
            int capacity = 1 + random.nextInt(8);
            int rows = 1 + random.nextInt(4);
            int width = 1 + random.nextInt(30);
            TopCandidates one = new TopCandidates(capacity);
            TopCandidates all = new TopCandidates(capacity);
            for (int b = 0; b < rows; b++) {
                float[] values = new float[width];
                for (int v = 0; v < width; v++) {
                    int pick = random.nextInt(10);
                    values[v] = pick == 0 ? Float.NEGATIVE_INFINITY : pick < 4 ? -1f : random.nextInt(5) - 3f;
                }
                float add = random.nextBoolean() ? 0f : -random.nextInt(3);
                for (int v = 0; v < width; v++) {
                    one.offer(values[v] + add, b * width + v);
                }
                all.offerAll(values, add, b * width);
            }
            one.sortBestFirst();
            all.sortBestFirst();
            assertEquals(one.size(), all.size(), "trial " + trial);
            for (int r = 0; r < one.size(); r++) {
                assertEquals(one.index(r), all.index(r), "trial " + trial + " rank " + r);
                assertEquals(one.score(r), all.score(r), "trial " + trial + " rank " + r);
            }
        }
    }
}
