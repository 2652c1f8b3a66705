package dev.tarjama.models.generate;

import java.util.function.IntConsumer;

/** Bans EOS while the row is shorter than the minimum (HF's {@code MinLengthLogitsProcessor}). */
public final class MinLength implements LogitsProcessor {

    private final int minLength;
    private final long eosTokenId;

    public MinLength(int minLength, long eosTokenId) {
        if (minLength < 0) {
            throw new IllegalArgumentException("min length must be >= 0, got " + minLength);
        }
        if (eosTokenId < 0) {
            throw new IllegalArgumentException("EOS token id must be >= 0, got " + eosTokenId);
        }
        this.minLength = minLength;
        this.eosTokenId = eosTokenId;
    }

    @Override
    public float[] process(long[] history, int length, int maxLength, float[] scores) {
        if (length >= minLength) {
            return scores;
        }
        float[] out = scores.clone();
        out[LogitsProcessor.index(eosTokenId, scores)] = Float.NEGATIVE_INFINITY;
        return out;
    }

    @Override
    public boolean onlyBans(long[] history, int length, int maxLength, int vocab, IntConsumer banned) {
        if (length < minLength) {
            if (eosTokenId >= vocab) {
                return false;
            }
            banned.accept((int) eosTokenId);
        }
        return true;
    }

    @Override
    public float[] processOwned(long[] history, int length, int maxLength, float[] scores) {
        if (length < minLength) {
            scores[LogitsProcessor.index(eosTokenId, scores)] = Float.NEGATIVE_INFINITY;
        }
        return scores;
    }
}
