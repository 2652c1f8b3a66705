package dev.tarjama.spark;

import dev.tarjama.jobs.exec.JobMetrics;
import dev.tarjama.jobs.exec.ModelUse;
import java.util.Map;
import java.util.WeakHashMap;
import org.apache.spark.SparkContext;
import org.apache.spark.sql.SparkSession;

/**
 * The batch job's counters ({@link JobMetrics}: model loads and partitions per executor JVM,
 * articles done, model load and summary time) for the SQL functions and ML stages, one set per
 * Spark application, summed over all its queries: a model loads once per executor JVM for the
 * whole application, so {@link #modelLoads} stays at one per JVM however many queries ran.
 * Named accumulators, so the Spark UI shows them on every stage that translated.
 */
public final class TarjamaMetrics {
    private static final Map<SparkContext, JobMetrics> BY_APPLICATION = new WeakHashMap<>();

    private TarjamaMetrics() {}

    /** The application's counters, registered on first use (driver side). */
    public static synchronized JobMetrics of(SparkContext sc) {
        return BY_APPLICATION.computeIfAbsent(sc, JobMetrics::register);
    }

    /** Model loads per role, model and executor JVM over the application so far. */
    public static Map<ModelUse, Long> modelLoads(SparkSession spark) {
        return of(spark.sparkContext()).modelLoads().value();
    }

    /** Partitions (tasks) that used each loaded model. */
    public static Map<ModelUse, Long> modelPartitions(SparkSession spark) {
        return of(spark.sparkContext()).modelPartitions().value();
    }
}
