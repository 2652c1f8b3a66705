package dev.tarjama.jobs.cli;

import dev.tarjama.jobs.batch.BatchJob;
import dev.tarjama.jobs.batch.JobOptions;
import dev.tarjama.jobs.batch.RunPlan;
import dev.tarjama.jobs.batch.RunReport;
import dev.tarjama.jobs.config.ConfigKey;
import dev.tarjama.jobs.config.JobConfig;
import dev.tarjama.jobs.exit.ExitCode;
import dev.tarjama.jobs.exit.ExitException;
import dev.tarjama.jobs.exit.FailureThresholdExceeded;
import dev.tarjama.jobs.exit.JobFailure;
import dev.tarjama.models.hub.CatalogEntry;
import dev.tarjama.models.onnx.Precision;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import scala.Tuple2;

/**
 * {@code tarjama run}: the batch job (docs/batch-job.md). Its exit codes and its last stdout line,
 * one JSON object ({@link RunResult}), are the scheduler contract.
 */
@Command(name = "run", sortOptions = false,
        description = {"Run the batch job: read articles, translate them on Spark, write Parquet and a run report.",
            "Configuration layers, later wins: defaults < --conf FILE < spark.tarjama.* < --input/--output < --set.",
            "The last line on stdout is one JSON object: run_id, status, exit_code, counts, report, output, seconds."})
public final class RunCommand implements Callable<Integer> {
    /** The configuration file used when {@code --conf} is not given: the installation's, if it exists. */
    public static final String DEFAULT_CONF = "conf/tarjama.properties";


    @Spec
    private CommandSpec spec;

    @Option(names = "--conf", paramLabel = "FILE",
            description = "Properties file of job keys, instead of the installation's conf/tarjama.properties."
                    + " Relative paths in it and on this command line are the working directory's.")
    private Path confFile;

    @Option(names = "--input", paramLabel = "PATH", description = "File or folder to read (= --set input.path=PATH).")
    private String input;

    @Option(names = "--output", paramLabel = "PATH", description = "The table folder (= --set output.path=PATH).")
    private String output;

    @Mixin
    private SetOption set;

    @Option(names = "--smoke", description = "Translate with the bundled tiny random-weight model"
            + " (model.smoke.dir); the output is NOT a translation and every row says smoke:.")
    private boolean smoke;

    @Option(names = "--run-id", paramLabel = "ID", description = "The run's id, naming <output>/_runs/ID/ (1-128 of"
            + " letters, digits, . _ + -). Default: run-<UTC time>-<random>. Use a new id per attempt.")
    private String runId;

    @Option(names = "--report-file", paramLabel = "PATH",
            description = "Also copy the run report to PATH (any Hadoop file system), also when the run failed.")
    private String reportFile;

    @Mixin
    private FetchOptions fetch;

    @Option(names = "--force", description = "Commit even when more than output.max_downgrade_rate of the existing"
            + " ok rows this run replaces would become partial, failed or skipped (otherwise: exit 4, table untouched).")
    private boolean force;

    @Override
    public Integer call() {
        long start = System.nanoTime();
        // The id is fixed here, not by the job, so that a failed run's report can be found and quoted.
        String id = runId != null ? runId : RunPlan.newRunId(Instant.now());
        String outputPath = output;
        RunReport report = null;
        String reportPath = null;
        Configuration hadoop = new Configuration();
        try {
            JobOptions options = JobOptions.defaults(smoke).withRunId(id).withForce(force);
            SparkConf sparkConf = new SparkConf();
            JobConfig config = config(sparkConf);
            outputPath = config.string(ConfigKey.OUTPUT_PATH);
            reportPath = outputPath + "/_runs/" + id + "/report.json"; // RunPlan.reportPath()
            RunPlan.modelDir(config, smoke); // fail fast, before Spark starts
            RunPlan.summaryPlan(config, 1);
            SparkSession spark = session(sparkConf, config);
            hadoop = spark.sparkContext().hadoopConfiguration();
            try {
                report = new BatchJob(spark, config, options).run();
            } finally {
                BatchJob.releaseModels();
                spark.stop();
            }
            String copied = copyReport(report, hadoop);
            if (report.failedThreshold()) {
                FailureThresholdExceeded over = new FailureThresholdExceeded(String.format(Locale.ROOT,
                        "%.1f%% of the articles failed, above run.max_failure_rate=%s; the rows are committed;"
                                + " see %s", 100 * report.failureRate(), config.string(ConfigKey.RUN_MAX_FAILURE_RATE),
                        reportPath));
                printResult(RunResult.of(id, report, reportPath, copied, outputPath, over.exitCode(), seconds(start), null));
                throw over;
            }
            printResult(RunResult.of(id, report, reportPath, copied, outputPath, ExitCode.OK, seconds(start), null));
            return ExitCode.OK;
        } catch (RuntimeException e) {
            if (e instanceof FailureThresholdExceeded) {
                throw e;
            }
            // The job wrote a failure report when it got that far; quote it and copy it too.
            RunReport failed = report != null ? report : reportPath == null ? null : ReportFiles.read(reportPath, hadoop);
            String copied = null;
            try {
                copied = failed == null ? null : copyReport(failed, hadoop);
            } catch (RuntimeException copyError) {
                e.addSuppressed(copyError);
            }
            int code = e instanceof ExitException exit ? exit.exitCode() : ExitCode.FAILURE;
            printResult(RunResult.of(id, failed, failed == null ? null : reportPath, copied, outputPath, code,
                    seconds(start), e.getMessage() != null ? e.getMessage() : e.toString()));
            throw e;
        }
    }

