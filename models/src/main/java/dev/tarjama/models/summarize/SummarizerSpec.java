package dev.tarjama.models.summarize;

import dev.tarjama.models.onnx.Precision;
import java.io.Serializable;
import java.util.Objects;

/**
 * Everything needed to load an {@link AbstractiveSummarizer}; small and serializable, so it is what
 * travels in Spark closures while the loaded model stays in a per-JVM cache keyed by this value.
 * Built with {@link #builder()} like {@link dev.tarjama.models.translate.TranslatorSpec}: the model
 * folder is required ({@code set*}), the rest optional ({@code opt*}).
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
     * A builder with the defaults: fp32, one thread each, the model's own generation settings,
     * lead truncation at the model's limit, batches of at most 8,192 padded source tokens and 16 rows.
     */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding this spec's values, to change some of them. */
    public Builder toBuilder() {
        return new Builder().setModelDir(modelDir).optPrecision(precision).optThreads(intraOpThreads, interOpThreads)
                .optNumBeams(numBeams).optLongInputPolicy(longInputPolicy).optMaxInputTokens(maxInputTokens)
                .optBatchLimits(maxBatchTokens, maxBatchRows);
    }

    /** Builder for {@link SummarizerSpec}; {@link #setModelDir} is required. */
    public static final class Builder {
        private String modelDir;
        private Precision precision = Precision.FP32;
        private int intraOpThreads = 1;
        private int interOpThreads = 1;
        private int numBeams;
        private LongInputPolicy longInputPolicy = LongInputPolicy.TRUNCATE_LEAD;
        private int maxInputTokens;
        private int maxBatchTokens = 8192;
        private int maxBatchRows = 16;

        private Builder() {}

        public Builder setModelDir(String value) {
            this.modelDir = value;
            return this;
        }

        public Builder optPrecision(Precision value) {
            this.precision = value;
            return this;
        }

        public Builder optThreads(int intraOp, int interOp) {
            this.intraOpThreads = intraOp;
            this.interOpThreads = interOp;
            return this;
        }

        public Builder optNumBeams(int value) {
            this.numBeams = value;
            return this;
        }

        public Builder optLongInputPolicy(LongInputPolicy value) {
            this.longInputPolicy = value;
            return this;
        }

        public Builder optMaxInputTokens(int value) {
            this.maxInputTokens = value;
            return this;
        }

        public Builder optBatchLimits(int tokens, int rows) {
            this.maxBatchTokens = tokens;
            this.maxBatchRows = rows;
            return this;
        }

        public SummarizerSpec build() {
            return new SummarizerSpec(modelDir, precision, intraOpThreads, interOpThreads, numBeams, longInputPolicy,
                    maxInputTokens, maxBatchTokens, maxBatchRows);
        }
    }
}
