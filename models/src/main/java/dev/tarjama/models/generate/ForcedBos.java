package dev.tarjama.models.generate;

import java.util.Arrays;

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
