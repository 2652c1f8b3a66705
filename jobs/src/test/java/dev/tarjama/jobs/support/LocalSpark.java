package dev.tarjama.jobs.support;

import org.apache.spark.sql.SparkSession;

/** A small local[2] Spark session for tests: no UI, few shuffle partitions. */
public final class LocalSpark {
    private LocalSpark() {}

    public static SparkSession start() {
        return SparkSession.builder()
                .master("local[2]")
                .appName("tarjama-test")
                .config("spark.ui.enabled", "false")
                .config("spark.sql.shuffle.partitions", "2")
                .config("spark.default.parallelism", "2")
                .config("spark.sql.session.timeZone", "UTC")
                .config("spark.driver.host", "127.0.0.1")
                .getOrCreate();
    }
}