    /** The configuration of this run: the installation's defaults, then the caller's layers. */
    private JobConfig config(SparkConf sparkConf) {
        JobConfig.Builder builder = JobConfig.builder();
        Optional<Installation> installation = Installation.current();
        if (installation.isPresent()) {
            installation.get().layerDefaults(builder, confFile == null);
        } else if (confFile == null && Files.isRegularFile(Path.of(DEFAULT_CONF))) {
            builder.file(Path.of(DEFAULT_CONF));
        }
        builder.file(confFile).sparkConf(sparkSettings(sparkConf));
        if (input != null) {
            builder.set(ConfigKey.INPUT_PATH, input, "--input");
        }
        if (output != null) {
            builder.set(ConfigKey.OUTPUT_PATH, output, "--output");
        }
        JobConfig config = builder.sets(set.assignments()).build();
        Optional<Path> firstUse = defaultModel(config, sparkConf);
        return firstUse.isEmpty() ? config : builder.set(ConfigKey.MODEL_TRANSLATION_DIR, firstUse.get().toString(),
                "the default model in the Hugging Face cache").build();
    }

    /**
     * The first-run fetch: when the translation model folder is the default one and missing, and
     * the executors share this machine's disk (a local master), the catalog's default model from
     * the Hugging Face cache, fetched there on first use. A folder configured elsewhere is never
     * replaced by another model; its absence stays the error {@link RunPlan#modelDir} gives.
     */
    private Optional<Path> defaultModel(JobConfig config, SparkConf sparkConf) {
        String dir = config.string(ConfigKey.MODEL_TRANSLATION_DIR);
        String builtIn = ConfigKey.MODEL_TRANSLATION_DIR.defaultValue();
        boolean isDefault = dir.equals(builtIn)
                || dir.equals(Installation.current().map(i -> i.resolve(builtIn)).orElse(builtIn));
        String master = sparkConf.get("spark.master", config.string(ConfigKey.EXEC_MASTER));
        if (smoke || !isDefault || Files.exists(Path.of(dir)) || !master.startsWith("local")) {
            return Optional.empty();
        }
        try {
            return fetch.defaultModel(CatalogEntry.Task.TRANSLATION,
                    Precision.parse(config.string(ConfigKey.MODEL_TRANSLATION_PRECISION)), spec.commandLine().getErr());
        } catch (IOException e) {
            throw new JobFailure("the default translation model could not be fetched: " + e.getMessage(), e);
        }
    }

    private static SparkSession session(SparkConf sparkConf, JobConfig config) {
        SparkSession.Builder session = SparkSession.builder().appName("tarjama-run").config(sparkConf)
                .config("spark.sql.session.timeZone", "UTC");
        if (!sparkConf.contains("spark.master")) {
            session.master(config.string(ConfigKey.EXEC_MASTER));
            session.config("spark.ui.enabled", "false");
            if (config.string(ConfigKey.EXEC_MASTER).startsWith("local")
                    && !sparkConf.contains("spark.executor.heartbeatInterval")) {
                // Running tasks' progress reaches the driver with each heartbeat (ProgressLog); in one
                // JVM a heartbeat costs nothing, so make it fresher than the default 10 s: one per second, so that
                // even a micro-batch translated in a few seconds reports its model batches.
                session.config("spark.executor.heartbeatInterval", "1s");
            }
        }
        return session.getOrCreate();
    }

    /** Copies the report to {@code --report-file}; returns where, or null when not asked. */
    private String copyReport(RunReport report, Configuration hadoop) {
        if (reportFile == null) {
            return null;
        }
        try {
            ReportFiles.copy(report, reportFile, hadoop);
            return reportFile;
        } catch (IOException e) {
            throw new JobFailure("cannot copy the run report to --report-file " + reportFile + ": " + e.getMessage(), e);
        }
    }

    private void printResult(RunResult result) {
        spec.commandLine().getOut().println(result.toJson());
        spec.commandLine().getOut().flush();
    }

    private static double seconds(long startNanos) {
        return Math.round((System.nanoTime() - startNanos) / 1e6) / 1000.0;
    }

    private static Map<String, String> sparkSettings(SparkConf conf) {
        Map<String, String> out = new LinkedHashMap<>();
        for (Tuple2<String, String> entry : conf.getAll()) {
            out.put(entry._1(), entry._2());
        }
        return out;
    }
}
