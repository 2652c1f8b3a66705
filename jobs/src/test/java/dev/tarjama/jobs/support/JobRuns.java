package dev.tarjama.jobs.support;

import dev.tarjama.jobs.batch.BatchJob;
import dev.tarjama.jobs.batch.JobOptions;
import dev.tarjama.jobs.batch.RunReport;
import dev.tarjama.jobs.config.JobConfig;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.SparkSession;

/** Runs the batch job in tests: smoke mode (the real pipeline on the tiny Marian model), greedy, small batches. */
public final class JobRuns {
    private JobRuns() {}

    public static RunReport run(SparkSession spark, Path input, Path output, String... sets) {
        return run(spark, JobOptions.defaults(true), settings(input, output, sets));
    }

    /** The test settings for {@code input} and {@code output}, then {@code sets}. */
    public static List<String> settings(Path input, Path output, String... sets) {
        List<String> all = new ArrayList<>(List.of(
                "input.path=" + input,
                "output.path=" + output,
                "model.smoke.dir=" + TestPaths.repoRoot().resolve("models/tiny/marian-xenova"),
                "generation.num_beams=1",
                "generation.max_new_tokens=32",
                "batch.articles=8",
                "run.progress_interval_s=2"));
        all.addAll(List.of(sets));
        return all;
    }

    /** Runs with the given options (e.g. a fault-injecting translator factory). */
    public static RunReport run(SparkSession spark, JobOptions options, List<String> sets) {
        JobConfig config = JobConfig.builder().sets(sets).build();
        try {
            return new BatchJob(spark, config, options).run();
        } finally {
            BatchJob.releaseModels();
        }
    }
}
