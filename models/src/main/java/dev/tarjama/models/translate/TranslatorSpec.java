package dev.tarjama.models.translate;

import java.io.Serializable;

/**
 * Everything needed to load a translation pipeline; small and serializable, so it is what travels
 * in Spark closures while the loaded models stay in a per-JVM cache keyed by this value.
 *
 * @param modelDir folder of the ONNX seq2seq model (Optimum or transformers.js layout)
 * @param precision {@code fp32} or {@code int8} (the {@code _quantized} files)
 * @param intraOpThreads ONNX Runtime threads inside one operator
 * @param interOpThreads ONNX Runtime threads across operators
 * @param numBeams 1 for greedy search, more for beam search; 0 keeps the model's generation_config
 * @param maxNewTokens cap on generated tokens per segment; 0 keeps the model's generation_config
 * @param maxBatchTokens padded token budget of one model batch (rows x longest row)
 * @param maxBatchRows most rows in one model batch
 */
public record TranslatorSpec(
        String modelDir,
        String precision,
        int intraOpThreads,
        int interOpThreads,
        int numBeams,
        int maxNewTokens,
        int maxBatchTokens,
        int maxBatchRows)
        implements Serializable {

    public TranslatorSpec {
        if (modelDir == null || modelDir.isBlank()) {
            throw new IllegalArgumentException("modelDir is required");
        }
        if (!"fp32".equals(precision) && !"int8".equals(precision)) {
            throw new IllegalArgumentException("precision must be fp32 or int8, got " + precision);
        }
        if (intraOpThreads < 1 || interOpThreads < 1) {
            throw new IllegalArgumentException("thread counts must be at least 1");
        }
        if (numBeams < 0 || maxNewTokens < 0 || maxBatchTokens < 1 || maxBatchRows < 1) {
            throw new IllegalArgumentException("numBeams and maxNewTokens must be >= 0, batch limits >= 1");
        }
    }

    /** Defaults for one model folder: fp32, one thread each, the model's own generation settings. */
    public static TranslatorSpec of(String modelDir) {
        return new TranslatorSpec(modelDir, "fp32", 1, 1, 0, 0, 4096, 32);
    }
}
