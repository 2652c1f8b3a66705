package dev.tarjama.jobs.output;

import static org.apache.spark.sql.functions.col;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * Moves a run's staged rows into the output table. Only the {@code dt} partitions the run touches
 * are replaced (Spark's dynamic partition overwrite: files are written to a staging folder and
 * each partition is swapped in after every task succeeded, so a failed run leaves the table as it
 * was). {@code overwrite}: a touched partition holds exactly this run's rows. {@code incremental}:
 * it also keeps its earlier rows of articles this run did not write.
 */
public final class TableWriter {
    /** The table as stored: data columns and the {@code dt} partition, read as a string. */
    public static final StructType TABLE = tableSchema();

    private final SparkSession spark;
    private final String output;

    public TableWriter(SparkSession spark, String output) {
        this.spark = spark;
        this.output = output;
    }

    /** True when the output folder holds at least one {@code dt=} partition. */
    public boolean tableExists() {
        try {
            Path path = new Path(output);
            FileSystem fs = path.getFileSystem(spark.sparkContext().hadoopConfiguration());
            if (!fs.exists(path)) {
                return false;
            }
            for (FileStatus status : fs.listStatus(path)) {
                if (status.isDirectory() && status.getPath().getName().startsWith(OutputSchema.DT + "=")) {
                    return true;
                }
            }
            return false;
        } catch (IOException e) {
            throw new IllegalStateException("cannot list output " + output + ": " + e.getMessage(), e);
        }
    }

    /** The existing table (only call when {@link #tableExists()}). */
    public Dataset<Row> existing() {
        return spark.read().schema(TABLE).parquet(output);
    }

    /**
     * Writes {@code fresh} (table rows of this run) into the table and returns the partitions replaced.
     *
     * @param freshDates the {@code dt} values of {@code fresh}
     * @param carryStaging a scratch folder for the earlier rows kept in incremental mode
     */
    public List<String> write(Dataset<Row> fresh, Set<String> freshDates, boolean incremental, String carryStaging) {
        Set<String> touched = new HashSet<>(freshDates);
        Dataset<Row> all = fresh;
        Set<String> emptied = new HashSet<>();
        if (incremental && tableExists()) {
            Dataset<Row> existing = existing();
            Dataset<Row> ids = fresh.select("article_id").distinct();
            // An article that moved to another date leaves its old partition: rewrite that one too.
            touched.addAll(dates(existing.join(ids, "article_id").select(OutputSchema.DT)));
            Dataset<Row> carry = existing
                    .where(col(OutputSchema.DT).isin(touched.toArray()))
                    .join(ids, existing.col("article_id").equalTo(ids.col("article_id")), "left_anti");
            // Materialized first: the final write must not read the partitions it replaces.
            carry.write().mode(SaveMode.Overwrite).option("compression", "zstd").parquet(carryStaging);
            all = fresh.unionByName(spark.read().schema(TABLE).parquet(carryStaging));
            emptied.addAll(touched);
            emptied.removeAll(dates(all));
        }
        if (!touched.isEmpty()) {
            all.write()
                    .mode(SaveMode.Overwrite)
                    .option("partitionOverwriteMode", "dynamic")
                    .option("compression", "zstd")
                    .partitionBy(OutputSchema.DT)
                    .parquet(output);
        }
        for (String dt : emptied) {
            delete(new Path(output, OutputSchema.DT + "=" + dt));
        }
        List<String> sorted = new ArrayList<>(touched);
        sorted.sort(null);
        return sorted;
    }

    private static Set<String> dates(Dataset<Row> rows) {
        Set<String> out = new HashSet<>();
        for (Row row : rows.select(OutputSchema.DT).distinct().collectAsList()) {
            out.add(row.getString(0));
        }
        return out;
    }

    private void delete(Path path) {
        try {
            path.getFileSystem(spark.sparkContext().hadoopConfiguration()).delete(path, true);
        } catch (IOException e) {
            throw new IllegalStateException("cannot delete emptied partition " + path + ": " + e.getMessage(), e);
        }
    }

    private static StructType tableSchema() {
        List<StructField> fields = new ArrayList<>(OutputSchema.DATA_COLUMNS);
        fields.add(DataTypes.createStructField(OutputSchema.DT, DataTypes.StringType, true));
        return DataTypes.createStructType(fields);
    }
}
