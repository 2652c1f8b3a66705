package dev.tarjama.models.generate;

import java.util.function.IntConsumer;

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

    /** Bans nothing before the last position; there it forces, which is no ban. */
    @Override
    public boolean onlyBans(long[] history, int length, int maxLength, int vocab, IntConsumer banned) {
        return length != maxLength - 1;
    }

    @Override
    public float[] processOwned(long[] history, int length, int maxLength, float[] scores) {
        return length == maxLength - 1 ? ForcedBos.forced(eosTokenId, scores) : scores;
    }
}
