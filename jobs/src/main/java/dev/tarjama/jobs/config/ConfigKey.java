package dev.tarjama.jobs.config;

import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every configuration key of the batch job, with its type and default; the only place keys are
 * declared. {@code conf/tarjama.properties} and {@code docs/batch-job.md} document the same list
 * (a test keeps the three in step).
 */
public enum ConfigKey {
    INPUT_PATH("input.path", ValueType.STRING, "conf/samples/articles.jsonl"),
    INPUT_FORMAT("input.format", ValueType.oneOf("auto", "jsonl", "parquet", "csv", "txt"), "auto"),
    INPUT_COLUMN_ID("input.columns.article_id", ValueType.STRING, "id"),
    INPUT_COLUMN_TITLE("input.columns.title", ValueType.STRING, "title"),
    INPUT_COLUMN_BODY("input.columns.body", ValueType.STRING, "body"),
    INPUT_COLUMN_URL("input.columns.url", ValueType.STRING, "url"),
    INPUT_COLUMN_SOURCE("input.columns.source", ValueType.STRING, "source"),
    INPUT_COLUMN_PUBLISHED_AT("input.columns.published_at", ValueType.STRING, "published_at"),
    INPUT_MAX_BODY_CHARS("input.max_body_chars", ValueType.POSITIVE_INT, "100000"),
    INPUT_MIN_ARABIC_RATIO("input.min_arabic_ratio", ValueType.FRACTION, "0.3"),

    OUTPUT_PATH("output.path", ValueType.STRING, "work/output"),
    OUTPUT_MODE("output.mode", ValueType.oneOf("merge", "incremental", "overwrite"), "merge"),
    OUTPUT_FORMAT("output.format", ValueType.oneOf("parquet", "delta"), "parquet"),
    OUTPUT_MAX_DOWNGRADE_RATE("output.max_downgrade_rate", ValueType.FRACTION, "0.05"),

    MODEL_TRANSLATION_DIR("model.translation.dir", ValueType.STRING, "models/opus-mt-ar-en"),
    MODEL_TRANSLATION_PRECISION("model.translation.precision", ValueType.oneOf("fp32", "int8"), "fp32"),
    MODEL_SMOKE_DIR("model.smoke.dir", ValueType.STRING, "models/tiny/marian-xenova"),
    MODEL_SUMMARY_DIR("model.summary.dir", ValueType.STRING, ""),
    MODEL_SUMMARY_PRECISION("model.summary.precision", ValueType.oneOf("fp32", "int8"), "fp32"),

    GENERATION_NUM_BEAMS("generation.num_beams", ValueType.POSITIVE_INT, "4"),
    GENERATION_MAX_NEW_TOKENS("generation.max_new_tokens", ValueType.POSITIVE_INT, "256"),
    GENERATION_MAX_LENGTH_PER_SOURCE_TOKEN("generation.max_length_per_source_token", ValueType.NON_NEGATIVE_DOUBLE,
            "2.0"),
    GENERATION_MAX_LENGTH_OFFSET("generation.max_length_offset", ValueType.NON_NEGATIVE_INT, "10"),

    SUMMARY_EN("summary.en", ValueType.oneOf("auto", "abstractive", "extractive", "none"), "auto"),
    SUMMARY_AR("summary.ar", ValueType.oneOf("extractive", "none"), "extractive"),
    SUMMARY_BUDGET("summary.budget", ValueType.SUMMARY_BUDGET, "3 sentences"),
    SUMMARY_LONG_INPUT("summary.long_input", ValueType.oneOf("truncate", "chunk"), "truncate"),
    SUMMARY_NUM_BEAMS("summary.num_beams", ValueType.NON_NEGATIVE_INT, "0"),

    BATCH_ARTICLES("batch.articles", ValueType.POSITIVE_INT, "16"),
    BATCH_MAX_TOKENS("batch.max_tokens", ValueType.POSITIVE_INT, "4096"),
    BATCH_MAX_ROWS("batch.max_rows", ValueType.POSITIVE_INT, "32"),

    EXEC_MASTER("exec.master", ValueType.STRING, "local[*]"),
    EXEC_PARTITIONS("exec.partitions", ValueType.NON_NEGATIVE_INT, "0"),
    EXEC_INTER_OP_THREADS("exec.inter_op_threads", ValueType.POSITIVE_INT, "1"),

    QUALITY_LENGTH_RATIO_MIN("quality.length_ratio_min", ValueType.NON_NEGATIVE_DOUBLE, "0.5"),
    QUALITY_LENGTH_RATIO_MAX("quality.length_ratio_max", ValueType.NON_NEGATIVE_DOUBLE, "3.0"),
    QUALITY_LENGTH_RATIO_MIN_CHARS("quality.length_ratio_min_chars", ValueType.POSITIVE_INT, "20"),
    QUALITY_REPETITION_MIN_REPEATS("quality.repetition_min_repeats", ValueType.POSITIVE_INT, "4"),

    RUN_MAX_FAILURE_RATE("run.max_failure_rate", ValueType.FRACTION, "0.05"),
    RUN_PROGRESS_INTERVAL_S("run.progress_interval_s", ValueType.POSITIVE_INT, "10"),
    RUN_DATE("run.date", ValueType.OPTIONAL_DATE, ""),
    RUN_ALLOW_EMPTY_INPUT("run.allow_empty_input", ValueType.BOOLEAN, "false");

    private static final Map<String, ConfigKey> BY_NAME = new LinkedHashMap<>();

    static {
        for (ConfigKey key : values()) {
            BY_NAME.put(key.name, key);
        }
    }

    private final String name;
    private final ValueType type;
    private final String defaultValue;

    ConfigKey(String name, ValueType type, String defaultValue) {
        this.name = name;
        this.type = type;
        this.defaultValue = defaultValue;
    }

    /** The key as written in files, {@code --set} and (prefixed) Spark conf. */
    public String key() {
        return name;
    }

    public ValueType type() {
        return type;
    }

    public String defaultValue() {
        return defaultValue;
    }

    /** The key named {@code name}, or {@code null}. */
    public static ConfigKey byName(String name) {
        return BY_NAME.get(name);
    }

    public static List<String> names() {
        return Collections.unmodifiableList(Arrays.asList(BY_NAME.keySet().toArray(new String[0])));
    }
}
