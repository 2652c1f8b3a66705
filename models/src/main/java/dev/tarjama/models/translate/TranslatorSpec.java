package dev.tarjama.models.translate;

import dev.tarjama.models.onnx.Precision;
import java.io.Serializable;
import java.util.Objects;

/**
 * Everything needed to load a translation pipeline; small and serializable, so it is what travels
 * in Spark closures while the loaded models stay in a per-JVM cache keyed by this value. Built
 * with {@link #builder()}: the model folder is required ({@code set*}), the rest optional
 * ({@code opt*}).
 *
 * @param modelDir folder of the ONNX seq2seq model (Optimum or transformers.js layout)
 * @param precision the fp32 files or their int8 {@code _quantized} twins
 * @param intraOpThreads ONNX Runtime threads inside one operator
 * @param interOpThreads ONNX Runtime threads across operators
 * @param numBeams 1 for greedy search, more for beam search; 0 keeps the model's generation_config
 * @param maxNewTokens cap on generated tokens per segment; 0 keeps the model's generation_config
 * @param maxLengthPerSourceToken cap on generated tokens relative to the source: at most
 *     {@code floor(this * sourceTokens) + maxLengthOffset} per segment; 0 turns the cap off
 * @param maxLengthOffset the source-length cap's constant part
 * @param memoBytes memory bound of the memo of translated segments (0 turns the memo off)
 * @param maxBatchTokens padded token budget of one model batch (rows x longest row)
 * @param maxBatchRows most rows in one model batch
 */
public record TranslatorSpec(
        String modelDir,
        Precision precision,
        int intraOpThreads,
        int interOpThreads,
        int numBeams,
        int maxNewTokens,
        double maxLengthPerSourceToken,
        int maxLengthOffset,
        long memoBytes,
        int maxBatchTokens,
        int maxBatchRows)
        implements Serializable {

    public TranslatorSpec {
        if (modelDir == null || modelDir.isBlank()) {
            throw new IllegalArgumentException("modelDir is required");
        }
        Objects.requireNonNull(precision, "precision");
        if (intraOpThreads < 1 || interOpThreads < 1) {
            throw new IllegalArgumentException("thread counts must be at least 1");
        }
        if (numBeams < 0 || maxNewTokens < 0 || maxBatchTokens < 1 || maxBatchRows < 1) {
            throw new IllegalArgumentException("numBeams and maxNewTokens must be >= 0, batch limits >= 1");
        }
        if (!Double.isFinite(maxLengthPerSourceToken) || maxLengthPerSourceToken < 0 || maxLengthOffset < 0) {
            throw new IllegalArgumentException("maxLengthPerSourceToken must be a finite number >= 0 and"
                    + " maxLengthOffset >= 0, got " + maxLengthPerSourceToken + " and " + maxLengthOffset);
        }
        if (memoBytes < 0) {
            throw new IllegalArgumentException("memoBytes must be >= 0, got " + memoBytes);
        }
    }

    /**
     * A builder with the defaults: fp32, one thread each, the model's own generation settings
     * capped at 2 tokens per source token + 10, a memo of 16 MiB, batches of at most 4,096 padded
     * tokens and 32 rows.
     */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding this spec's values, to change some of them. */
    public Builder toBuilder() {
        return new Builder().setModelDir(modelDir).optPrecision(precision).optThreads(intraOpThreads, interOpThreads)
                .optNumBeams(numBeams).optMaxNewTokens(maxNewTokens).optMaxLengthPerSourceToken(maxLengthPerSourceToken)
                .optMaxLengthOffset(maxLengthOffset).optMemoBytes(memoBytes).optBatchLimits(maxBatchTokens, maxBatchRows);
    }

    /** Builder for {@link TranslatorSpec}; {@link #setModelDir} is required. */
    public static final class Builder {
        private String modelDir;
        private Precision precision = Precision.FP32;
        private int intraOpThreads = 1;
        private int interOpThreads = 1;
        private int numBeams;
        private int maxNewTokens;
        private double maxLengthPerSourceToken = 2.0;
        private int maxLengthOffset = 10;
        private long memoBytes = 16L << 20;
        private int maxBatchTokens = 4096;
        private int maxBatchRows = 32;

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

        public Builder optMaxNewTokens(int value) {
            this.maxNewTokens = value;
            return this;
        }

        /** {@code generation.max_length_per_source_token}; 0 turns the source-length cap off. */
        public Builder optMaxLengthPerSourceToken(double value) {
            this.maxLengthPerSourceToken = value;
            return this;
        }

        /** {@code generation.max_length_offset}. */
        public Builder optMaxLengthOffset(int value) {
            this.maxLengthOffset = value;
            return this;
        }

        /** Memory bound of the memo of translated segments; 0 turns it off. */
        public Builder optMemoBytes(long value) {
            this.memoBytes = value;
            return this;
        }

        public Builder optBatchLimits(int tokens, int rows) {
            this.maxBatchTokens = tokens;
            this.maxBatchRows = rows;
            return this;
        }

        public TranslatorSpec build() {
            return new TranslatorSpec(modelDir, precision, intraOpThreads, interOpThreads, numBeams, maxNewTokens,
                    maxLengthPerSourceToken, maxLengthOffset, memoBytes, maxBatchTokens, maxBatchRows);
        }
    }
}
