package dev.tarjama.jobs.cli;

import dev.tarjama.jobs.batch.BatchJob;
import dev.tarjama.jobs.batch.JobOptions;
import dev.tarjama.jobs.batch.RunPlan;
import dev.tarjama.jobs.batch.RunReport;
import dev.tarjama.jobs.config.ConfigKey;
import dev.tarjama.jobs.config.JobConfig;
import dev.tarjama.jobs.exit.ExitCode;
import dev.tarjama.jobs.exit.JobFailure;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import scala.Tuple2;

/**
 * {@code tarjama run}: the batch job (docs/batch-job.md). Its exit codes are the scheduler
 * contract of {@link ExitCode}.
 */
@Command(name = "run", sortOptions = false,
        description = {"Run the batch job: read articles, translate them on Spark, write Parquet and a run report.",
            "Configuration layers, later wins: defaults < --conf FILE < spark.tarjama.* < --input/--output < --set."})
public final class RunCommand implements Callable<Integer> {
    /** The configuration file used when {@code --conf} is not given and it exists. */
    public static final String DEFAULT_CONF = "conf/tarjama.properties";

    @Option(names = "--conf", paramLabel = "FILE",
            description = "Properties file of job keys. Default: conf/tarjama.properties when it exists.")
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

    @Override
    public Integer call() {
        if (confFile == null && Files.isRegularFile(Path.of(DEFAULT_CONF))) {
            confFile = Path.of(DEFAULT_CONF);
        }
        SparkConf sparkConf = new SparkConf();
        JobConfig.Builder builder = JobConfig.builder().file(confFile).sparkConf(sparkSettings(sparkConf));
        if (input != null) {
            builder.set(ConfigKey.INPUT_PATH, input, "--input");
        }
        if (output != null) {
            builder.set(ConfigKey.OUTPUT_PATH, output, "--output");
        }
        JobConfig config = builder.sets(set.assignments()).build();
        RunPlan.modelDir(config, smoke); // fail fast, before Spark starts
        RunPlan.summaryPlan(config, 1);

        SparkSession.Builder session = SparkSession.builder().appName("tarjama-run").config(sparkConf)
                .config("spark.sql.session.timeZone", "UTC");
        if (!sparkConf.contains("spark.master")) {
            session.master(config.string(ConfigKey.EXEC_MASTER));
            session.config("spark.ui.enabled", "false");
        }
        SparkSession spark = session.getOrCreate();
        try {
            RunReport report = new BatchJob(spark, config, JobOptions.defaults(smoke)).run();
            if (report.failedThreshold()) {
                // Main prints this in one line and exits with 1; the data and report are written.
                throw new JobFailure(String.format("%.1f%% of the articles failed, above run.max_failure_rate=%s;"
                        + " see %s/_runs/%s/report.json", 100 * report.failureRate(),
                        config.string(ConfigKey.RUN_MAX_FAILURE_RATE), config.string(ConfigKey.OUTPUT_PATH),
                        report.runId()));
            }
            return ExitCode.OK;
        } finally {
            BatchJob.releaseModels();
            spark.stop();
        }
    }

    private static Map<String, String> sparkSettings(SparkConf conf) {
        Map<String, String> out = new java.util.LinkedHashMap<>();
        for (Tuple2<String, String> entry : conf.getAll()) {
            out.put(entry._1(), entry._2());
        }
        return out;
    }
}
