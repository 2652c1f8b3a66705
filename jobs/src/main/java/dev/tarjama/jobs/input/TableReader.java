package dev.tarjama.jobs.input;

import dev.tarjama.jobs.exit.UsageException;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.date_format;
import static org.apache.spark.sql.functions.lit;

/**
 * Reads Parquet and CSV with Spark's own sources and maps the configured columns to the canonical
 * ones. CSV is read as strings (header row, quoted multi-line fields); a row Spark cannot split
 * into the header's columns becomes a malformed record. A configured column the input does not
 * have, or a title or body column that is not text, is a configuration error, reported before
 * anything runs. {@code input_ref} is the file relative to the input root and the row, from 0:
 * Parquet's own row index; for CSV counted here, which is sound because multi-line CSV files are
 * never split, so one task reads each file from its first row.
 */
public final class TableReader {
    private static final String CORRUPT = "_corrupt_record";

    private TableReader() {}

    /** The Parquet input, checked against the column mapping. */
    public static Dataset<Row> parquet(SparkSession spark, String path, ColumnMapping columns) {
        Dataset<Row> table = spark.read().parquet(path);
        check(table.schema(), columns);
        return table;
    }

    /** The CSV input, checked against the column mapping (header names). */
    public static Dataset<Row> csv(SparkSession spark, String path, ColumnMapping columns) {
        StructType header = spark.read().option("header", "true").option("multiLine", "true")
                .option("escape", "\"").csv(path).schema();
        check(header, columns);
        return spark.read()
                .option("header", "true")
                .option("multiLine", "true")
                .option("escape", "\"")
                .option("mode", "PERMISSIVE")
                .option("columnNameOfCorruptRecord", CORRUPT)
                .schema(header.add(CORRUPT, DataTypes.StringType))
                .csv(path);
    }

    public static JavaRDD<InputRecord> parquetRecords(Dataset<Row> table, ColumnMapping columns, InputRoot root) {
        return canonical(table, columns, col("_metadata.row_index"), null).javaRDD().map(row ->
                record(row, InputRef.row(root.relativeUri(row.getString(6)), row.getLong(7))));
    }

    public static JavaRDD<InputRecord> csvRecords(Dataset<Row> table, ColumnMapping columns, InputRoot root) {
        return canonical(table, columns, lit(0L), CORRUPT).javaRDD().mapPartitions(rows -> numbered(rows, root));
    }

    /** Numbers the rows of each file as they come: a file's rows are contiguous and in order within one task. */
    private static Iterator<InputRecord> numbered(Iterator<Row> rows, InputRoot root) {
        return new Iterator<>() {
            private String file;
            private String name;
            private long next;

            @Override
            public boolean hasNext() {
                return rows.hasNext();
            }

            @Override
            public InputRecord next() {
                Row row = rows.next();
                if (!row.getString(6).equals(file)) {
                    file = row.getString(6);
                    name = root.relativeUri(file);
                    next = 0;
                }
                return record(row, InputRef.row(name, next++));
            }
        };
    }

    private static Dataset<Row> canonical(Dataset<Row> table, ColumnMapping columns, Column position,
            String corruptColumn) {
        StructType schema = table.schema();
        return table.select(
                optional(schema, columns.articleId()),
                optional(schema, columns.title()),
                optional(schema, columns.body()),
                optional(schema, columns.url()),
                optional(schema, columns.source()),
                optional(schema, columns.publishedAt()),
                col("_metadata.file_path"),
                position,
                corruptColumn == null ? lit(null).cast("string") : col(corruptColumn));
    }

    private static InputRecord record(Row row, InputRef ref) {
        String id = blankToNull(row.getString(0));
        if (!row.isNullAt(8)) {
            return InputRecord.malformed(id, ref, "CSV row does not match the header");
        }
        return new InputRecord(id, row.getString(1), row.getString(2), row.getString(3),
                row.getString(4), row.getString(5), ref, null);
    }

    private static void check(StructType schema, ColumnMapping columns) {
        List<String> names = Arrays.asList(schema.fieldNames());
        columns.requireHeld(names::contains, names, "column");
        requireText(schema, columns.title(), "input.columns.title");
        requireText(schema, columns.body(), "input.columns.body");
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
