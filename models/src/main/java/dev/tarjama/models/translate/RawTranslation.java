package dev.tarjama.models.translate;

/**
 * One text sent to the model as it is (no cleaning, no splitting).
 *
 * @param text the decoded English, special tokens skipped
 * @param ids generated ids after the decoder start, EOS included if produced
 * @param score mean token log-probability
 * @param endedWithEos false when generation stopped at the length limit
 * @param sourceTokens tokens fed to the encoder, EOS included
 * @param stoppedByLength a length limit ended it (no EOS, or the forced one); see docs/generation.md
 */
public record RawTranslation(String text, long[] ids, double score, boolean endedWithEos, int sourceTokens,
                             boolean stoppedByLength) {

    public RawTranslation {
        ids = ids.clone();
    }

    @Override
    public long[] ids() {
        return ids.clone();
    }
}
