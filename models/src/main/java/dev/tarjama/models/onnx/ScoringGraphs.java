package dev.tarjama.models.onnx;

import ai.djl.ndarray.NDManager;

import java.util.List;

/**
 * The {@link HelperGraphs} that score a step's logits, loaded once per model with its session
 * options and shared by its sessions: log-softmax, its top k (beam search), best tokens (greedy).
 */
final class ScoringGraphs implements AutoCloseable {

    private final OnnxFile logSoftmax;
    private final OnnxFile logSoftmaxTopK;
    private final OnnxFile bestTokens;

    private ScoringGraphs(OnnxFile logSoftmax, OnnxFile logSoftmaxTopK, OnnxFile bestTokens) {
        this.logSoftmax = logSoftmax;
        this.logSoftmaxTopK = logSoftmaxTopK;
        this.bestTokens = bestTokens;
    }

    /** Loads the graphs; each loaded file is added to {@code loaded}, for the caller to close on failure. */
    static ScoringGraphs load(ModelOptions options, List<OnnxFile> loaded) {
        OnnxFile logSoftmax = OnnxFile.fromBytes("log-softmax", HelperGraphs.logSoftmax(), options);
        loaded.add(logSoftmax);
        OnnxFile topK = OnnxFile.fromBytes("log-softmax top-k", HelperGraphs.logSoftmaxTopK(), options);
        loaded.add(topK);
        OnnxFile best = OnnxFile.fromBytes("best tokens", HelperGraphs.bestTokens(), options);
        loaded.add(best);
        return new ScoringGraphs(logSoftmax, topK, best);
    }

    OnnxFile logSoftmax() {
        return logSoftmax;
    }

    OnnxFile logSoftmaxTopK() {
        return logSoftmaxTopK;
    }

    OnnxFile bestTokens() {
        return bestTokens;
    }

    List<NDManager> rootManagers() {
        return List.of(logSoftmax.rootManager(), logSoftmaxTopK.rootManager(), bestTokens.rootManager());
    }

    @Override
    public void close() {
        logSoftmax.close();
        logSoftmaxTopK.close();
        bestTokens.close();
    }
}
