package dev.tarjama.jobs.batch;

import dev.tarjama.jobs.exec.ModelCache;
import dev.tarjama.jobs.exit.JobFailure;
import dev.tarjama.jobs.config.JobConfig;
import dev.tarjama.jobs.prepare.Status;
import java.io.IOException;
import java.time.Instant;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The translate job, driver side: resolves the {@link RunPlan}, runs the {@link RunExecution}
 * stages, and writes the {@link RunReport} beside the data, also when the run fails.
 */
public final class BatchJob {
    private static final Logger LOG = LoggerFactory.getLogger(BatchJob.class);

    private final SparkSession spark;
    private final JobConfig config;
    private final JobOptions options;

    public BatchJob(SparkSession spark, JobConfig config, JobOptions options) {
        this.spark = spark;
        this.config = config;
        this.options = options;
    }

    /** Runs the job and returns its report (also written beside the data). */
    public RunReport run() {
        Instant started = Instant.now();
        int taskCpus = spark.sparkContext().getConf().getInt("spark.task.cpus", 1);
        RunPlan plan = RunPlan.resolve(config, options, taskCpus, started);
        LOG.info("run {}: summaries en={} ar={} ({})", plan.runId(), plan.summaries().en().key(),
                plan.summaries().ar().key(), plan.summaries().reason());
        LOG.info("run {}: input {} -> output {} ({} mode), model {}", plan.runId(), plan.inputPath(),
                plan.outputPath(), plan.mode(), plan.modelDir());
        StageClock clock = new StageClock();
        try {
            RunExecution.Executed executed = new RunExecution(spark, config, plan, clock).run();
            deleteQuietly(plan.stagingDir());
            RunReport report = new ReportAssembler(config, plan, clock).finished(executed, spark.sparkContext());
            write(report, plan.reportPath());
            LOG.info(String.format("run %s done: %d articles, ok %d, partial %d, skipped %d, failed %d;"
                            + " %.2f articles/s translated; report %s", plan.runId(), report.inputRecords(),
                    report.count(Status.OK), report.count(Status.PARTIAL), report.count(Status.SKIPPED),
                    report.count(Status.FAILED), report.throughput().articlesPerS(), plan.reportPath()));
            return report;
        } catch (Exception e) { // Spark rethrows task failures as the checked SparkException
            // A scheduler reads the report either way: say what failed, next to the data left intact.
            String cause = rootMessage(e);
            writeFailureReport(ReportAssembler.ended(plan.runId(), started, RunReport.FAILED, cause, clock, config),
                    plan.reportPath());
            deleteQuietly(plan.stagingDir());
            if (e instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new JobFailure("run " + plan.runId() + " failed: " + cause, e);
        }
    }

    /** Closes the models this JVM loaded (the driver is also the executor in local mode). */
    public static void releaseModels() {
        ModelCache.closeAll();
    }

    /** The innermost cause's message: what went wrong, without Spark's stage and task wrapping. */
    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + ": " + root.getMessage();
    }

    private void write(RunReport report, String path) {
        try {
            report.writeTo(path, spark.sparkContext().hadoopConfiguration());
        } catch (IOException e) {
            throw new JobFailure("cannot write the run report to " + path + ": " + e.getMessage(), e);
        }
    }

    private void writeFailureReport(RunReport report, String path) {
        try {
            report.writeTo(path, spark.sparkContext().hadoopConfiguration());
            LOG.error("run {} failed: {}; report {}", report.runId(), report.error(), path);
        } catch (IOException | RuntimeException writeError) {
            LOG.error("run {} failed: {}; the failure report could not be written to {}: {}", report.runId(),
                    report.error(), path, writeError.getMessage());
        }
    }

    private void deleteQuietly(String path) {
        try {
            Path p = new Path(path);
            p.getFileSystem(spark.sparkContext().hadoopConfiguration()).delete(p, true);
        } catch (IOException e) {
            LOG.warn("could not delete staging folder {}: {}", path, e.getMessage());
        }
    }
}
