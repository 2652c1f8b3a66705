package dev.tarjama.models.generate;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.IntConsumer;

/** Bans token sequences from the output (HF's {@code NoBadWordsLogitsProcessor}). */
public final class BadWords implements LogitsProcessor {

    private final long[] singles;
    private final long[][] sequences;

    /**
     * Entries equal to {@code [eosTokenId]} are dropped, as HF does, so that generation can
     * always end.
     */
    public BadWords(List<long[]> badWordsIds, long eosTokenId) {
        if (badWordsIds == null) {
            throw new IllegalArgumentException("bad words must not be null");
        }
        List<Long> single = new ArrayList<>();
        List<long[]> multi = new ArrayList<>();
        for (long[] word : badWordsIds) {
            if (word == null || word.length == 0) {
                throw new IllegalArgumentException("bad words entries must be non-empty");
            }
            for (long id : word) {
                if (id < 0) {
                    throw new IllegalArgumentException("bad words entry holds a negative id: "
                            + Arrays.toString(word));
                }
            }
            if (word.length == 1) {
                if (word[0] != eosTokenId) {
                    single.add(word[0]);
                }
            } else {
                multi.add(word.clone());
            }
        }
        singles = single.stream().mapToLong(Long::longValue).toArray();
        sequences = multi.toArray(new long[0][]);
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
        for (long id : singles) {
            if (id >= vocab) {
                return false;
            }
            banned.accept((int) id);
        }
        for (long[] word : sequences) {
            int prefix = word.length - 1;
            if (word.length > length || !endsWith(history, length, word, prefix)) {
                continue;
            }
            if (word[prefix] >= vocab) {
                return false;
            }
            banned.accept((int) word[prefix]);
        }
        return true;
    }

    private float[] apply(long[] history, int length, float[] scores, boolean owned) {
        float[] out = scores;
        boolean writable = owned;
        for (long id : singles) {
            int t = LogitsProcessor.index(id, scores);
            if (!writable) {
                out = scores.clone();
                writable = true;
            }
            out[t] = Float.NEGATIVE_INFINITY;
        }
        for (long[] word : sequences) {
            int prefix = word.length - 1;
            // HF ignores a sequence longer than the history, even when its prefix would fit.
            if (word.length > length || !endsWith(history, length, word, prefix)) {
                continue;
            }
            int t = LogitsProcessor.index(word[prefix], scores);
            if (!writable) {
                out = scores.clone();
                writable = true;
            }
            out[t] = Float.NEGATIVE_INFINITY;
        }
        return out;
    }

    private static boolean endsWith(long[] history, int length, long[] word, int prefix) {
        int offset = length - prefix;
        for (int i = 0; i < prefix; i++) {
            if (history[offset + i] != word[i]) {
                return false;
            }
        }
        return true;
    }
}
