package dev.tarjama.jobs.input;

import dev.tarjama.jobs.exit.UsageException;
import java.util.Arrays;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.date_format;
import static org.apache.spark.sql.functions.lit;

/**
 * Reads Parquet and CSV with Spark's own sources and maps the configured columns to the canonical
 * ones. CSV is read as strings (header row, quoted multi-line fields); a row Spark cannot split
 * into the header's columns becomes a malformed record. A title or body column that is missing or
 * not text is a configuration error, reported before anything runs.
 */
public final class TableReader {
    private static final String CORRUPT = "_corrupt_record";

    private TableReader() {}

    public static JavaRDD<InputRecord> readParquet(SparkSession spark, String path, ColumnMapping columns) {
        Dataset<Row> table = spark.read().parquet(path);
        Column ref = concat(col("_metadata.file_name"), lit("#"), col("_metadata.row_index").cast("string"));
        return toRecords(table, columns, ref, null);
    }

    public static JavaRDD<InputRecord> readCsv(SparkSession spark, String path, ColumnMapping columns) {
        StructType header = spark.read().option("header", "true").option("multiLine", "true")
                .option("escape", "\"").csv(path).schema();
        StructType withCorrupt = header.add(CORRUPT, DataTypes.StringType);
        Dataset<Row> table = spark.read()
                .option("header", "true")
                .option("multiLine", "true")
                .option("escape", "\"")
                .option("mode", "PERMISSIVE")
                .option("columnNameOfCorruptRecord", CORRUPT)
                .schema(withCorrupt)
                .csv(path);
        return toRecords(table, columns, col("_metadata.file_name"), CORRUPT);
    }

    private static JavaRDD<InputRecord> toRecords(
            Dataset<Row> table, ColumnMapping columns, Column ref, String corruptColumn) {
        StructType schema = table.schema();
        requireText(schema, columns.title(), "input.columns.title");
        requireText(schema, columns.body(), "input.columns.body");
        Dataset<Row> canonical = table.select(
                optional(schema, columns.articleId()),
                optional(schema, columns.title()),
                optional(schema, columns.body()),
                optional(schema, columns.url()),
                optional(schema, columns.source()),
                optional(schema, columns.publishedAt()),
                ref.as("input_ref"),
                corruptColumn == null ? lit(null).cast("string") : col(corruptColumn));
        return canonical.javaRDD().map(row -> {
            String id = blankToNull(row.getString(0));
            String inputRef = row.getString(6);
            if (!row.isNullAt(7)) {
                return InputRecord.malformed(id, inputRef, "CSV row does not match the header");
            }
            return new InputRecord(id, row.getString(1), row.getString(2), row.getString(3),
                    row.getString(4), row.getString(5), inputRef, null);
        });
    }

    private static Column optional(StructType schema, String name) {
        if (!Arrays.asList(schema.fieldNames()).contains(name)) {
            return lit(null).cast("string");
        }
        Column column = col("`" + name + "`");
        DataType type = schema.apply(name).dataType();
        if (type.equals(DataTypes.TimestampType)) {
            // With its offset, so the instant survives whatever the session time zone is.
            return date_format(column, "yyyy-MM-dd'T'HH:mm:ss.SSSSSSXXX");
        }
        return column.cast("string");
    }

    private static void requireText(StructType schema, String name, String key) {
        if (!Arrays.asList(schema.fieldNames()).contains(name)) {
            throw new UsageException("input has no column '" + name + "' (" + key + "); columns: "
                    + String.join(", ", schema.fieldNames()));
        }
        DataType type = schema.apply(name).dataType();
        if (!type.equals(DataTypes.StringType)) {
            throw new UsageException("input column '" + name + "' (" + key + ") is " + type.simpleString()
                    + ", expected string");
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }

}
