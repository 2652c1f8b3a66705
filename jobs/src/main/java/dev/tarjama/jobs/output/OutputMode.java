package dev.tarjama.jobs.output;

import dev.tarjama.jobs.config.ConfigKey;
import dev.tarjama.jobs.config.JobConfig;

/** How a run's rows meet the table ({@code output.mode}); docs/batch-job.md has the full table. */
public enum OutputMode {
    /** Upsert by article_id; touched partitions keep their other rows; undated articles keep their dt. */
    MERGE("merge"),
    /** {@link #MERGE}, and articles whose ok row has the same content, model and settings are skipped. */
    INCREMENTAL("incremental"),
    /** Each partition of this run's articles holds exactly this run's rows; only when asked for. */
    OVERWRITE("overwrite");

    private final String key;

    OutputMode(String key) {
        this.key = key;
    }

    public String key() {
        return key;
    }

    /** True when unchanged articles are skipped before translation. */
    public boolean skipsUnchanged() {
        return this == INCREMENTAL;
    }

    /** True when an article without a publication date keeps the {@code dt} of its existing row. */
    public boolean keepsUndatedPartition() {
        return this != OVERWRITE;
    }

    public static OutputMode of(JobConfig config) {
        String value = config.string(ConfigKey.OUTPUT_MODE);
        for (OutputMode mode : values()) {
            if (mode.key.equals(value)) {
                return mode;
            }
        }
        throw new IllegalArgumentException("unknown output.mode " + value); // ConfigKey already checked it
    }
}
