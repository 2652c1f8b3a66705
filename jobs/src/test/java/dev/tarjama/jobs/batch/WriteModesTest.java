package dev.tarjama.jobs.batch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tarjama.jobs.support.FailingTranslatorFactory;
import dev.tarjama.jobs.support.Inputs;
import dev.tarjama.jobs.support.JobRuns;
import dev.tarjama.jobs.support.LocalSpark;
import dev.tarjama.jobs.support.TestPaths;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Overwrite and incremental runs on the same table; failure isolation. */
@Tag("spark")
class WriteModesTest {
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
    void overwriteTwiceLeavesNoDuplicatesAndIncrementalTranslatesOnlyTheNewArticles(@TempDir Path tmp)
            throws Exception {
        List<String> base = baseArticles();
        Path input = Inputs.writeJsonl(tmp.resolve("a/articles.jsonl"), base, List.of());
        Path output = tmp.resolve("out");

        RunReport first = JobRuns.run(spark, input, output);
        RunReport second = JobRuns.run(spark, input, output);
        assertEquals(base.size(), first.count("ok"));
        assertEquals(base.size(), second.count("ok"));
        assertEquals(base.size(), table(output).count(), "overwrite twice: no duplicates");
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
