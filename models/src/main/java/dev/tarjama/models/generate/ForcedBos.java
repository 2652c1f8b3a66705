package dev.tarjama.models.generate;

import java.util.Arrays;
import java.util.function.IntConsumer;

/** Forces the first generated token (HF's {@code ForcedBOSTokenLogitsProcessor}). */
public final class ForcedBos implements LogitsProcessor {

    private final long bosTokenId;

    public ForcedBos(long bosTokenId) {
        if (bosTokenId < 0) {
            throw new IllegalArgumentException("forced BOS token id must be >= 0, got " + bosTokenId);
        }
        this.bosTokenId = bosTokenId;
    }

    @Override
    public float[] process(long[] history, int length, int maxLength, float[] scores) {
        if (length != 1) {
            return scores;
        }
        return forced(bosTokenId, new float[scores.length]);
    }

    /** Bans nothing after the first position; there it forces, which is no ban. */
    @Override
    public boolean onlyBans(long[] history, int length, int maxLength, int vocab, IntConsumer banned) {
        return length != 1;
    }

    @Override
    public float[] processOwned(long[] history, int length, int maxLength, float[] scores) {
        return length == 1 ? forced(bosTokenId, scores) : scores;
    }

    /** Fills {@code out} with -inf but 0 at {@code tokenId}. */
    static float[] forced(long tokenId, float[] out) {
        int t = LogitsProcessor.index(tokenId, out);
        Arrays.fill(out, Float.NEGATIVE_INFINITY);
        out[t] = 0f;
        return out;
    }
}
