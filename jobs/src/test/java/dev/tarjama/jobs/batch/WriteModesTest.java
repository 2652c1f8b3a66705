package dev.tarjama.jobs.batch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tarjama.jobs.cli.Main;
import dev.tarjama.jobs.output.OutputFormat;
import dev.tarjama.jobs.output.TableReads;
import dev.tarjama.jobs.support.FailingTranslatorFactory;
import dev.tarjama.jobs.support.Inputs;
import dev.tarjama.jobs.support.JobRuns;
import dev.tarjama.jobs.support.LocalSpark;
import dev.tarjama.jobs.support.TestPaths;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Whole runs on one table: the write modes and formats as a user meets them (the samples, a late
 * article, a moved and an undated one), read back by DuckDB and Delta Kernel; failure isolation.
 */
@Tag("spark")
class WriteModesTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static SparkSession spark;

    @BeforeAll
    static void start() {
        spark = LocalSpark.start();
    }

    @AfterAll
    static void stop() {
        spark.stop();
    }

    /** The project's samples plus, when ../shared/data is there, 20 shared news articles. */
    private static List<String> baseArticles() throws Exception {
        List<String> lines = new ArrayList<>(Files.readAllLines(TestPaths.repoRoot().resolve("conf/samples/articles.jsonl")));
        if (TestPaths.sharedData().isPresent()) {
            lines.addAll(Inputs.wikinews(TestPaths.sharedData().get(), 20));
        }
        return lines;
    }

    private static Dataset<Row> table(Path output) {
        return spark.read().parquet(output.toString());
    }

    @Test
    void theSameInputTwiceLeavesOneRowPerArticleAndIncrementalTranslatesOnlyTheNewArticles(@TempDir Path tmp)
            throws Exception {
        List<String> base = baseArticles();
        Path input = Inputs.writeJsonl(tmp.resolve("a/articles.jsonl"), base, List.of());
        Path output = tmp.resolve("out");

        RunReport first = JobRuns.run(spark, input, output);
        RunReport second = JobRuns.run(spark, input, output);
        assertEquals(base.size(), first.count("ok"));
        assertEquals(base.size(), second.count("ok"));
        assertEquals(base.size(), table(output).count(), "merged twice: no duplicates");
        assertEquals(base.size(), table(output).select("article_id").distinct().count());
        assertEquals(base.size(), table(output).where("run_id = '" + second.runId() + "'").count(),
                "the second run replaced the first one's rows");

        List<String> more = new ArrayList<>(base);
        more.addAll(Inputs.fresh(10));
        Path bigger = Inputs.writeJsonl(tmp.resolve("b/articles.jsonl"), more, List.of());
        RunReport incremental = JobRuns.run(spark, bigger, output, "output.mode=incremental");
        assertEquals(10, incremental.count("ok"), "exactly the 10 new articles are translated");
        assertEquals(10, incremental.json().path("throughput").path("translated_articles").asLong());
        assertEquals(base.size(), incremental.json().path("reasons").path("skipped/unchanged").asLong());
        assertEquals(base.size() + 10, incremental.inputRecords());
        assertEquals(base.size() + 10, table(output).count());
        assertEquals(base.size() + 10, table(output).select("article_id").distinct().count());
        assertEquals(10, table(output).where("run_id = '" + incremental.runId() + "'").count());
        assertEquals(base.size(), table(output).where("run_id = '" + second.runId() + "'").count(),
                "unchanged articles keep their earlier rows");
    }

    @Test
    void aChangedArticleIsRetranslatedInIncrementalModeAndReplacesItsRow(@TempDir Path tmp) throws Exception {
        Path output = tmp.resolve("out");
        Path v1 = Inputs.writeJsonl(tmp.resolve("v1/a.jsonl"), List.of(
                Inputs.line("a", "عنوان أول", "نص الخبر الأول."), Inputs.line("b", "عنوان ثان", "نص الخبر الثاني.")),
                List.of());
        JobRuns.run(spark, v1, output, "output.mode=incremental");
        Path v2 = Inputs.writeJsonl(tmp.resolve("v2/a.jsonl"), List.of(
                Inputs.line("a", "عنوان أول", "نص الخبر الأول بعد التعديل."), Inputs.line("b", "عنوان ثان", "نص الخبر الثاني.")),
                List.of());
        RunReport report = JobRuns.run(spark, v2, output, "output.mode=incremental");
        assertEquals(1, report.count("ok"));
        assertEquals(1, report.count("skipped"));
        assertEquals(2, table(output).count());
        assertEquals("نص الخبر الأول بعد التعديل.",
                table(output).where("article_id = 'a'").first().getAs("body_ar"));
    }

    /** One article as a JSON line with a publication time. */
    private static String article(String id, String publishedAt) throws Exception {
        ObjectNode a = JSON.createObjectNode();
        a.put("id", id);
        a.put("title", "خبر متأخر عن افتتاح جسر جديد");
        a.put("body", "افتتح المحافظ مساء اليوم جسراً جديداً فوق النهر. وقال إن الجسر سيخفف الازدحام.");
        a.put("published_at", publishedAt);
        return JSON.writeValueAsString(a);
    }

    private static Map<String, TableReads.Key> rows(Path output, OutputFormat format) throws Exception {
        return TableReads.byId(output, format);
    }

    @ParameterizedTest
    @EnumSource(OutputFormat.class)
    void aLateArticleKeepsItsDaysEarlierRowsWithDefaultSettings(OutputFormat format, @TempDir Path tmp)
            throws Exception {
        Path samples = TestPaths.repoRoot().resolve("conf/samples/articles.jsonl");
        Path output = tmp.resolve("out");
        String[] fmt = {"output.format=" + format.key()};
        RunReport first = JobRuns.run(spark, samples, output, fmt);
        Path late = Inputs.writeJsonl(tmp.resolve("late/a.jsonl"), List.of(article("late-1", "2025-03-02T23:30:00Z")),
                List.of());
        RunReport second = JobRuns.run(spark, late, output, fmt);

        Map<String, TableReads.Key> table = rows(output, format);
        assertEquals(7, table.size(), "the six samples and the late article, once each");
        List<String> day = table.values().stream().filter(k -> k.dt().equals("2025-03-02"))
                .map(TableReads.Key::articleId).sorted().toList();
        assertEquals(List.of("late-1", "sample-001", "sample-002"), day, "dt=2025-03-02 keeps its two earlier rows");
        JsonNode out = second.json().path("output");
        assertEquals("merge", out.path("mode").asText());
        assertEquals(format.key(), out.path("format").asText());
        assertEquals(List.of("2025-03-02"), List.of(out.path("partitions_written").get(0).asText()));
        assertEquals(1, out.path("rows").path("inserted").asLong());
        assertEquals("within_limit", out.path("downgrade").path("verdict").asText());
        if (format == OutputFormat.PARQUET) {
            assertEquals(TableReads.duckdb(output, "dt=*/*.parquet"), TableReads.duckdb(output, "**/*.parquet"),
                    "a recursive glob reads the table only, not the reports, ledgers or journals");
            assertTrue(Files.isDirectory(output.resolve("_runs/" + second.runId() + "/ledger")));
        } else {
            long before = out.path("commit").path("delta_version_before").asLong();
            assertEquals(6, TableReads.kernel(output, before).size(), "time travel to the version before the run");
            assertTrue(TableReads.kernel(output, before).stream().allMatch(k -> k.runId().equals(first.runId())));
            // The newsletter reads the Delta table through the format-aware reader.
            assertEquals(0, Main.execute(new String[] {"newsletter", "--input", output.toString(), "--from",
                    "2025-03-01", "--to", "2025-03-03", "--out", tmp.resolve("news").toString()}, System.err));
            String manifest = Files.readString(tmp.resolve("news/manifest.json"));
            assertTrue(manifest.contains("late-1") && manifest.contains("sample-001"), manifest);
        }
    }

    @Test
    void anUndatedArticleOnTwoRunDatesAndAnArticleWhosePublicationMovedKeepOneRowEach(@TempDir Path tmp)
            throws Exception {
        Path samples = TestPaths.repoRoot().resolve("conf/samples/articles.jsonl");
        List<String> lines = Files.readAllLines(samples);
        String undatedId = null;
        for (String line : lines) {
            if (JSON.readTree(line).path("published_at").isNull() || JSON.readTree(line).path("published_at").isMissingNode()) {
                undatedId = JSON.readTree(line).path("id").asText();
            }
        }
        Path output = tmp.resolve("out");
        JobRuns.run(spark, samples, output, "run.date=2026-12-01");
        List<String> moved = new ArrayList<>(lines);
        moved.set(0, lines.get(0).replace("2025-03-02T08:30:00Z", "2025-03-05T08:30:00Z"));
        Path again = Inputs.writeJsonl(tmp.resolve("b/a.jsonl"), moved, List.of());
        RunReport second = JobRuns.run(spark, again, output, "run.date=2026-12-02");

        Map<String, TableReads.Key> table = rows(output, OutputFormat.PARQUET);
        assertEquals(6, table.size());
        assertEquals("2026-12-01", table.get(undatedId).dt(), "the undated article keeps its first run date");
        assertEquals(second.runId(), table.get(undatedId).runId());
        assertEquals("2025-03-05", table.get("sample-001").dt(), "the moved article left dt=2025-03-02");
        assertEquals(1, second.json().path("output").path("rows").path("moved").asLong());
        assertFalse(Files.exists(output.resolve("dt=2026-12-02")));
    }

    @Test
    void aFailingArticleFailsAloneAndTheFailureRateDecidesTheExitStatus(@TempDir Path tmp) throws Exception {
        List<String> lines = new ArrayList<>(Files.readAllLines(TestPaths.repoRoot().resolve("conf/samples/articles.jsonl")));
        lines.add(Inputs.line("poisoned", "خبر", "نص عربي يسبب " + FailingTranslatorFactory.POISON + " عطلا."));
        Path input = Inputs.writeJsonl(tmp.resolve("in/a.jsonl"), lines, List.of());
        RunReport report = JobRuns.run(spark,
                JobOptions.defaults(true).withTranslatorFactory(FailingTranslatorFactory.class.getName()),
                JobRuns.settings(input, tmp.resolve("out"), "batch.articles=16", "exec.partitions=1"));
        assertEquals(lines.size() - 1, report.count("ok"), "the batch-mates of the bad article are translated");
        assertEquals(1, report.count("failed"));
        Row failed = table(tmp.resolve("out")).where("status = 'failed'").first();
        assertEquals("poisoned", failed.getAs("article_id"));
        assertEquals("translation_error", failed.getAs("reason"));
        assertTrue(((String) failed.getAs("error")).contains("injected native failure"));
        assertTrue(report.failedThreshold(), "1 of 7 failed is above the default 5%");
    }

    @Test
    void aRunThatFailsLeavesThePreviousTableIntactAndReportsTheFailure(@TempDir Path tmp) throws Exception {
        Path input = TestPaths.repoRoot().resolve("conf/samples/articles.jsonl");
        Path output = tmp.resolve("out");
        RunReport good = JobRuns.run(spark, input, output);
        assertThrows(RuntimeException.class, () -> JobRuns.run(spark,
                JobOptions.defaults(true).withTranslatorFactory("dev.tarjama.jobs.NoSuchFactory"),
                JobRuns.settings(input, output)));
        assertEquals(6, table(output).count());
        assertEquals(6, table(output).where("run_id = '" + good.runId() + "'").count());
        List<Path> reports;
        try (var runs = Files.list(output.resolve("_runs"))) {
            reports = runs.map(r -> r.resolve("report.json")).toList();
        }
        assertEquals(2, reports.size());
        long failedReports = 0;
        for (Path report : reports) {
            RunReport parsed = RunReport.parse(Files.readString(report));
            if (parsed.json().path("status").asText().equals("failed")) {
                failedReports++;
                assertTrue(parsed.json().path("error").asText().contains("NoSuchFactory"), parsed.toJson());
                assertFalse(Files.exists(report.getParent().resolve("staging")), "staging removed");
            }
        }
        assertEquals(1, failedReports);
    }
}
