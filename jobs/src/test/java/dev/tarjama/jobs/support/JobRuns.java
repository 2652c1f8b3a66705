package dev.tarjama.jobs.support;

import dev.tarjama.jobs.batch.BatchJob;
import dev.tarjama.jobs.batch.JobOptions;
import dev.tarjama.jobs.batch.RunReport;
import dev.tarjama.jobs.config.JobConfig;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.SparkSession;

/** Runs the batch job in tests: smoke mode (the tiny model), short generation, small batches. */
public final class JobRuns {
    private JobRuns() {}

    public static RunReport run(SparkSession spark, Path input, Path output, String... sets) {
        List<String> all = new ArrayList<>(List.of(
                "input.path=" + input,
                "output.path=" + output,
                "model.smoke.dir=" + TestPaths.repoRoot(),
                "generation.num_beams=1",
                "generation.max_new_tokens=32",
                "batch.articles=8",
                "run.progress_interval_s=2"));
        all.addAll(List.of(sets));
        JobConfig config = JobConfig.builder().sets(all).build();
        JobOptions options = JobOptions.defaults(true).withTranslatorFactory(FakeTranslatorFactory.class.getName());
        try {
            return new BatchJob(spark, config, options).run();
        } finally {
            BatchJob.releaseModels();
        }
    }
}
