package dev.tarjama.jobs.output;

import java.io.IOException;
import java.io.UncheckedIOException;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Reads the output table in whichever format it was written: Delta when the folder holds a
 * {@code _delta_log}, else Parquet {@code dt=} partitions. The job (incremental key, merges) and
 * the newsletter read the table through here.
 */
public final class ArticleTable {
    /** Spark's SQL conf for the session catalog; Delta refuses to run while it is not set explicitly. */
    private static final String SESSION_CATALOG = "spark.sql.catalog.spark_catalog";
    private static final String DELTA_CATALOG = "org.apache.spark.sql.delta.catalog.DeltaCatalog";

    private ArticleTable() {}

    /** The format of the table at {@code path}, or null when there is no table yet. */
    public static OutputFormat format(SparkSession spark, String path) {
        try {
            Path root = new Path(path);
            FileSystem fs = root.getFileSystem(spark.sparkContext().hadoopConfiguration());
            if (!fs.exists(root)) {
                return null;
            }
            if (fs.exists(new Path(root, "_delta_log"))) {
                return OutputFormat.DELTA;
            }
            for (FileStatus status : fs.listStatus(root)) {
                if (status.isDirectory() && status.getPath().getName().startsWith(OutputSchema.DT + "=")) {
                    return OutputFormat.PARQUET;
                }
            }
            return null;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list output " + path + ": " + e.getMessage(), e);
        }
    }

    /** Every row of the table, with {@link OutputSchema#TABLE}'s columns; only call when {@link #format} is not null. */
    public static Dataset<Row> read(SparkSession spark, String path) {
        if (format(spark, path) == OutputFormat.DELTA) {
            useDelta(spark);
            return spark.read().format("delta").load(path);
        }
        return spark.read().schema(OutputSchema.TABLE).parquet(path);
    }

    /** A Delta table as it was at {@code version} (time travel). */
    public static Dataset<Row> readVersion(SparkSession spark, String path, long version) {
        useDelta(spark);
        return spark.read().format("delta").option("versionAsOf", version).load(path);
    }

    /**
     * Lets this session use Delta tables by path. Delta checks only that the session catalog is
     * set (its SQL extension is needed for Delta's SQL statements, which Tarjama does not use: it
     * calls the DeltaTable API); a runtime setting, so sessions built elsewhere (the newsletter's,
     * a caller's) work too. A catalog the user configured is left alone.
     */
    static void useDelta(SparkSession spark) {
        if (!spark.conf().contains(SESSION_CATALOG)) { // what Delta checks: set, not just defaulted
            spark.conf().set(SESSION_CATALOG, DELTA_CATALOG);
        }
    }
}
