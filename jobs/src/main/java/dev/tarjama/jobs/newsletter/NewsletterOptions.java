package dev.tarjama.jobs.newsletter;

import java.nio.file.Path;
import java.time.LocalDate;

/**
 * What {@code tarjama newsletter} builds. {@code from}/{@code to} may be null until resolved against
 * the data (then: the latest publication day of the {@code ok} rows; {@code from} defaults to {@code to}).
 *
 * @param out null: {@code <input>/_newsletters/<from>_<to>/}
 * @param templates null: the templates bundled under {@code newsletter/} on the class path
 * @param similarity word-shingle Jaccard at or above which two stories are the same
 * @param includeFlagged also select rows flagged for review ({@link ReviewFlags}), marked "needs review"
 */
public record NewsletterOptions(String input, LocalDate from, LocalDate to, Path out, int max, int perSource,
        String title, double similarity, Path templates, boolean includeFlagged) {

    public static final int DEFAULT_MAX = 20;
    public static final int DEFAULT_PER_SOURCE = 5;
    public static final double DEFAULT_SIMILARITY = 0.5;
    public static final String DEFAULT_TITLE = "Tarjama — Arabic news in English";

    public NewsletterOptions {
        if (input == null || input.isBlank()) {
            throw new IllegalArgumentException("input is required");
        }
        if (max < 1 || perSource < 1) {
            throw new IllegalArgumentException("max and per-source must be at least 1");
        }
        if (!(similarity > 0 && similarity <= 1)) {
            throw new IllegalArgumentException("similarity must be in (0, 1]");
        }
        if (from != null && to != null && from.isAfter(to)) {
            throw new IllegalArgumentException("from " + from + " is after to " + to);
        }
        if (title == null || title.isBlank()) {
            title = DEFAULT_TITLE;
        }
    }

    /** Defaults for everything but the input. */
    public static NewsletterOptions defaults(String input) {
        return new NewsletterOptions(input, null, null, null, DEFAULT_MAX, DEFAULT_PER_SOURCE, DEFAULT_TITLE,
                DEFAULT_SIMILARITY, null, false);
    }

    public NewsletterOptions withRange(LocalDate from, LocalDate to) {
        return new NewsletterOptions(input, from, to, out, max, perSource, title, similarity, templates, includeFlagged);
    }

    public NewsletterOptions withLimits(int max, int perSource) {
        return new NewsletterOptions(input, from, to, out, max, perSource, title, similarity, templates, includeFlagged);
    }

    public NewsletterOptions withOut(Path out) {
        return new NewsletterOptions(input, from, to, out, max, perSource, title, similarity, templates, includeFlagged);
    }

    public NewsletterOptions withIncludeFlagged(boolean include) {
        return new NewsletterOptions(input, from, to, out, max, perSource, title, similarity, templates, include);
    }

    /** The folder the files go to. */
    public Path outputDir() {
        return out != null ? out : Path.of(input).resolve("_newsletters").resolve(from + "_" + to);
    }
}
