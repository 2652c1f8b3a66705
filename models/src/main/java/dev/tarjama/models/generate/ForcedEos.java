package dev.tarjama.models.generate;

/** Forces EOS as the last token a row can get (HF's {@code ForcedEOSTokenLogitsProcessor}). */
public final class ForcedEos implements LogitsProcessor {

    private final long eosTokenId;

    public ForcedEos(long eosTokenId) {
        if (eosTokenId < 0) {
            throw new IllegalArgumentException("forced EOS token id must be >= 0, got " + eosTokenId);
        }
        this.eosTokenId = eosTokenId;
    }

    @Override
    public float[] process(long[] history, int length, int maxLength, float[] scores) {
        if (length != maxLength - 1) {
            return scores;
        }
        return ForcedBos.forced(eosTokenId, new float[scores.length]);
    }

    @Override
    public float[] processOwned(long[] history, int length, int maxLength, float[] scores) {
        return length == maxLength - 1 ? ForcedBos.forced(eosTokenId, scores) : scores;
    }
}
