package dev.tarjama.models.generate;

import java.util.function.IntConsumer;

/** Bans tokens that would repeat an n-gram of the history (HF's {@code NoRepeatNGramLogitsProcessor}). */
public final class NoRepeatNgram implements LogitsProcessor {

    private final int size;

    public NoRepeatNgram(int size) {
        if (size < 1) {
            throw new IllegalArgumentException("no-repeat n-gram size must be >= 1, got " + size);
        }
        this.size = size;
    }

    @Override
    public float[] process(long[] history, int length, int maxLength, float[] scores) {
        return apply(history, length, scores, false);
    }

    @Override
    public float[] processOwned(long[] history, int length, int maxLength, float[] scores) {
        return apply(history, length, scores, true);
    }

    @Override
    public boolean onlyBans(long[] history, int length, int maxLength, int vocab, IntConsumer banned) {
        if (length < size) {
            return true;
        }
        int prefixStart = length - (size - 1);
        for (int start = 0; start + size <= length; start++) {
            if (matches(history, start, prefixStart, size - 1)) {
                long token = history[start + size - 1];
                if (token < 0 || token >= vocab) {
                    return false;
                }
                banned.accept((int) token);
            }
        }
        return true;
    }

    private float[] apply(long[] history, int length, float[] scores, boolean owned) {
        if (length < size) {
            return scores;
        }
        int prefixStart = length - (size - 1);
        float[] out = scores;
        boolean writable = owned;
        for (int start = 0; start + size <= length; start++) {
            if (matches(history, start, prefixStart, size - 1)) {
                int banned = LogitsProcessor.index(history[start + size - 1], scores);
                if (!writable) {
                    out = scores.clone();
                    writable = true;
                }
                out[banned] = Float.NEGATIVE_INFINITY;
            }
        }
        return out;
    }

    private static boolean matches(long[] history, int a, int b, int count) {
        for (int i = 0; i < count; i++) {
            if (history[a + i] != history[b + i]) {
                return false;
            }
        }
        return true;
    }
}
