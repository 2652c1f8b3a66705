package dev.tarjama.models.generate;

/**
 * Log-softmax of the processed scores, so that bans and forced tokens leave a distribution again
 * (HF's {@code LogitNormalization}, added by {@code renormalize_logits}); the last processor.
 */
public final class LogitNormalization implements LogitsProcessor {

    @Override
    public float[] process(long[] history, int length, int maxLength, float[] scores) {
        return processOwned(history, length, maxLength, scores.clone());
    }

    @Override
    public float[] processOwned(long[] history, int length, int maxLength, float[] scores) {
        Scores.logSoftmaxInPlace(scores);
        return scores;
    }
}
