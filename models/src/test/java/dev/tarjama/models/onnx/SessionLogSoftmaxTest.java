package dev.tarjama.models.onnx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tarjama.models.generate.DecoderSession;
import dev.tarjama.models.testing.TinyModels;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;

/**
 * {@link DecoderSession#stepLogSoftmax} (ONNX Runtime's LogSoftmax over the step's logits, the
 * rows beam search ranks) against a float64 log-softmax of the logits {@link DecoderSession#step}
 * returns for the same tokens, step after step and across a beam-style reorder.
 */
class SessionLogSoftmaxTest {

    /** A float32 result of values near -10 is within a few of its ulps (about 1e-6) of the exact one. */
    private static final double TOLERANCE = 1e-5;

    @Test
    void sessionLogSoftmaxIsTheLogSoftmaxOfTheLogitsOfTheSameStep() {
        ModelOptions options = ModelOptions.builder().optIntraOpThreads(1).optProbeOnLoad(false).build();
        long[][] sources = TinyModels.marianCases().stream().map(TinyModels.Case::inputIds).toArray(long[][]::new);
        for (Path folder : new Path[] {TinyModels.MARIAN_OPTIMUM, TinyModels.MARIAN_XENOVA}) {
            try (OnnxSeq2SeqModel model = OnnxSeq2SeqModel.load(folder, options);
                    DecoderSession logitsSession = model.start(sources);
                    DecoderSession logProbSession = model.start(sources)) {
                assertTrue(logProbSession.logSoftmaxInSession(), folder + ": cached sessions compute it");
                long[] tokens = OnnxSeq2SeqModelTest.filled(sources.length, model.config().decoderStartTokenId());
                double worst = 0;
                for (int step = 0; step < 8; step++) {
                    float[][] logits = logitsSession.step(tokens);
                    float[][] logProbs = logProbSession.stepLogSoftmax(tokens);
                    assertEquals(logits.length, logProbs.length);
                    for (int r = 0; r < logits.length; r++) {
                        double[] expected = logSoftmax(logits[r]);
                        double mass = 0;
                        for (int v = 0; v < expected.length; v++) {
                            worst = Math.max(worst, Math.abs(expected[v] - logProbs[r][v]));
                            mass += Math.exp(logProbs[r][v]);
                        }
                        assertEquals(1.0, mass, 1e-4, folder + " step " + step + " row " + r + ": probabilities sum");
                    }
                    tokens = OnnxSeq2SeqModelTest.argmax(logits);
                    if (step == 3) {
                        int[] rows = {1, 1, 0, 3, 2, 5, 4, 7};
                        logitsSession.select(rows);
                        logProbSession.select(rows);
                        long[] moved = new long[rows.length];
                        for (int i = 0; i < rows.length; i++) {
                            moved[i] = tokens[rows[i]];
                        }
                        tokens = moved;
                    }
                }
                assertTrue(worst < TOLERANCE, folder + ": largest difference " + worst);
            }
        }
    }

    @Test
    void theUncachedBaselineLeavesTheLogSoftmaxToTheSearch() {
        ModelOptions options = ModelOptions.builder().optIntraOpThreads(1).optProbeOnLoad(false)
                .optUseCache(false).build();
        try (OnnxSeq2SeqModel model = OnnxSeq2SeqModel.load(TinyModels.MARIAN_XENOVA, options);
                DecoderSession session = model.start(new long[][] {TinyModels.marianCases().get(0).inputIds()})) {
            assertFalse(session.logSoftmaxInSession());
        }
    }

    private static double[] logSoftmax(float[] row) {
        double max = Double.NEGATIVE_INFINITY;
        for (float v : row) {
            max = Math.max(max, v);
        }
        double sum = 0;
        for (float v : row) {
            sum += Math.exp(v - max);
        }
        double logSum = Math.log(sum);
        double[] out = new double[row.length];
        for (int v = 0; v < row.length; v++) {
            out[v] = row[v] - max - logSum;
        }
        return out;
    }
}
