package dev.tarjama.jobs.cli;

import dev.tarjama.jobs.batch.BatchJob;
import dev.tarjama.jobs.batch.JobOptions;
import dev.tarjama.jobs.batch.RunPlan;
import dev.tarjama.jobs.batch.RunReport;
import dev.tarjama.jobs.config.ConfigKey;
import dev.tarjama.jobs.config.JobConfig;
import dev.tarjama.jobs.exit.ExitCode;
import dev.tarjama.jobs.exit.JobFailure;
import dev.tarjama.jobs.exit.UsageException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;
import scala.Tuple2;

/**
 * {@code tarjama run [--conf FILE] [--input PATH] [--output PATH] [--set key=value]... [--smoke]}:
 * the batch job. Exit code 0 when the run finished with a failure rate within
 * {@code run.max_failure_rate}, 1 otherwise, 2 for bad usage or configuration.
 */
public final class RunCommand {
    /** The configuration file used when {@code --conf} is not given and it exists. */
    public static final String DEFAULT_CONF = "conf/tarjama.properties";

    private RunCommand() {}

    public static int run(String[] args) {
        Path confFile = null;
        boolean smoke = false;
        List<String> sets = new ArrayList<>();
        String input = null;
        String output = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--conf" -> confFile = Path.of(value(args, ++i, "--conf"));
                case "--input" -> input = value(args, ++i, "--input");
                case "--output" -> output = value(args, ++i, "--output");
                case "--set" -> sets.add(value(args, ++i, "--set"));
                case "--smoke" -> smoke = true;
                case "--help", "-h" -> {
                    System.err.println("usage: tarjama run [--conf FILE] [--input PATH] [--output PATH]"
                            + " [--set key=value]... [--smoke]");
                    return ExitCode.OK;
                }
                default -> throw new UsageException("unknown option '" + args[i] + "'");
            }
        }
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
        JobConfig config = builder.sets(sets).build();
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

    private static String value(String[] args, int i, String option) {
        if (i >= args.length) {
            throw new UsageException(option + " needs a value");
        }
        return args[i];
    }
}
