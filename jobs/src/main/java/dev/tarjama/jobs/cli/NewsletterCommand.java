package dev.tarjama.jobs.cli;

import dev.tarjama.jobs.exit.ExitCode;
import dev.tarjama.jobs.exit.UsageException;
import dev.tarjama.jobs.newsletter.NewsletterJob;
import dev.tarjama.jobs.newsletter.NewsletterOptions;
import dev.tarjama.jobs.newsletter.Selection;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Set;
import org.apache.spark.sql.SparkSession;

/**
 * {@code tarjama newsletter --input PARQUET_DIR [--from DATE] [--to DATE] [--out DIR] [--max N]
 * [--per-source N] [--title TEXT] [--similarity J] [--templates DIR]}: a bilingual newsletter (HTML
 * email, Markdown, plain text, manifest) from the batch job's output. Runs Spark in local mode unless
 * a session exists already (spark-submit, tests); a session it did not start it leaves running.
 */
public final class NewsletterCommand {
    static final String USAGE = "usage: tarjama newsletter --input PARQUET_DIR [--from yyyy-MM-dd] [--to yyyy-MM-dd]"
            + " [--out DIR] [--max N] [--per-source N] [--title TEXT] [--similarity 0..1] [--templates DIR]";

    private NewsletterCommand() {}

    public static int run(String[] argv) throws Exception {
        Args args = Args.parse(argv, Set.of("input", "from", "to", "out", "max", "per-source", "title",
                "similarity", "templates"), Set.of("help"));
        if (args.flag("help")) {
            System.err.println(USAGE);
            return ExitCode.OK;
        }
        if (!args.positional().isEmpty()) {
            throw new UsageException("unexpected argument '" + args.positional().get(0) + "'; " + USAGE);
        }
        NewsletterOptions options = options(args);
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
            System.out.printf("newsletter %s..%s: %d articles (%d candidates, %d duplicates collapsed, %d over the"
                    + " per-source cap, %d over the maximum) in %s%n", result.from(), result.to(), s.selected().size(),
                    s.candidates(), s.duplicates().size(), s.cappedPerSource(), s.overMax(), result.folder());
            return ExitCode.OK;
        } finally {
            if (existing == null) {
                spark.stop();
            }
        }
    }

    static NewsletterOptions options(Args args) {
        try {
            String out = args.get("out", null);
            String templates = args.get("templates", null);
            return new NewsletterOptions(args.require("input"), date(args, "from"), date(args, "to"),
                    out == null ? null : Path.of(out),
                    args.intValue("max", NewsletterOptions.DEFAULT_MAX),
                    args.intValue("per-source", NewsletterOptions.DEFAULT_PER_SOURCE),
                    args.get("title", NewsletterOptions.DEFAULT_TITLE),
                    similarity(args.get("similarity", null)),
                    templates == null ? null : Path.of(templates));
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
    }

    private static LocalDate date(Args args, String name) {
        String value = args.get(name, null);
        try {
            return value == null ? null : LocalDate.parse(value);
        } catch (DateTimeParseException e) {
            throw new UsageException("--" + name + " takes a date yyyy-MM-dd, got '" + value + "'");
        }
    }

    private static double similarity(String value) {
        if (value == null) {
            return NewsletterOptions.DEFAULT_SIMILARITY;
        }
        try {
            return Double.parseDouble(value);
        } catch (NumberFormatException e) {
            throw new UsageException("--similarity takes a number in (0, 1], got '" + value + "'");
        }
    }
}
