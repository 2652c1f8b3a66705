package dev.tarjama.models.generate;

/**
 * Numerics shared by the searches, exactly as docs/generation.md "Numerics" states.
 *
 * <p>The float64 exponential is computed here instead of by {@link Math#exp}: every step takes one
 * per vocabulary entry and row (62,834 per row for opus-mt-ar-en, four rows per sentence in beam
 * search), and {@code Math.exp} made that the largest Java cost of a step. {@link #exp} is the
 * textbook table method (2^(j/256) times a degree-4 polynomial on a reduced argument) within about
 * 4 ulp of the exact value, about four times faster (docs/benchmarks.md, "Where a step's time
 * goes"); the sums it feeds are float64 sums of float64 exponentials as before.
 */
final class Scores {

    private static final double[] TWO_TO_J_256 = new double[256];
    private static final double INV_LN2_256 = 256 / Math.log(2);
    /** ln(2)/256 in two parts: the high one has trailing zeros, so {@code k * HIGH} is exact. */
    private static final double LN2_256_HIGH = 0x1.62e42fee00000p-9;
    private static final double LN2_256_LOW = 0x1.a39ef35793c76p-41;
    /** Adding and subtracting 1.5 * 2^52 rounds a double of modest size to an integer. */
    private static final double ROUND = 0x1.8p52;
    /** Below this, 2^(k/256) leaves the normal range: {@link Math#exp} handles the tail. */
    private static final double NORMAL_LIMIT = -708;

    static {
        for (int j = 0; j < TWO_TO_J_256.length; j++) {
            TWO_TO_J_256[j] = StrictMath.pow(2, j / 256.0);
        }
    }

    private Scores() {}

    /**
     * {@code e^d} for {@code d <= 0} (the shifted logits), within a few ulp; other arguments (and
     * the subnormal tail) go to {@link Math#exp}. NaN stays NaN, {@code -Infinity} gives 0.
     */
    static double exp(double d) {
        if (!(d <= 0 && d >= NORMAL_LIMIT)) {
            return Math.exp(d);
        }
        double kd = (d * INV_LN2_256 + ROUND) - ROUND;
        long k = (long) kd;
        double r = (d - kd * LN2_256_HIGH) - kd * LN2_256_LOW;
        // |r| <= ln(2)/512, so the next term (r^5/120) is below 4e-17.
        double p = 1 + r * (1 + r * (0.5 + r * (1.0 / 6 + r * (1.0 / 24))));
        return TWO_TO_J_256[(int) (k & 255)] * p * Double.longBitsToDouble(((k >> 8) + 1023) << 52);
    }

    /** {@code log(sum(exp(x - max)))} in double, with the shift returned through {@code max}. */
    static double logSumShifted(float[] x, float max) {
        double sum = 0;
        for (float v : x) {
            sum += exp((double) v - max);
        }
        return Math.log(sum);
    }

    static float max(float[] x) {
        float max = Float.NEGATIVE_INFINITY;
        for (float v : x) {
            if (v > max) {
                max = v;
            }
        }
        return max;
    }

    /** Overwrites {@code x} with its log-softmax; the caller owns {@code x}. */
    static void logSoftmaxInPlace(float[] x) {
        float max = max(x);
        double logSum = logSumShifted(x, max);
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) (((double) x[i] - max) - logSum);
        }
    }

    /** The log-softmax value of {@code x[index]} without materialising the whole row. */
    static float logSoftmaxAt(float[] x, int index) {
        return logSoftmaxAt(x, index, max(x));
    }

    /**
     * The same with the row maximum known, e.g. {@code x[argmax(x)]}: greedy search has just found
     * it, which saves a pass over the vocabulary.
     */
    static float logSoftmaxAt(float[] x, int index, float max) {
        return (float) (((double) x[index] - max) - logSumShifted(x, max));
    }

    /** Index of the largest value; the lowest index wins ties. */
    static int argmax(float[] x) {
        int best = 0;
        float bestValue = x[0];
        for (int i = 1; i < x.length; i++) {
            if (x[i] > bestValue) {
                bestValue = x[i];
                best = i;
            }
        }
        return best;
    }
}
