package dev.tarjama.models.generate;

/** Makes tokens already in the history less likely (HF's {@code RepetitionPenaltyLogitsProcessor}). */
public final class RepetitionPenalty implements LogitsProcessor {

    private final float penalty;

    public RepetitionPenalty(double penalty) {
        if (!Double.isFinite(penalty) || penalty <= 0) {
            throw new IllegalArgumentException("repetition penalty must be a finite number > 0, got "
                    + penalty);
        }
        // float32 arithmetic, as on HF's float32 tensors.
        this.penalty = (float) penalty;
    }

    @Override
    public float[] process(long[] history, int length, int maxLength, float[] scores) {
        if (length == 0 || penalty == 1f) {
            return scores;
        }
        float[] out = scores.clone();
        for (int i = 0; i < length; i++) {
            int t = LogitsProcessor.index(history[i], scores);
            // Reading the input, not out, applies the penalty once per distinct token.
            float s = scores[t];
            out[t] = s < 0 ? s * penalty : s / penalty;
        }
        return out;
    }

    @Override
    public float[] processOwned(long[] history, int length, int maxLength, float[] scores) {
        if (length == 0 || penalty == 1f) {
            return scores;
        }
        // In place, a repeated token must not be penalised twice: remember the original values.
        int[] tokens = new int[length];
        float[] originals = new float[length];
        for (int i = 0; i < length; i++) {
            tokens[i] = LogitsProcessor.index(history[i], scores);
            originals[i] = scores[tokens[i]];
        }
        for (int i = 0; i < length; i++) {
            float s = originals[i];
            scores[tokens[i]] = s < 0 ? s * penalty : s / penalty;
        }
        return scores;
    }
}
