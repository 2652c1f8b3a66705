package dev.tarjama.models.generate;

import java.util.Arrays;
import java.util.function.IntConsumer;

/** Checks shared by the search strategies. */
final class Generations {

    private Generations() {}

    static void checkInputs(long[][] inputIds) {
        if (inputIds == null) {
            throw new IllegalArgumentException("inputIds must not be null");
        }
        for (int i = 0; i < inputIds.length; i++) {
            if (inputIds[i] == null || inputIds[i].length == 0) {
                throw new IllegalArgumentException("input row " + i + " is empty");
            }
        }
    }

    /** One decoder step, with the shape checked so a broken model fails loudly, not subtly. */
    static float[][] step(DecoderSession session, long[] tokens, int vocabSize) {
        return checked(session.step(tokens), tokens, vocabSize);
    }

    /** The same for {@link DecoderSession#stepLogSoftmax}. */
    static float[][] stepLogSoftmax(DecoderSession session, long[] tokens, int vocabSize) {
        return checked(session.stepLogSoftmax(tokens), tokens, vocabSize);
    }

    /**
     * Each row's banned vocabulary indices, sorted and distinct, if the processors only ban on every
     * row this step ({@link LogitsProcessor#onlyBans}); null if any row needs its whole processed
     * row.
     */
    static int[][] bans(LogitsProcessor processors, int vocab, long[][] histories, int[] lengths, int[] maxLengths) {
        int[][] bans = new int[histories.length][];
        int[][] buffer = {new int[16]};
        int[] count = new int[1];
        IntConsumer add = v -> {
            if (count[0] == buffer[0].length) {
                buffer[0] = Arrays.copyOf(buffer[0], 2 * count[0]);
            }
            buffer[0][count[0]++] = v;
        };
        for (int r = 0; r < histories.length; r++) {
            count[0] = 0;
            if (!processors.onlyBans(histories[r], lengths[r], maxLengths[r], vocab, add)) {
                return null;
            }
            bans[r] = Arrays.stream(buffer[0], 0, count[0]).sorted().distinct().toArray();
        }
        return bans;
    }

    static int longest(int[][] rows) {
        int longest = 0;
        for (int[] row : rows) {
            longest = Math.max(longest, row.length);
        }
        return longest;
    }

    /** A step's row count against the live rows. */
    static void checkRows(int returned, int liveRows) {
        if (returned != liveRows) {
            throw new IllegalStateException("decoder returned " + returned + " rows for " + liveRows + " live rows");
        }
    }

    private static float[][] checked(float[][] logits, long[] tokens, int vocabSize) {
        if (logits.length != tokens.length) {
            throw new IllegalStateException("decoder returned " + logits.length + " logit rows for "
                    + tokens.length + " live rows");
        }
        for (float[] row : logits) {
            if (row.length != vocabSize) {
                throw new IllegalStateException("decoder returned a logits row of " + row.length
                        + " entries; the model's vocabulary has " + vocabSize);
            }
        }
        return logits;
    }
}
