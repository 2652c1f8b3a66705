package dev.tarjama.models.generate;

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
