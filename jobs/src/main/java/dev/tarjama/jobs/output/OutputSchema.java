package dev.tarjama.jobs.output;

import static org.apache.spark.sql.types.DataTypes.BooleanType;
import static org.apache.spark.sql.types.DataTypes.DoubleType;
import static org.apache.spark.sql.types.DataTypes.IntegerType;
import static org.apache.spark.sql.types.DataTypes.LongType;
import static org.apache.spark.sql.types.DataTypes.StringType;
import static org.apache.spark.sql.types.DataTypes.TimestampType;
import static org.apache.spark.sql.types.DataTypes.createArrayType;
import static org.apache.spark.sql.types.DataTypes.createStructField;
import static org.apache.spark.sql.types.DataTypes.createStructType;

import java.util.List;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * The output table's schema, version {@value #VERSION}; {@code docs/output-schema.md} describes
 * every column and a test checks the two agree. Change both together and bump the version.
 */
public final class OutputSchema {
    public static final int VERSION = 2;

    /** Partition column: {@code yyyy-MM-dd}. */
    public static final String DT = "dt";
    /** Staging-only partition column: false for rows that stay out of the table (see docs). */
    public static final String IN_TABLE = "in_table";
    /**
     * Staging-only column: true when {@link #DT} is the run date, not the date of
     * {@code published_at} (an undated article, whose existing row's date the writer may keep).
     */
    public static final String DT_FROM_RUN_DATE = "dt_from_run_date";

    public static final StructType SEGMENT = createStructType(List.of(
            createStructField("paragraph", IntegerType, false),
            createStructField("sentence", IntegerType, false),
            createStructField("ar", StringType, true),
            createStructField("en", StringType, true),
            createStructField("score", DoubleType, true),
            createStructField("source_tokens", IntegerType, false),
            createStructField("generated_tokens", IntegerType, false),
            createStructField("flags", createArrayType(StringType, false), false)));

    /** Data columns, in file order; {@link #DT} follows as the partition column. */
    public static final List<StructField> DATA_COLUMNS = List.of(
            createStructField("schema_version", IntegerType, false),
            createStructField("article_id", StringType, false),
            createStructField("content_hash", StringType, true),
            createStructField("input_ref", StringType, true),
            createStructField("url", StringType, true),
            createStructField("source", StringType, true),
            createStructField("published_at", TimestampType, true),
            createStructField("title_ar", StringType, true),
            createStructField("body_ar", StringType, true),
            createStructField("title_en", StringType, true),
            createStructField("body_en", StringType, true),
            createStructField("summary_en", StringType, true),
            createStructField("summary_ar", StringType, true),
            createStructField("segments", createArrayType(SEGMENT, false), true),
            createStructField("flags", createArrayType(StringType, false), false),
            createStructField("mean_logprob", DoubleType, true),
            createStructField("length_ratio", DoubleType, true),
            createStructField("status", StringType, false),
            createStructField("reason", StringType, false),
            createStructField("error", StringType, true),
            createStructField("translation_model", StringType, true),
            createStructField("translation_model_revision", StringType, true),
            createStructField("summary_model", StringType, true),
            createStructField("summary_model_revision", StringType, true),
            createStructField("summary_method_en", StringType, true),
            createStructField("summary_method_ar", StringType, true),
            createStructField("generation_hash", StringType, true),
            createStructField("source_tokens", IntegerType, false),
            createStructField("generated_tokens", IntegerType, false),
            createStructField("translate_ms", LongType, false),
            createStructField("run_id", StringType, false),
            createStructField("processed_at", TimestampType, false));

    /** What the job builds rows with: data columns, {@code dt_from_run_date}, {@code dt}, {@code in_table}. */
    public static final StructType STAGING = createStructType(concat(
            DATA_COLUMNS,
            createStructField(DT_FROM_RUN_DATE, BooleanType, false),
            createStructField(DT, StringType, false),
            createStructField(IN_TABLE, BooleanType, false)));

    /** The table as stored and read back: data columns, then {@code dt} (a string). */
    public static final StructType TABLE = createStructType(concat(
            DATA_COLUMNS,
            createStructField(DT, StringType, false)));

    private OutputSchema() {}

    private static List<StructField> concat(List<StructField> head, StructField... tail) {
        java.util.ArrayList<StructField> all = new java.util.ArrayList<>(head);
        all.addAll(List.of(tail));
        return all;
    }
}
