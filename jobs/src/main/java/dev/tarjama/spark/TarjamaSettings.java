package dev.tarjama.spark;

import dev.tarjama.jobs.batch.JobOptions;
import dev.tarjama.jobs.batch.RunPlan;
import dev.tarjama.jobs.config.ConfigKey;
import dev.tarjama.jobs.config.JobConfig;
import dev.tarjama.jobs.exec.ModelSpec;
import dev.tarjama.jobs.exec.RunSettings;
import dev.tarjama.jobs.exec.SummaryPlan;
import dev.tarjama.jobs.prepare.ArticlePreparer;
import java.io.Serializable;
import java.time.Instant;
import java.util.Map;
import org.apache.spark.sql.SparkSession;
import scala.jdk.javaapi.CollectionConverters;

/**
 * What the SQL functions and ML stages run with: resolved on the driver from the job's
 * configuration keys ({@code spark.tarjama.*} in the Spark conf) by the batch job's own
 * {@link RunPlan}, so the same keys mean the same models, generation and batching settings.
 * Small and serializable: this travels to executors, which load the models it names once per JVM.
 *
 * @param preparer the job's screening (empty, binary, too large, not Arabic) and content hash
 */
public record TarjamaSettings(ModelSpec translation, RunSettings run, SummaryPlan summaries,
        ArticlePreparer preparer) implements Serializable {

    /** The settings of {@code config}; ONNX Runtime gets {@code taskCpus} intra-op threads per task, as in the job. */
    public static TarjamaSettings of(JobConfig config, int taskCpus) {
        RunPlan plan = RunPlan.resolve(config, JobOptions.defaults(false), taskCpus, Instant.now());
        ArticlePreparer preparer = new ArticlePreparer(config.integer(ConfigKey.INPUT_MAX_BODY_CHARS),
                config.decimal(ConfigKey.INPUT_MIN_ARABIC_RATIO), plan.runDate());
        return new TarjamaSettings(plan.translation(), plan.settings(), plan.summaries(), preparer);
    }

    /** The session's {@code spark.tarjama.*} configuration (unknown keys and bad values are errors naming the key). */
    public static JobConfig config(SparkSession spark) {
        Map<String, String> conf = CollectionConverters.asJava(spark.conf().getAll());
        return JobConfig.builder().sparkConf(conf).build();
    }

    /** {@code spark.task.cpus} of the session's application. */
    public static int taskCpus(SparkSession spark) {
        return spark.sparkContext().getConf().getInt("spark.task.cpus", 1);
    }
}
