package dev.tarjama.models.summarize;

/**
 * Immutable options of {@link ExtractiveSummarizer}; build with {@link #builder()}, every field has a
 * default (see {@code docs/summaries.md}).
 *
 * @param budget how long the summary may be
 * @param leadBias share of the random-walk restarts that favour early sentences (0 = plain TextRank,
 *     1 = restarts only by position); the rest restart uniformly
 * @param damping probability that the walk follows a similarity edge instead of restarting
 * @param similarityThreshold cosine similarity below which two sentences are not linked
 */
public record SummaryOptions(SummaryBudget budget, double leadBias, double damping, double similarityThreshold) {

    public static final SummaryBudget DEFAULT_BUDGET = SummaryBudget.sentences(3);
    public static final double DEFAULT_LEAD_BIAS = 0.5;
    public static final double DEFAULT_DAMPING = 0.85;
    public static final double DEFAULT_SIMILARITY_THRESHOLD = 0.05;

    /** Validates ranges. */
    public SummaryOptions {
        if (budget == null) {
            throw new IllegalArgumentException("budget must not be null");
        }
        if (!(leadBias >= 0 && leadBias <= 1)) {
            throw new IllegalArgumentException("leadBias must be in [0, 1], got " + leadBias);
        }
        if (!(damping >= 0 && damping < 1)) {
            throw new IllegalArgumentException("damping must be in [0, 1), got " + damping);
        }
        if (!(similarityThreshold >= 0 && similarityThreshold <= 1)) {
            throw new IllegalArgumentException("similarityThreshold must be in [0, 1], got " + similarityThreshold);
        }
    }

    /** All defaults. */
    public static SummaryOptions defaults() {
        return builder().build();
    }

    /** A builder starting from the defaults. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder starting from these options. */
    public Builder toBuilder() {
        return new Builder().optBudget(budget).optLeadBias(leadBias).optDamping(damping)
                .optSimilarityThreshold(similarityThreshold);
    }

    /** Builder for {@link SummaryOptions}; validation happens in {@link #build()}. */
    public static final class Builder {
        private SummaryBudget budget = DEFAULT_BUDGET;
        private double leadBias = DEFAULT_LEAD_BIAS;
        private double damping = DEFAULT_DAMPING;
        private double similarityThreshold = DEFAULT_SIMILARITY_THRESHOLD;

        private Builder() {}

        public Builder optBudget(SummaryBudget budget) {
            this.budget = budget;
            return this;
        }

        public Builder optLeadBias(double leadBias) {
            this.leadBias = leadBias;
            return this;
        }

        public Builder optDamping(double damping) {
            this.damping = damping;
            return this;
        }

        public Builder optSimilarityThreshold(double similarityThreshold) {
            this.similarityThreshold = similarityThreshold;
            return this;
        }

        public SummaryOptions build() {
            return new SummaryOptions(budget, leadBias, damping, similarityThreshold);
        }
    }
}
