package dev.tarjama.models.generate;

/** Numerics shared by the searches, exactly as docs/generation.md "Numerics" states. */
final class Scores {

    private Scores() {}

    /** {@code log(sum(exp(x - max)))} in double, with the shift returned through {@code max}. */
    static double logSumShifted(float[] x, float max) {
        double sum = 0;
        for (float v : x) {
            sum += Math.exp((double) v - max);
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
        float max = max(x);
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
