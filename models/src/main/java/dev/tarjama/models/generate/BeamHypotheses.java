package dev.tarjama.models.generate;

import java.util.ArrayList;
import java.util.List;

/** Finished hypotheses of one source row, kept exactly as HF's {@code BeamHypotheses} keeps them. */
final class BeamHypotheses {

    record Hypothesis(long[] ids, double score, double sumLogprobs, boolean endedWithEos) {}

    private final int capacity;
    private final double lengthPenalty;
    private final EarlyStopping earlyStopping;
    private final int maxLength;
    private final List<Hypothesis> kept = new ArrayList<>();
    // HF starts from 1e9, not +inf; kept for identical behaviour.
    private double worstScore = 1e9;

    /** {@code maxLength} is the row's max length (decoder start included), which bounds {@code "never"}. */
    BeamHypotheses(int capacity, double lengthPenalty, EarlyStopping earlyStopping, int maxLength) {
        this.capacity = capacity;
        this.lengthPenalty = lengthPenalty;
        this.earlyStopping = earlyStopping;
        this.maxLength = maxLength;
    }

    int size() {
        return kept.size();
    }

    void add(long[] ids, double sumLogprobs, int generatedLength, boolean endedWithEos) {
        double score = sumLogprobs / Math.pow(generatedLength, lengthPenalty);
        if (kept.size() < capacity || score > worstScore) {
            kept.add(new Hypothesis(ids, score, sumLogprobs, endedWithEos));
            if (kept.size() > capacity) {
                // The first minimum is the earliest added among equal worst scores, as HF's sort of (score, index).
                int worst = 0;
                for (int i = 1; i < kept.size(); i++) {
                    if (kept.get(i).score() < kept.get(worst).score()) {
                        worst = i;
                    }
                }
                kept.remove(worst);
                worstScore = kept.get(0).score();
                for (Hypothesis h : kept) {
                    worstScore = Math.min(worstScore, h.score());
                }
            } else {
                worstScore = Math.min(score, worstScore);
            }
        }
    }

    /**
     * Whether no running beam can beat the kept hypotheses. {@code curLen} is the length before
     * this step's tokens are appended, i.e. the generated length of this step's candidates.
     */
    boolean isDone(double bestCandidateSum, int curLen) {
        if (kept.size() < capacity) {
            return false;
        }
        if (earlyStopping == EarlyStopping.WHEN_FULL) {
            return true;
        }
        // HF's highest attainable score. "never" with a positive penalty divides by the longest
        // generated length a beam can still reach (max length minus the decoder start), as HF's
        // is_done does; otherwise by this step's generated length.
        int generated = earlyStopping == EarlyStopping.NEVER && lengthPenalty > 0 ? maxLength - 1 : curLen;
        return worstScore >= bestCandidateSum / Math.pow(generated, lengthPenalty);
    }

    /** The highest score; the one added last wins ties (HF pops the end of a stable sort). */
    Hypothesis best() {
        Hypothesis best = null;
        for (Hypothesis h : kept) {
            if (best == null || h.score() >= best.score()) {
                best = h;
            }
        }
        return best;
    }
}
