package dev.tarjama.jobs.input;

import dev.tarjama.jobs.config.ConfigKey;
import dev.tarjama.jobs.config.JobConfig;
import dev.tarjama.jobs.exit.JobFailure;
import dev.tarjama.jobs.exit.NoInput;
import dev.tarjama.jobs.exit.UsageException;
import java.io.IOException;
import java.util.Locale;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Reads the configured input, whatever its format, as canonical {@link InputRecord}s, after
 * checking it: a missing input, or one without records, is {@link NoInput}; a configured column
 * that no record holds is a {@link UsageException} naming the key, the column and what the input
 * has. Both are raised before any record is processed, so nothing is written.
 */
public final class ArticleReader {
    private ArticleReader() {}

    /** The input as read: its resolved format and its records. */
    public record Input(InputFormat format, JavaRDD<InputRecord> records) {
        /** The format as the report names it. */
        public String formatName() {
            return format.name().toLowerCase(Locale.ROOT);
        }
    }

    public static Input read(SparkSession spark, JobConfig config) {
        String path = config.string(ConfigKey.INPUT_PATH);
        ColumnMapping columns = ColumnMapping.of(config);
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        InputFormat format = InputFormat.resolve(config.string(ConfigKey.INPUT_FORMAT), path, jsc.hadoopConfiguration());
        InputRoot root;
        try {
            root = InputRoot.of(path, jsc.hadoopConfiguration());
        } catch (IOException e) {
            throw new JobFailure("cannot read input " + path + ": " + e.getMessage(), e);
        }
        JavaRDD<InputRecord> records = switch (format) {
            case JSONL -> {
                Set<String> wanted = columns.mustBeHeld().stream().map(ColumnMapping.Mapped::name)
                        .collect(Collectors.toSet());
                FieldCensus census = JsonLinesReader.census(jsc, path, wanted);
                if (census.records() == 0) {
                    throw noRecords(path);
                }
                columns.requireHeld(census::holds, census.seen(), "field");
                yield JsonLinesReader.read(jsc, path, root, columns);
            }
            case PARQUET -> TableReader.parquetRecords(checkedUnlessEmpty(path,
                    () -> TableReader.parquet(spark, path, columns), () -> spark.read().parquet(path).isEmpty()),
                    columns, root);
            case CSV -> TableReader.csvRecords(checkedUnlessEmpty(path,
                    () -> TableReader.csv(spark, path, columns), () -> spark.read().csv(path).isEmpty()),
                    columns, root);
            case TXT -> {
                if (!TextFolderReader.hasTextFiles(jsc, path)) {
                    throw noRecords(path);
                }
                columns.requireHeld(TextFolderReader.FIELDS::contains, TextFolderReader.FIELDS, "field");
                yield TextFolderReader.read(jsc, path, root);
            }
        };
        return new Input(format, records);
    }

    /** The refusal of an input without records. */
    public static NoInput noRecords(String path) {
        return new NoInput("input " + path + " holds no records (input.path); set "
                + ConfigKey.RUN_ALLOW_EMPTY_INPUT.key() + "=true to count that as a run with 0 articles");
    }

    /** A table checked against the mapping; an input without any row is no input, whatever its columns. */
    private static Dataset<Row> checkedUnlessEmpty(String path, Supplier<Dataset<Row>> checked, BooleanSupplier empty) {
        try {
            return checked.get();
        } catch (UsageException refused) {
            if (empty.getAsBoolean()) {
                throw noRecords(path);
            }
            throw refused;
        }
    }
}
