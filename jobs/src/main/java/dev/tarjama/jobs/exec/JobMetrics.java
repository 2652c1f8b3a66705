package dev.tarjama.jobs.exec;

import java.io.Serializable;
import org.apache.spark.SparkContext;
import org.apache.spark.util.LongAccumulator;

/**
 * The accumulators executors report through: articles done and the translated part of running
 * micro-batches (progress, {@link BatchProgress}), model loads and the
 * partitions that used each loaded model (keyed by role, model and executor JVM), model load time
 * and time spent in the summary stage.
 */
public record JobMetrics(
        LongAccumulator articlesDone,
        LongAccumulator articlesInFlight,
        CountsAccumulator modelLoads,
        CountsAccumulator modelPartitions,
        LongAccumulator modelLoadMillis,
        LongAccumulator summaryMillis) implements Serializable {

    /** Creates and registers the accumulators of one run. */
    public static JobMetrics register(SparkContext sc) {
        CountsAccumulator loads = new CountsAccumulator();
        CountsAccumulator partitions = new CountsAccumulator();
        sc.register(loads, "tarjama.model.loads");
        sc.register(partitions, "tarjama.model.partitions");
        return new JobMetrics(sc.longAccumulator("tarjama.articles.done"),
                sc.longAccumulator("tarjama.articles.in_flight_milli"), loads, partitions,
                sc.longAccumulator("tarjama.model.load_ms"), sc.longAccumulator("tarjama.summary_ms"));
    }
}
