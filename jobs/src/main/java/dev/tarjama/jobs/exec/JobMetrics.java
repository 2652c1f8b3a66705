package dev.tarjama.jobs.exec;

import java.io.Serializable;
import org.apache.spark.SparkContext;
import org.apache.spark.util.LongAccumulator;

/**
 * The accumulators executors report through: articles done and the translated part of running
 * micro-batches (progress, {@link BatchProgress}), model loads and the partitions that used each
 * loaded model (per {@link ModelUse}: role, model and executor JVM), model load time, time spent in
 * the summary stage, and model inputs the translation memo served.
 */
public record JobMetrics(
        LongAccumulator articlesDone,
        LongAccumulator articlesInFlight,
        CountsAccumulator<ModelUse> modelLoads,
        CountsAccumulator<ModelUse> modelPartitions,
        LongAccumulator modelLoadMillis,
        LongAccumulator summaryMillis,
        LongAccumulator memoHits) implements Serializable {

    /** Creates and registers the accumulators of one run. */
    public static JobMetrics register(SparkContext sc) {
        CountsAccumulator<ModelUse> loads = new CountsAccumulator<>();
        CountsAccumulator<ModelUse> partitions = new CountsAccumulator<>();
        sc.register(loads, "tarjama.model.loads");
        sc.register(partitions, "tarjama.model.partitions");
        return new JobMetrics(sc.longAccumulator("tarjama.articles.done"),
                sc.longAccumulator("tarjama.articles.in_flight_milli"), loads, partitions,
                sc.longAccumulator("tarjama.model.load_ms"), sc.longAccumulator("tarjama.summary_ms"),
                sc.longAccumulator("tarjama.translation.memo_hits"));
    }

    /** Counts one load of {@code use}'s model that took {@code millis}. */
    public void modelLoaded(ModelUse use, long millis) {
        modelLoads.add(use);
        modelLoadMillis.add(millis);
    }

    /** Counts one partition that used {@code use}'s model. */
    public void modelUsed(ModelUse use) {
        modelPartitions.add(use);
    }
}
