package dev.tarjama.jobs.batch;

import dev.tarjama.jobs.batch.report.Malformed;
import dev.tarjama.jobs.batch.report.ModelLoad;
import dev.tarjama.jobs.batch.report.ModelReport;
import dev.tarjama.jobs.batch.report.OutputSection;
import dev.tarjama.jobs.batch.report.SegmentsSection;
import dev.tarjama.jobs.batch.report.SparkSection;
import dev.tarjama.jobs.batch.report.SummariesSection;
import dev.tarjama.jobs.batch.report.Throughput;
import dev.tarjama.jobs.batch.report.Tokens;
import dev.tarjama.jobs.config.ConfigKey;
import dev.tarjama.jobs.models.ModelPaths;
import dev.tarjama.jobs.config.JobConfig;
import dev.tarjama.jobs.exec.JobMetrics;
import dev.tarjama.jobs.exec.ModelUse;
import dev.tarjama.jobs.exec.SummaryPlan;
import dev.tarjama.jobs.prepare.Status;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.SparkContext;

/** Builds the {@link RunReport} of a run from its plan and what its stages produced; no Spark jobs. */
final class ReportAssembler {
    private final JobConfig config;
    private final RunPlan plan;
    private final StageClock clock;

    ReportAssembler(JobConfig config, RunPlan plan, StageClock clock) {
        this.config = config;
        this.plan = plan;
        this.clock = clock;
    }

    /** The report of a run whose stages all ran. */
    RunReport finished(RunExecution.Executed run, SparkContext sc) {
        StagedFacts staged = run.staged();
        Map<String, Long> counts = new LinkedHashMap<>();
        for (String status : List.of(Status.OK, Status.PARTIAL, Status.SKIPPED, Status.FAILED)) {
            counts.put(status, 0L);
        }
        Map<String, Long> reasons = new TreeMap<>();
        long sourceTokens = 0;
        long generatedTokens = 0;
        long modelMillis = 0;
        long segments = 0;
        long maxLengthSegments = 0;
        long maxLengthArticles = 0;
        for (StagedGroup g : staged.groups()) {
            segments += g.segments();
            maxLengthSegments += g.maxLengthSegments();
            maxLengthArticles += g.maxLengthArticles();
            counts.merge(g.status(), g.rows(), Long::sum);
            reasons.merge(g.status() + "/" + g.reason(), g.rows(), Long::sum);
            sourceTokens += g.sourceTokens();
            generatedTokens += g.generatedTokens();
            modelMillis += g.translateMs();
        }
        long translated = counts.get(Status.OK) + counts.get(Status.PARTIAL);
        long malformed = reasons.entrySet().stream().filter(e -> e.getKey().endsWith("/" + Status.MALFORMED_RECORD))
                .mapToLong(Map.Entry::getValue).sum();
        long total = run.input().records();
        double rate = total == 0 ? 0 : (double) counts.get(Status.FAILED) / total;
        double maxRate = config.decimal(ConfigKey.RUN_MAX_FAILURE_RATE);
        JobMetrics metrics = run.metrics();
        return new RunReport(
                plan.runId(),
                !run.written().committed() ? RunReport.COMMIT_REFUSED
                        : rate > maxRate ? RunReport.TOO_MANY_FAILURES : RunReport.SUCCEEDED,
                run.written().committed() ? null : run.written().downgrade().describe(),
                plan.started().toString(),
                Instant.now().toString(),
                plan.runDate().toString(),
                run.input(),
                counts,
                reasons,
                new Tokens(sourceTokens, generatedTokens),
                new SegmentsSection(segments, maxLengthSegments, maxLengthArticles, metrics.memoHits().value()),
                // model_call_seconds: time inside model calls summed over task threads, the part of the stage that is translation
                Throughput.of(translated, generatedTokens, run.translateSeconds(), modelMillis),
                new Malformed(malformed, staged.malformedSample()),
                staged.duplicates(),
                rate,
                maxRate,
                OutputSection.of(run.written(), run.ledger()),
                models(staged),
                summaries(metrics),
                modelLoads(metrics),
                metrics.modelLoadMillis().value() / 1000.0,
                new SparkSection(sc.master(), sc.applicationId(), plan.taskCpus(), run.partitions()),
                clock.finished(),
                config.effective(),
                config.origins());
    }

    /**
     * The report of a run that ended early: {@code status} ({@link RunReport#FAILED} or
     * {@link RunReport#INTERRUPTED}), why, the stages reached and the configuration.
     */
    static RunReport ended(String runId, Instant started, String status, String error, StageClock clock,
            JobConfig config) {
        return new RunReport(runId, status, error, started.toString(), Instant.now().toString(), null, null, null,
                null, null, null, null, null, null, null, null, null, null, null, null, null, null, clock.finished(),
                config.effective(), config.origins());
    }

    private List<ModelReport> models(StagedFacts staged) {
        List<ModelReport> models = new ArrayList<>();
        models.add(new ModelReport("translation", plan.modelDir(), ModelPaths.verification(plan.modelDir()),
                plan.smoke(), plan.generationHash(), staged.translationModels()));
        if (plan.summaries().abstractive() != null) {
            String dir = plan.summaries().abstractive().modelDir();
            models.add(new ModelReport("summary", dir, ModelPaths.verification(dir), null, null,
                    staged.summaryModels()));
        }
        return models;
    }

    private SummariesSection summaries(JobMetrics metrics) {
        SummaryPlan summaries = plan.summaries();
        boolean abstractive = summaries.abstractive() != null;
        // Summed over task threads, like model_call_seconds; part of the translate stage's time.
        return new SummariesSection(summaries.en().key(), summaries.ar().key(), summaries.reason(), summaries.budget(),
                abstractive ? summaries.abstractive().modelDir() : null,
                abstractive ? config.string(ConfigKey.SUMMARY_LONG_INPUT) : null,
                metrics.summaryMillis().value() / 1000.0);
    }

    private static List<ModelLoad> modelLoads(JobMetrics metrics) {
        Map<ModelUse, Long> partitions = metrics.modelPartitions().value();
        List<ModelLoad> loads = new ArrayList<>();
        metrics.modelLoads().value().forEach((use, n) -> loads.add(new ModelLoad(use.role().id(), use.model(),
                use.executorJvm(), n, partitions.getOrDefault(use, 0L))));
        return loads;
    }
}
