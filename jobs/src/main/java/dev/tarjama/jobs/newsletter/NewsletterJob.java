package dev.tarjama.jobs.newsletter;

import dev.tarjama.jobs.exit.NoInput;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.apache.spark.sql.SparkSession;

/** Reads the Parquet output, selects, renders and writes one newsletter with its manifest. */
public final class NewsletterJob {

    /** What was written: the folder, the resolved range and the selection. */
    public record Result(Path folder, LocalDate from, LocalDate to, Selection selection) {}

    private NewsletterJob() {}

    public static Result run(SparkSession spark, NewsletterOptions options) throws IOException {
        ParquetArticles parquet = new ParquetArticles(spark, options.input());
        LocalDate to = options.to();
        if (to == null) {
            // The latest day with news, unless --from is later than that (an empty newsletter then).
            LocalDate fromOption = options.from();
            to = parquet.latestDate()
                    .filter(latest -> fromOption == null || !latest.isBefore(fromOption))
                    .or(() -> java.util.Optional.ofNullable(fromOption))
                    .orElseThrow(() -> new NoInput("no rows with status ok under " + options.input()));
        }
        LocalDate from = options.from() != null ? options.from() : to;
        NewsletterOptions resolved = options.withRange(from, to);
        List<Candidate> rows = parquet.read(from, to);
        Selection selection = Selection.of(rows, resolved);
        write(resolved, selection, new NewsletterRenderer(resolved.templates()), Instant.now());
        return new Result(resolved.outputDir(), from, to, selection);
    }

    /** Renders the three formats and the manifest into {@code options.outputDir()}; each file replaced whole. */
    public static void write(NewsletterOptions options, Selection selection, NewsletterRenderer renderer,
            Instant generatedAt) throws IOException {
        Path folder = options.outputDir();
        Files.createDirectories(folder);
        NewsletterView view = NewsletterView.of(options.title(), options.from(), options.to(), selection.selected());
        for (NewsletterFormat format : NewsletterFormat.values()) {
            replace(folder.resolve(format.fileName()), renderer.render(format, view));
        }
        replace(folder.resolve("manifest.json"),
                Manifest.json(options, options.from(), options.to(), selection, generatedAt));
    }

    private static void replace(Path file, String content) throws IOException {
        Path tmp = file.resolveSibling("." + file.getFileName() + ".tmp");
        Files.writeString(tmp, content, StandardCharsets.UTF_8);
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
