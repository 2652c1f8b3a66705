package dev.tarjama.jobs.output;

import dev.tarjama.jobs.config.ConfigKey;
import dev.tarjama.jobs.config.JobConfig;

/** The table's storage format ({@code output.format}). */
public enum OutputFormat {
    /** Plain Parquet, one file per {@code dt} partition, committed under a journal (this package). */
    PARQUET("parquet"),
    /** A Delta Lake table: Delta's transaction log is the commit. */
    DELTA("delta");

    private final String key;

    OutputFormat(String key) {
        this.key = key;
    }

    public String key() {
        return key;
    }

    public static OutputFormat of(JobConfig config) {
        return parse(config.string(ConfigKey.OUTPUT_FORMAT));
    }

    public static OutputFormat parse(String value) {
        for (OutputFormat format : values()) {
            if (format.key.equals(value)) {
                return format;
            }
        }
        throw new IllegalArgumentException("unknown table format " + value);
    }
}
