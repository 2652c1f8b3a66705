package dev.tarjama.jobs.batch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tarjama.jobs.support.Inputs;
import dev.tarjama.jobs.support.JobRuns;
import dev.tarjama.jobs.support.LocalSpark;
import dev.tarjama.jobs.support.TestPaths;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A summary that fails for one article makes that row {@code partial}/{@code summary_error} with the
 * message and keeps its translation; the other articles of the same micro-batch keep their summaries.
 */
@Tag("spark")
class SummaryFailureInJobTest {

    @TempDir
    Path tmp;

    @Test
    void aFailingSummaryMarksOnlyItsRowPartialAndKeepsTheTranslation() throws Exception {
        // A real tiny BART whose config claims 4,096 positions while its embedding table has 256:
        // it loads and summarizes short texts, and ONNX Runtime fails on a long one (index out of range).
        Path bart = tmp.resolve("bart-claims-4096");
        copyTree(TestPaths.repoRoot().resolve("models/tiny/bart-xenova"), bart);
        Files.delete(bart.resolve("manifest.json")); // an altered copy: loaded unverified, not refused
        Path config = bart.resolve("config.json");
        String json = Files.readString(config);
        assertTrue(json.contains("\"max_position_embeddings\": 256"), "tiny BART has 256 positions");
        Files.writeString(config, json.replace("\"max_position_embeddings\": 256", "\"max_position_embeddings\": 4096"));

        List<String> lines = new ArrayList<>(Files.readAllLines(TestPaths.repoRoot().resolve("conf/samples/articles.jsonl")));
        StringBuilder longBody = new StringBuilder();
        for (int i = 0; i < 40; i++) {
            longBody.append("قال المتحدث باسم الوزارة إن الاجتماع ناقش خطة جديدة للنقل العام في المدينة رقم ").append(i).append(". ");
        }
        lines.add(Inputs.line("long-one", "خبر طويل", longBody.toString()));
        Path input = Inputs.writeJsonl(tmp.resolve("in/articles.jsonl"), lines, List.of());

        SparkSession spark = LocalSpark.start();
        try {
            RunReport report = JobRuns.run(spark, input, tmp.resolve("out"), "run.date=2025-01-15",
                    "model.summary.dir=" + bart, "batch.articles=16");
            Map<String, Row> rows = new HashMap<>();
            for (Row r : spark.read().parquet(tmp.resolve("out").toString())
                    .select("article_id", "status", "reason", "error", "body_en", "summary_en", "summary_ar")
                    .collectAsList()) {
                rows.put(r.getString(0), r);
            }
            assertEquals(lines.size(), rows.size());
            Row failed = rows.get("long-one");
            assertEquals("partial", failed.getString(1));
            assertEquals("summary_error", failed.getString(2));
            assertTrue(failed.getString(3).startsWith("summary failed:"), failed.getString(3));
            assertNotNull(failed.getString(4), "the translation is kept");
            assertFalse(failed.getString(4).isBlank(), "the translation is kept");
            // Every other row either got its summary or failed alone the same way (the tiny Marian's
            // English can be long in BART tokens too); a failure never costs a translation.
            int summarized = 0;
            int partial = 0;
            for (Row row : rows.values()) {
                if (row.getString(4) == null || row.getString(4).isBlank()) {
                    continue;
                }
                if (row.getString(1).equals("ok")) {
                    assertNotNull(row.getString(5), "ok rows have their summary_en: " + row);
                    assertNotNull(row.getString(6), row.toString());
                    summarized++;
                } else {
                    assertEquals("partial", row.getString(1), row.toString());
                    assertEquals("summary_error", row.getString(2), row.toString());
                    partial++;
                }
            }
            assertTrue(summarized >= 1, "a neighbour's failure did not cost the others their summaries");
            assertEquals(partial, report.json().path("counts").path("partial").asInt(), report.json().path("counts").toString());
        } finally {
            spark.stop();
        }
    }

    private static void copyTree(Path from, Path to) throws Exception {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path p : (Iterable<Path>) files::iterator) {
                Path dest = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(dest);
                } else {
                    Files.copy(p, dest, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }
}
