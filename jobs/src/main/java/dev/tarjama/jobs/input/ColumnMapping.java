package dev.tarjama.jobs.input;

import dev.tarjama.jobs.config.ConfigKey;
import dev.tarjama.jobs.config.JobConfig;
import java.io.Serializable;

/** Input column (or JSON field) names of the canonical columns, from {@code input.columns.*}. */
public record ColumnMapping(
        String articleId, String title, String body, String url, String source, String publishedAt)
        implements Serializable {

    public static ColumnMapping of(JobConfig config) {
        return new ColumnMapping(
                config.string(ConfigKey.INPUT_COLUMN_ID),
                config.string(ConfigKey.INPUT_COLUMN_TITLE),
                config.string(ConfigKey.INPUT_COLUMN_BODY),
                config.string(ConfigKey.INPUT_COLUMN_URL),
                config.string(ConfigKey.INPUT_COLUMN_SOURCE),
                config.string(ConfigKey.INPUT_COLUMN_PUBLISHED_AT));
    }
}
