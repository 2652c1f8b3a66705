package dev.tarjama.models.summarize;

import dev.tarjama.models.onnx.Precision;
import java.io.Serializable;
import java.util.Objects;

/**
 * Everything needed to load an {@link AbstractiveSummarizer}; small and serializable, so it is what
 * travels in Spark closures while the loaded model stays in a per-JVM cache keyed by this value.
 *
 * @param modelDir folder of the ONNX BART model (Optimum or transformers.js layout)
 * @param precision the fp32 files or their int8 {@code _quantized} twins
 * @param intraOpThreads ONNX Runtime threads inside one operator
 * @param interOpThreads ONNX Runtime threads across operators
 * @param numBeams 1 for greedy search, more for beam search; 0 keeps the model's generation_config
 * @param longInputPolicy what to do with inputs past the limit
 * @param maxInputTokens input limit in tokens (special tokens included); 0 = the model's
 *     {@code max_position_embeddings}, and never more than it
 * @param maxBatchTokens padded source-token budget of one model batch (rows x longest row)
 * @param maxBatchRows most source rows in one model batch (each runs {@code numBeams} beams)
 */
public record SummarizerSpec(
        String modelDir,
        Precision precision,
        int intraOpThreads,
        int interOpThreads,
        int numBeams,
        LongInputPolicy longInputPolicy,
        int maxInputTokens,
        int maxBatchTokens,
        int maxBatchRows)
        implements Serializable {

    public SummarizerSpec {
        if (modelDir == null || modelDir.isBlank()) {
            throw new IllegalArgumentException("modelDir is required");
        }
        Objects.requireNonNull(precision, "precision");
        Objects.requireNonNull(longInputPolicy, "longInputPolicy");
        if (intraOpThreads < 1 || interOpThreads < 1) {
            throw new IllegalArgumentException("thread counts must be at least 1");
        }
        if (numBeams < 0 || maxInputTokens < 0 || maxBatchTokens < 1 || maxBatchRows < 1) {
            throw new IllegalArgumentException("numBeams and maxInputTokens must be >= 0, batch limits >= 1");
        }
        if (maxInputTokens > 0 && maxInputTokens < 8) {
            throw new IllegalArgumentException("maxInputTokens must be 0 (model limit) or at least 8, got " + maxInputTokens);
        }
    }

    /**
     * Defaults for one model folder: fp32, one thread each, the model's own generation settings,
     * lead truncation at the model's limit, batches of at most 8,192 padded source tokens and 16 rows.
     */
    public static SummarizerSpec of(String modelDir) {
        return new SummarizerSpec(modelDir, Precision.FP32, 1, 1, 0, LongInputPolicy.TRUNCATE_LEAD, 0, 8192, 16);
    }

    public SummarizerSpec withModelDir(String value) {
        return new SummarizerSpec(value, precision, intraOpThreads, interOpThreads, numBeams, longInputPolicy,
                maxInputTokens, maxBatchTokens, maxBatchRows);
    }

    public SummarizerSpec withPrecision(Precision value) {
        return new SummarizerSpec(modelDir, value, intraOpThreads, interOpThreads, numBeams, longInputPolicy,
                maxInputTokens, maxBatchTokens, maxBatchRows);
    }

    public SummarizerSpec withThreads(int intraOp, int interOp) {
        return new SummarizerSpec(modelDir, precision, intraOp, interOp, numBeams, longInputPolicy,
                maxInputTokens, maxBatchTokens, maxBatchRows);
    }

    public SummarizerSpec withNumBeams(int value) {
        return new SummarizerSpec(modelDir, precision, intraOpThreads, interOpThreads, value, longInputPolicy,
                maxInputTokens, maxBatchTokens, maxBatchRows);
    }

    public SummarizerSpec withLongInputPolicy(LongInputPolicy value) {
        return new SummarizerSpec(modelDir, precision, intraOpThreads, interOpThreads, numBeams, value,
                maxInputTokens, maxBatchTokens, maxBatchRows);
    }

    public SummarizerSpec withMaxInputTokens(int value) {
        return new SummarizerSpec(modelDir, precision, intraOpThreads, interOpThreads, numBeams, longInputPolicy,
                value, maxBatchTokens, maxBatchRows);
    }

    public SummarizerSpec withBatchLimits(int tokens, int rows) {
        return new SummarizerSpec(modelDir, precision, intraOpThreads, interOpThreads, numBeams, longInputPolicy,
                maxInputTokens, tokens, rows);
    }
}
