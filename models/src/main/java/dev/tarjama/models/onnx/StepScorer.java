package dev.tarjama.models.onnx;

import ai.djl.inference.Predictor;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import dev.tarjama.models.generate.BestTokens;
import dev.tarjama.models.generate.StepProfile;
import dev.tarjama.models.generate.TopLogProbs;

import java.util.Arrays;
import java.util.Map;
import java.util.function.Function;

/**
 * One session's runs of the {@link ScoringGraphs} over its step logits, with the session's own
 * predictors (DJL's are not thread-safe) and tensors of its manager; what comes back to Java is the
 * log-softmax rows or a few numbers a row (docs/generation.md, "Numerics").
 */
final class StepScorer {

    private final ScoringGraphs graphs;
    private final NDManager manager;
    private final Function<OnnxFile, Predictor<NDList, NDList>> predictors;
    private final int vocab;
    /** Greedy's ban bias and the bans it was made for. */
    private NDArray bias;
    private int[][] biasBans;

    StepScorer(ScoringGraphs graphs, NDManager manager, Function<OnnxFile, Predictor<NDList, NDList>> predictors,
            int vocab) {
        this.graphs = graphs;
        this.manager = manager;
        this.predictors = predictors;
        this.vocab = vocab;
    }

    /**
     * The log-softmax of {@code logits} along the last axis, computed by ONNX Runtime
     * ({@link HelperGraphs#logSoftmax}); a new array, {@code logits} stays open.
     */
    NDArray logSoftmax(NDArray logits) {
        long t = StepProfile.start();
        OnnxFile file = graphs.logSoftmax();
        NDList outputs = file.run(predictors.apply(file), Map.of(HelperGraphs.input(0), logits));
        NDArray result;
        try {
            result = output(file, outputs, 0);
        } catch (RuntimeException e) {
            outputs.close();
            throw e;
        }
        for (NDArray out : outputs) {
            if (out != result) {
                out.close();
            }
        }
        StepProfile.add(StepProfile.Phase.ORT_LOG_SOFTMAX, t);
        return result;
    }

    /**
     * The best {@code k} log-probabilities of each row of {@code logits} ({@code [rows, 1, vocab]})
     * and their indices, computed by ONNX Runtime ({@link HelperGraphs#logSoftmaxTopK}); only they
     * are copied to Java. {@code logits} stays open.
     */
    TopLogProbs topLogSoftmax(NDArray logits, int k, int rows) {
        long t = StepProfile.start();
        OnnxFile file = graphs.logSoftmaxTopK();
        NDList outputs;
        try (NDArray kArray = Tensors.int64(manager, new long[] {k}, 1)) {
            outputs = file.run(predictors.apply(file), Map.of(HelperGraphs.input(0), logits, HelperGraphs.K, kArray));
        }
        t = StepProfile.add(StepProfile.Phase.ORT_LOG_SOFTMAX, t);
        try {
            float[] values = output(file, outputs, 0).toFloatArray();
            long[] indices = output(file, outputs, 1).toLongArray();
            if (values.length != (long) rows * k || indices.length != values.length) {
                throw new InferenceException(file.file(), "expected " + rows + " x " + k + " values and indices");
            }
            float[][] rowValues = new float[rows][k];
            int[][] rowIndices = new int[rows][k];
            for (int r = 0; r < rows; r++) {
                System.arraycopy(values, r * k, rowValues[r], 0, k);
                for (int j = 0; j < k; j++) {
                    rowIndices[r][j] = Math.toIntExact(indices[r * k + j]);
                }
            }
            return new TopLogProbs(rowValues, rowIndices);
        } finally {
            outputs.close();
            StepProfile.add(StepProfile.Phase.LOGITS_COPY, t);
        }
    }

    /**
     * Each row's best token of {@code logits} ({@code [rows, 1, vocab]}) with {@code bans[r]} at
     * -inf, and its log-probability ({@link HelperGraphs#bestTokens}). The -inf bias is kept while the
     * bans stay the same (a static bad-words list bans the same token every step).
     */
    BestTokens bestTokens(NDArray logits, int[][] bans, int rows) {
        long t = StepProfile.start();
        OnnxFile file = graphs.bestTokens();
        NDList outputs = file.run(predictors.apply(file),
                Map.of(HelperGraphs.input(0), logits, HelperGraphs.BIAS, bias(bans)));
        t = StepProfile.add(StepProfile.Phase.ORT_LOG_SOFTMAX, t);
        try {
            long[] indices = output(file, outputs, 0).toLongArray();
            float[] logprobs = output(file, outputs, 1).toFloatArray();
            if (indices.length != rows || logprobs.length != rows) {
                throw new InferenceException(file.file(), "expected " + rows + " best tokens and log-probabilities");
            }
            int[] best = new int[rows];
            for (int r = 0; r < rows; r++) {
                best[r] = Math.toIntExact(indices[r]);
            }
            return new BestTokens(best, logprobs);
        } finally {
            outputs.close();
            StepProfile.add(StepProfile.Phase.LOGITS_COPY, t);
        }
    }

    /** Output {@code y<i>} of a helper graph's run. */
    private static NDArray output(OnnxFile file, NDList outputs, int i) {
        String name = HelperGraphs.output(i);
        for (NDArray out : outputs) {
            if (name.equals(out.getName())) {
                return out;
            }
        }
        throw new InferenceException(file.file(), "no output " + name);
    }

    private NDArray bias(int[][] bans) {
        if (bias != null && Arrays.deepEquals(bans, biasBans)) {
            return bias;
        }
        if (bias != null) {
            bias.close();
        }
        boolean any = false;
        for (int[] row : bans) {
            any |= row.length > 0;
        }
        if (!any) {
            bias = Tensors.float32(manager, new float[1], 1, 1, 1);
        } else {
            float[] values = new float[bans.length * vocab];
            for (int r = 0; r < bans.length; r++) {
                for (int v : bans[r]) {
                    values[r * vocab + v] = Float.NEGATIVE_INFINITY;
                }
            }
            bias = Tensors.float32(manager, values, bans.length, 1, vocab);
        }
        biasBans = bans;
        return bias;
    }
}
