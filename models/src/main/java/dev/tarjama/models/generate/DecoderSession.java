package dev.tarjama.models.generate;

/**
 * The decoder side of one batch: holds the encoder output and whatever cache the model keeps.
 *
 * <p>The search feeds one token per live row per step, starting with the decoder start token, and
 * may reorder, repeat or drop rows between steps with {@link #select(int[])}: beam search reorders
 * by beam origin, finished sentences leave the batch. Not thread-safe; close it to free native
 * memory.
 */
public interface DecoderSession extends AutoCloseable {

    /** Number of live rows. */
    int rows();

    /**
     * Appends {@code tokens[r]} to row {@code r} and returns the next-token logits for every live
     * row, {@code [rows][vocabSize]}. The caller owns the returned arrays.
     */
    float[][] step(long[] tokens);

    /**
     * Whether {@link #stepLogSoftmax} is available: the session computes log-probabilities itself
     * (the ONNX sessions do it in ONNX Runtime). Otherwise a search computes them from {@link #step}.
     */
    default boolean logSoftmaxInSession() {
        return false;
    }

    /**
     * As {@link #step}, but every row is the float32 log-softmax of its logits, computed by the
     * session (docs/generation.md, "Numerics"). Only where {@link #logSoftmaxInSession()}.
     */
    default float[][] stepLogSoftmax(long[] tokens) {
        throw new UnsupportedOperationException(getClass().getSimpleName() + " computes no log-softmax");
    }

    /** Whether {@link #stepTopLogSoftmax} is available. */
    default boolean topLogSoftmaxInSession() {
        return false;
    }

    /**
     * As {@link #stepLogSoftmax}, but only each row's best {@code k} entries come back ({@code 1 <= k
     * <= vocabSize}): the rest stay in native memory. Only where {@link #topLogSoftmaxInSession()}.
     */
    default TopLogProbs stepTopLogSoftmax(long[] tokens, int k) {
        throw new UnsupportedOperationException(getClass().getSimpleName() + " computes no log-softmax");
    }

    /** Whether {@link #stepBestTokens} is available. */
    default boolean bestTokensInSession() {
        return false;
    }

    /**
     * As {@link #step}, but only each row's best token after setting {@code bans[r]} (vocabulary
     * indices) to -inf, and that token's log-probability, come back. Only where
     * {@link #bestTokensInSession()}.
     */
    default BestTokens stepBestTokens(long[] tokens, int[][] bans) {
        throw new UnsupportedOperationException(getClass().getSimpleName() + " computes no best tokens");
    }

    /**
     * Keeps the rows named by {@code rows}, in that order; an index may appear more than once
     * (beam expansion) and omitted rows are dropped. Afterwards row {@code i} is old row
     * {@code rows[i]}.
     */
    void select(int[] rows);

    @Override
    void close();
}
