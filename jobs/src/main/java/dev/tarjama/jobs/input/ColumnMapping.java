package dev.tarjama.jobs.input;

import dev.tarjama.jobs.config.ConfigKey;
import dev.tarjama.jobs.config.JobConfig;
import dev.tarjama.jobs.exit.UsageException;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.function.Predicate;

/** Input column (or JSON field) names of the canonical columns, from {@code input.columns.*}. */
public record ColumnMapping(
        String articleId, String title, String body, String url, String source, String publishedAt)
        implements Serializable {

    /** One configured column: its key and the input column or field it names. */
    public record Mapped(ConfigKey key, String name) {}

    public static ColumnMapping of(JobConfig config) {
        return new ColumnMapping(
                config.string(ConfigKey.INPUT_COLUMN_ID),
                config.string(ConfigKey.INPUT_COLUMN_TITLE),
                config.string(ConfigKey.INPUT_COLUMN_BODY),
                config.string(ConfigKey.INPUT_COLUMN_URL),
                config.string(ConfigKey.INPUT_COLUMN_SOURCE),
                config.string(ConfigKey.INPUT_COLUMN_PUBLISHED_AT));
    }

    /** Every configured column, in key order. */
    public List<Mapped> all() {
        return List.of(new Mapped(ConfigKey.INPUT_COLUMN_ID, articleId), new Mapped(ConfigKey.INPUT_COLUMN_TITLE, title),
                new Mapped(ConfigKey.INPUT_COLUMN_BODY, body), new Mapped(ConfigKey.INPUT_COLUMN_URL, url),
                new Mapped(ConfigKey.INPUT_COLUMN_SOURCE, source),
                new Mapped(ConfigKey.INPUT_COLUMN_PUBLISHED_AT, publishedAt));
    }

    /**
     * The columns some record of the input must hold: title and body always; the id, url, source
     * and publication time when mapped to a name other than their default. Under their default
     * name they are optional (absent means null, or an id from the content hash); a name someone
     * chose must exist, or a typo would silently empty the column.
     */
    public List<Mapped> mustBeHeld() {
        List<Mapped> out = new ArrayList<>();
        for (Mapped m : all()) {
            boolean required = m.key() == ConfigKey.INPUT_COLUMN_TITLE || m.key() == ConfigKey.INPUT_COLUMN_BODY;
            if (required || !m.name().equals(m.key().defaultValue())) {
                out.add(m);
            }
        }
        return out;
    }

    /**
     * Refuses (exit 2) when a column of {@link #mustBeHeld()} is not {@code held} by any record,
     * in one line naming the key, the column and what the input has.
     *
     * @param what {@code column} or {@code field}, as the format calls them
     * @param seen the names the input has (or a sample of them)
     */
    public void requireHeld(Predicate<String> held, Collection<String> seen, String what) {
        for (Mapped m : mustBeHeld()) {
            if (!held.test(m.name())) {
                throw new UsageException(m.key().key() + "=" + m.name() + ": no record of the input has a " + what
                        + " '" + m.name() + "'; " + what + "s seen: "
                        + (seen.isEmpty() ? "none" : String.join(", ", seen)));
            }
        }
    }
}
