package dev.tarjama.jobs.batch;

import dev.tarjama.jobs.config.JobConfig;
import dev.tarjama.jobs.exec.ModelCache;
import dev.tarjama.jobs.exit.CommitRefused;
import dev.tarjama.jobs.exit.JobFailure;
import dev.tarjama.jobs.exit.NoInput;
import dev.tarjama.jobs.exit.UsageException;
import dev.tarjama.jobs.prepare.Status;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import org.apache.hadoop.fs.Path;
import org.apache.spark.SparkContext;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The translate job, driver side: resolves the {@link RunPlan}, runs the {@link RunExecution}
 * stages, and writes the {@link RunReport} beside the data, also when the run fails or the JVM is
 * shut down under it. A run refused before it wrote anything (bad configuration, no input) leaves
 * no report: nothing of it exists.
 */
public final class BatchJob {
    private static final Logger LOG = LoggerFactory.getLogger(BatchJob.class);
    /** How long an interrupted run waits for its cancelled Spark jobs before removing their staging. */
    private static final Duration CANCEL_WAIT = Duration.ofSeconds(10);

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
        SparkContext sc = spark.sparkContext();
        RunPlan plan = RunPlan.resolve(config, options, sc.getConf().getInt("spark.task.cpus", 1), started);
        LOG.info("run {}: summaries en={} ar={} ({})", plan.runId(), plan.summaries().en().key(),
                plan.summaries().ar().key(), plan.summaries().reason());
        LOG.info("run {}: input {} -> output {} ({} mode), model {}", plan.runId(), plan.inputPath(),
                plan.outputPath(), plan.mode(), plan.modelDir());
        StageClock clock = new StageClock();
        sc.setJobGroup(plan.runId(), "tarjama run " + plan.runId(), false);
        ShutdownGuard guard = ShutdownGuard.install(() -> interrupted(plan, clock, started));
        try {
            RunExecution.Executed executed = new RunExecution(spark, config, plan, clock, options.force()).run();
            if (!guard.claimEnd()) {
                throw new JobFailure("run " + plan.runId() + " was interrupted by a JVM shutdown");
            }
            deleteQuietly(plan.stagingDir());
            RunReport report = new ReportAssembler(config, plan, clock).finished(executed, sc);
            write(report, plan.reportPath());
            LOG.info(String.format("run %s done: %d articles, ok %d, partial %d, skipped %d, failed %d;"
                            + " %.2f articles/s translated; report %s", plan.runId(), report.inputRecords(),
                    report.count(Status.OK), report.count(Status.PARTIAL), report.count(Status.SKIPPED),
                    report.count(Status.FAILED), report.throughput().articlesPerS(), plan.reportPath()));
            if (!executed.written().committed()) {
                throw new CommitRefused("run " + plan.runId() + " refused to commit: " + report.error()
                        + "; report " + plan.reportPath());
            }
            return report;
        } catch (CommitRefused refused) {
            throw refused; // its report is written: the run's full account, status commit_refused
        } catch (UsageException | NoInput refused) {
            guard.claimEnd();
            throw refused; // raised before the run wrote anything: it leaves nothing, not even a report
        } catch (Exception e) { // Spark rethrows task failures as the checked SparkException
            if (guard.claimEnd()) {
                // A scheduler reads the report either way: say what failed, next to the data left intact.
                String cause = rootMessage(e);
                writeFailureReport(ReportAssembler.ended(plan.runId(), started, RunReport.FAILED, cause, clock,
                        config), plan.reportPath());
                deleteQuietly(plan.stagingDir());
            }
            if (e instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new JobFailure("run " + plan.runId() + " failed: " + rootMessage(e), e);
        } finally {
            guard.close();
            sc.clearJobGroup();
        }
    }

    /**
     * The JVM is shutting down under the run: stop its Spark jobs, say so in its report, and remove
     * its staging, unless the table write had begun (then the staging belongs to that commit).
     */
    private void interrupted(RunPlan plan, StageClock clock, Instant started) {
        String stage = clock.current() == null ? "between stages" : "in the " + clock.current() + " stage";
        String why = "interrupted " + stage + ": the JVM was shut down (SIGTERM or SIGINT) before the run finished";
        LOG.error("run {} {}", plan.runId(), why);
        SparkContext sc = spark.sparkContext();
        sc.cancelJobGroup(plan.runId());
        writeFailureReport(ReportAssembler.ended(plan.runId(), started, RunReport.INTERRUPTED, why, clock, config),
                plan.reportPath());
        long deadline = System.nanoTime() + CANCEL_WAIT.toNanos();
        while (sc.statusTracker().getActiveJobIds().length > 0 && System.nanoTime() < deadline) {
            sleep(100);
        }
        if (RunExecution.WRITE.equals(clock.current())) {
            LOG.warn("run {}: the table write had begun; its staging {} is left for the commit", plan.runId(),
                    plan.stagingDir());
        } else {
            deleteQuietly(plan.stagingDir());
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
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
            LOG.error("run {} {}: {}; report {}", report.runId(), report.status(), report.error(), path);
        } catch (IOException | RuntimeException writeError) {
            LOG.error("run {} {}: {}; the report could not be written to {}: {}", report.runId(), report.status(),
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
