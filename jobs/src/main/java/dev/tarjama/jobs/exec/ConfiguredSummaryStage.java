package dev.tarjama.jobs.exec;

import dev.tarjama.models.summarize.AbstractiveSummarizer;
import dev.tarjama.models.summarize.ExtractiveSummarizer;

/**
 * The summary stage of a run as its {@link SummaryPlan} says: per JVM, one shared extractive
 * summarizer and (when English summaries are abstractive) one loaded BART model from
 * {@link ModelCache}; each load is counted in the run report like a translation model's.
 */
public final class ConfiguredSummaryStage implements SummaryStage {
    private final SummaryPlan plan;

    public ConfiguredSummaryStage(SummaryPlan plan) {
        this.plan = plan;
    }

    @Override
    public Batch open(JobMetrics metrics) {
        if (plan.en() == SummaryMethod.NONE && plan.ar() == SummaryMethod.NONE) {
            return rows -> { };
        }
        ExtractiveSummarizer extractive = plan.needsExtractive() ? ModelCache.extractive(plan.options()) : null;
        AbstractiveSummarizer abstractive = null;
        if (plan.abstractive() != null) {
            abstractive = ModelCache.summarizer(plan.abstractive(), (loaded, millis) ->
                    metrics.modelLoaded(ModelUse.here(ModelRole.SUMMARY, loaded.modelName()), millis));
            metrics.modelUsed(ModelUse.here(ModelRole.SUMMARY, abstractive.modelName()));
        }
        return new ArticleSummarizer(plan, extractive, abstractive, metrics.summaryMillis())::apply;
    }
}
