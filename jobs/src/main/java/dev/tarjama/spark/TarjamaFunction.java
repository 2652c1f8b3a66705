package dev.tarjama.spark;

import static org.apache.spark.sql.types.DataTypes.DoubleType;
import static org.apache.spark.sql.types.DataTypes.IntegerType;
import static org.apache.spark.sql.types.DataTypes.LongType;
import static org.apache.spark.sql.types.DataTypes.StringType;
import static org.apache.spark.sql.types.DataTypes.createArrayType;
import static org.apache.spark.sql.types.DataTypes.createStructField;
import static org.apache.spark.sql.types.DataTypes.createStructType;

import dev.tarjama.jobs.output.OutputSchema;
import java.util.List;
import java.util.Locale;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.StructType;

/**
 * The SQL functions the extension registers, with their result types; the struct fields use the
 * batch job's column names and vocabulary (docs/output-schema.md).
 */
public enum TarjamaFunction {
    /** The English text, or NULL for null, empty or failed input. */
    TRANSLATE(1, "_FUNC_(text) - the English translation of Arabic text; NULL for null, empty, skipped or failed input"),
    /** The translation with its status, reason, flags and segments. */
    TRANSLATE_STRUCT(1, "_FUNC_(text) - struct<text, status, reason, error, flags, segments, ...>: the translation"
            + " with the batch job's status, reason, quality flags and sentence segments"),
    /** Extractive or abstractive summaries of an article and its translation. */
    SUMMARIZE(2, "_FUNC_(text_ar, text_en) - struct<summary_en, summary_ar, method_en, method_ar, ...>: extractive"
            + " summaries, or an abstractive English one when spark.tarjama.model.summary.dir is set");

    /** {@code tarjama_translate_struct(text)}. */
    public static final StructType TRANSLATION = createStructType(List.of(
            createStructField("text", StringType, true),
            createStructField("status", StringType, false),
            createStructField("reason", StringType, false),
            createStructField("error", StringType, true),
            createStructField("flags", createArrayType(StringType, false), false),
            createStructField("segments", createArrayType(OutputSchema.SEGMENT, false), true),
            createStructField("mean_logprob", DoubleType, true),
            createStructField("length_ratio", DoubleType, true),
            createStructField("source_tokens", IntegerType, false),
            createStructField("generated_tokens", IntegerType, false),
            createStructField("translate_ms", LongType, false),
            createStructField("model", StringType, true),
            createStructField("model_revision", StringType, true)));

    /** {@code tarjama_summarize(text_ar, text_en)}. */
    public static final StructType SUMMARY = createStructType(List.of(
            createStructField("summary_en", StringType, true),
            createStructField("summary_ar", StringType, true),
            createStructField("method_en", StringType, true),
            createStructField("method_ar", StringType, true),
            createStructField("model", StringType, true),
            createStructField("model_revision", StringType, true),
            createStructField("flags", createArrayType(StringType, false), false),
            createStructField("status", StringType, false),
            createStructField("reason", StringType, false),
            createStructField("error", StringType, true)));

    private final int arity;
    private final String usage;

    TarjamaFunction(int arity, String usage) {
        this.arity = arity;
        this.usage = usage;
    }

    /** The SQL name, e.g. {@code tarjama_translate_struct}. */
    public String sqlName() {
        return "tarjama_" + name().toLowerCase(Locale.ROOT);
    }

    public int arity() {
        return arity;
    }

    public String usage() {
        return usage;
    }

    public DataType dataType() {
        return switch (this) {
            case TRANSLATE -> StringType;
            case TRANSLATE_STRUCT -> TRANSLATION;
            case SUMMARIZE -> SUMMARY;
        };
    }

    /** True for the functions answered by one translation of their text. */
    public boolean translates() {
        return this != SUMMARIZE;
    }
}
