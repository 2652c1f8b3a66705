package dev.tarjama.jobs.exec;

import dev.tarjama.models.summarize.SummarizerSpec;
import dev.tarjama.models.summarize.SummaryBudget;
import dev.tarjama.models.summarize.SummaryOptions;
import java.io.Serializable;

/**
 * What the summary stage of a run does, resolved from configuration on the driver
 * ({@code RunPlan.summaryPlan}); small and serializable, it travels to executors, which load the
 * model it names once per JVM.
 *
 * @param en how {@code summary_en} is made
 * @param ar how {@code summary_ar} is made ({@link SummaryMethod#ABSTRACTIVE} is not offered: the
 *     model summarizes English)
 * @param reason why {@code en} is what it is, for the run report
 * @param budget the extractive budget as configured: {@code N sentences} or {@code N words}
 * @param abstractive the summarization model; non-null exactly when {@code en} is abstractive
 */
public record SummaryPlan(SummaryMethod en, SummaryMethod ar, String reason, String budget,
        SummarizerSpec abstractive) implements Serializable {

    public SummaryPlan {
        if (ar == SummaryMethod.ABSTRACTIVE) {
            throw new IllegalArgumentException("Arabic summaries are extractive or none");
        }
        if ((en == SummaryMethod.ABSTRACTIVE) != (abstractive != null)) {
            throw new IllegalArgumentException("a summarizer spec is needed exactly for abstractive English summaries");
        }
        options(budget); // validates
    }

    /** The extractive summarizer's options: the configured budget, everything else default. */
    public SummaryOptions options() {
        return options(budget);
    }

    private static SummaryOptions options(String budget) {
        String[] parts = budget.trim().split(" ");
        int limit = Integer.parseInt(parts[0]);
        SummaryBudget parsed = parts[1].equals("words") ? SummaryBudget.words(limit) : SummaryBudget.sentences(limit);
        return SummaryOptions.builder().optBudget(parsed).build();
    }

    /** True when either language uses the extractive summarizer. */
    public boolean needsExtractive() {
        return en == SummaryMethod.EXTRACTIVE || ar == SummaryMethod.EXTRACTIVE;
    }
}
