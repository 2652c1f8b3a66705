package dev.tarjama.models.generate;

import java.util.Arrays;

/**
 * One generated sequence.
 *
 * @param ids generated token ids after the decoder start, EOS included if produced
 * @param score mean log-probability of the generated tokens (processed scores, see
 *     docs/generation.md)
 * @param endedWithEos whether the sequence ended with EOS rather than at max length
 * @param steps decoder steps this row took part in
 */
public record Generation(long[] ids, double score, boolean endedWithEos, int steps) {

    public Generation {
        ids = ids.clone();
    }

    @Override
    public long[] ids() {
        return ids.clone();
    }

    /** Number of generated tokens. */
    public int length() {
        return ids.length;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Generation g
                && Arrays.equals(ids, g.ids)
                && Double.compare(score, g.score) == 0
                && endedWithEos == g.endedWithEos
                && steps == g.steps;
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(ids) + Double.hashCode(score) + (endedWithEos ? 1 : 0) + 7 * steps;
    }

    @Override
    public String toString() {
        return "Generation{ids=" + Arrays.toString(ids) + ", score=" + score
                + ", endedWithEos=" + endedWithEos + ", steps=" + steps + '}';
    }
}
