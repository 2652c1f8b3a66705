package dev.tarjama.models.generate;

import java.util.function.IntConsumer;

/**
 * A pure function of one row's history and next-token scores (docs/generation.md, "Logits
 * processors").
 *
 * <p>{@code history[0..length)} are the row's tokens so far, decoder start included, so
 * {@code length} is HF's {@code cur_len}; entries past {@code length} are ignored, which lets the
 * search reuse its buffers. {@code maxLength} is the row's own max length (decoder start included).
 * An implementation never modifies {@code scores}: it returns a new array, or {@code scores} itself
 * when nothing changes.
 */
@FunctionalInterface
public interface LogitsProcessor {

    float[] process(long[] history, int length, int maxLength, float[] scores);

    /**
     * Same result as {@link #process}, but {@code scores} belongs to the caller, who no longer needs
     * it, so it may be overwritten and returned. The searches use this to avoid copying a
     * vocabulary-sized row per processor per step.
     */
    default float[] processOwned(long[] history, int length, int maxLength, float[] scores) {
        return process(history, length, maxLength, scores);
    }

    /**
     * Whether, at this position, the processor only bans tokens: sets some scores to -inf and leaves
     * every other score as it is, whatever the scores are. If so it passes each banned vocabulary
     * index (all below {@code vocab}) to {@code banned}, possibly more than once, and returns true.
     * Beam search then needs only each row's best few entries, greedy search only each row's best
     * token (docs/generation.md, "Numerics").
     * False, the default, is always correct: the processor may change scores in other ways (or
     * names an id outside the vocabulary, which {@link #process} reports).
     */
    default boolean onlyBans(long[] history, int length, int maxLength, int vocab, IntConsumer banned) {
        return false;
    }

    /** The vocabulary index of {@code tokenId}, or a clear error when the scores row is too short. */
    static int index(long tokenId, float[] scores) {
        if (tokenId < 0 || tokenId >= scores.length) {
            throw new IllegalArgumentException(
                    "token id " + tokenId + " is outside the vocabulary of " + scores.length);
        }
        return (int) tokenId;
    }
}
