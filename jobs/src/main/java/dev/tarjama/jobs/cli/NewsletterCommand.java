package dev.tarjama.jobs.cli;

import dev.tarjama.jobs.exit.ExitCode;
import dev.tarjama.jobs.exit.NoInput;
import dev.tarjama.jobs.exit.UsageException;
import dev.tarjama.jobs.newsletter.NewsletterJob;
import dev.tarjama.jobs.newsletter.NewsletterOptions;
import dev.tarjama.jobs.newsletter.Selection;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code tarjama newsletter}: a bilingual newsletter (HTML email, Markdown, plain text, manifest)
 * from the batch job's output (docs/newsletter.md). Runs Spark in local mode unless a session
 * exists already (spark-submit, tests); a session it did not start it leaves running.
 */
@Command(name = "newsletter", sortOptions = false,
        description = "Write a bilingual (Arabic/English) newsletter as HTML, Markdown and text, with a manifest,"
                + " from the batch job's Parquet output (docs/newsletter.md).")
public final class NewsletterCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Option(names = "--input", required = true, paramLabel = "PARQUET_DIR",
            description = "The batch job's output.path (the folder holding dt=yyyy-MM-dd/).")
    private String input;

    @Option(names = "--from", paramLabel = "yyyy-MM-dd", description = "First day, inclusive. Default: --to.")
    private LocalDate from;

    @Option(names = "--to", paramLabel = "yyyy-MM-dd",
            description = "Last day, inclusive (dt, the UTC publication date). Default: the latest day with ok rows.")
    private LocalDate to;

    @Option(names = "--out", paramLabel = "DIR",
            description = "Output folder. Default: <input>/_newsletters/<from>_<to>/ (required for a remote --input).")
    private Path out;

    @Option(names = "--max", paramLabel = "N", defaultValue = "" + NewsletterOptions.DEFAULT_MAX,
            description = "Articles at most. Default: ${DEFAULT-VALUE}.")
    private int max;

    @Option(names = "--per-source", paramLabel = "N", defaultValue = "" + NewsletterOptions.DEFAULT_PER_SOURCE,
            description = "Articles per source at most. Default: ${DEFAULT-VALUE}.")
    private int perSource;

    @Option(names = "--title", paramLabel = "TEXT", defaultValue = NewsletterOptions.DEFAULT_TITLE,
            description = "Heading and HTML title. Default: ${DEFAULT-VALUE}.")
    private String title;

    @Option(names = "--similarity", paramLabel = "J", defaultValue = "" + NewsletterOptions.DEFAULT_SIMILARITY,
            description = "Word-shingle Jaccard in (0, 1] at or above which two stories are the same."
                    + " Default: ${DEFAULT-VALUE}.")
    private double similarity;

    @Option(names = "--templates", paramLabel = "DIR",
            description = "A folder with the three template files to use instead of the bundled ones.")
    private Path templates;

    @Option(names = "--include-flagged", description = "Also select articles whose flags say the English needs"
            + " review (repetition_loop, arabic_in_output, max_length, ...), marked NEEDS REVIEW. Default: left out,"
            + " listed in the manifest.")
    private boolean includeFlagged;

    @Option(names = "--fail-if-empty",
            description = "Exit 5 (no input) when no article is selected; the files are written all the same.")
    private boolean failIfEmpty;

    @Override
    public Integer call() throws Exception {
        NewsletterOptions options = options();
        if (!options.input().contains("://") && !Files.isDirectory(Path.of(options.input()))) {
            throw new UsageException("--input " + options.input() + " is not a folder");
        }
        if (options.input().contains("://") && options.out() == null) {
            throw new UsageException("--out is required when --input is not a local folder");
        }
        SparkSession existing = SparkSession.getActiveSession().isDefined() ? SparkSession.getActiveSession().get()
                : SparkSession.getDefaultSession().isDefined() ? SparkSession.getDefaultSession().get() : null;
        SparkSession spark = existing != null ? existing : SparkSession.builder().appName("tarjama-newsletter")
                .master("local[*]").config("spark.ui.enabled", "false")
                .config("spark.sql.session.timeZone", "UTC").getOrCreate();
        try {
            NewsletterJob.Result result = NewsletterJob.run(spark, options);
            Selection s = result.selection();
            spec.commandLine().getOut().printf("newsletter %s..%s: %d articles (%d candidates, %d flagged for review"
                    + " left out, %d duplicates collapsed, %d over the per-source cap, %d over the maximum) in %s%n",
                    result.from(), result.to(), s.selected().size(), s.candidates(), s.flagged().size(),
                    s.duplicates().size(), s.cappedPerSource(), s.overMax(), result.folder());
            spec.commandLine().getOut().flush();
            if (s.anySmoke()) {
                spec.commandLine().getErr().println("tarjama newsletter: WARNING: articles translated by the smoke model"
                        + " (random weights, not a translation); every format carries a banner");
            }
            if (failIfEmpty && s.selected().isEmpty()) {
                throw new NoInput("no article selected for " + result.from() + ".." + result.to() + " ("
                        + s.candidates() + " candidates, " + s.flagged().size() + " flagged for review; see "
                        + result.folder().resolve("manifest.json") + ")");
            }
            return ExitCode.OK;
        } finally {
            if (existing == null) {
                spark.stop();
            }
        }
    }

    private NewsletterOptions options() {
        try {
            return new NewsletterOptions(input, from, to, out, max, perSource, title, similarity, templates,
                    includeFlagged);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
    }
}
