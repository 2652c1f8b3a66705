package dev.tarjama.jobs.input;

import dev.tarjama.jobs.config.ConfigKey;
import dev.tarjama.jobs.config.JobConfig;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;

/** Reads the configured input, whatever its format, as canonical {@link InputRecord}s. */
public final class ArticleReader {
    private ArticleReader() {}

    public static JavaRDD<InputRecord> read(SparkSession spark, JobConfig config) {
        String path = config.string(ConfigKey.INPUT_PATH);
        ColumnMapping columns = ColumnMapping.of(config);
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        InputFormat format = InputFormat.resolve(
                config.string(ConfigKey.INPUT_FORMAT), path, jsc.hadoopConfiguration());
        return switch (format) {
            case JSONL -> JsonLinesReader.read(jsc, path, columns);
            case PARQUET -> TableReader.readParquet(spark, path, columns);
            case CSV -> TableReader.readCsv(spark, path, columns);
            case TXT -> TextFolderReader.read(jsc, path);
        };
    }

    /** The format the configured input resolves to (for the run report). */
    public static InputFormat format(SparkSession spark, JobConfig config) {
        return InputFormat.resolve(config.string(ConfigKey.INPUT_FORMAT), config.string(ConfigKey.INPUT_PATH),
                spark.sparkContext().hadoopConfiguration());
    }
}
