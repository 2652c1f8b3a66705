package dev.tarjama.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tarjama.jobs.exec.ModelCache;
import dev.tarjama.jobs.exec.ModelRole;
import dev.tarjama.jobs.exec.ModelUse;
import dev.tarjama.jobs.support.Inputs;
import dev.tarjama.jobs.support.JobRuns;
import dev.tarjama.jobs.support.TestPaths;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The SQL functions on local[2] over the sample articles plus null, empty, binary, English and
 * too-large bodies, against a batch job run over the same bodies with the same settings.
 */
@Tag("spark")
class SqlFunctionsTest {
    @TempDir
    static Path tmp;
    private static SparkSession spark;
    private static Path input;
    private static int records;
    /** article_id -> the job's row: status, reason, body_en, flags, segments, summary_en, summary_ar. */
    private static final Map<String, Row> job = new HashMap<>();

    @BeforeAll
    static void runTheJobThenOpenTheApi() throws Exception {
        List<String> lines = new ArrayList<>();
        for (String sample : Files.readAllLines(TestPaths.repoRoot().resolve("conf/samples/articles.jsonl"))) {
            Map<?, ?> article = new com.fasterxml.jackson.databind.ObjectMapper().readValue(sample, Map.class);
            lines.add(Inputs.line((String) article.get("id"), "", (String) article.get("body")));
        }
        lines.add("{\"id\": \"null-body\", \"title\": \"\", \"body\": null}");
        lines.add(Inputs.line("empty-body", "", "   "));
        lines.add(Inputs.line("binary-body", "", "\u0001\u0002\u0003\uFFFD\uFFFD\u0004 \u0005\u0006\uFFFD"));
        lines.add(Inputs.line("english-body", "", "A strong storm hit the coast on Monday."));
        lines.add(Inputs.line("huge-body", "", "كلمة ".repeat(1500)));
        records = lines.size();
        input = Inputs.writeJsonl(tmp.resolve("in/articles.jsonl"), lines, List.of());
        spark = ApiSpark.start(ApiSpark.settings());
        Path output = tmp.resolve("out");
        JobRuns.run(spark, input, output, "run.date=2025-01-15", "input.max_body_chars=5000");
        for (Row r : spark.read().parquet(output.toString())
                .select("article_id", "status", "reason", "body_en", "flags", "segments", "summary_en", "summary_ar")
                .collectAsList()) {
            job.put(r.getString(0), r);
        }
        assertEquals(records, job.size());
        ModelCache.closeAll(); // the API's queries load their own model: its loads are counted below
        spark.read().schema("id STRING, body STRING").json(input.toString()).repartition(3)
                .createOrReplaceTempView("articles");
    }

    @AfterAll
    static void stop() {
        ModelCache.closeAll();
        spark.stop();
    }

    private static Map<String, Row> byId(String sql) {
        Map<String, Row> out = new HashMap<>();
        for (Row r : spark.sql(sql).collectAsList()) {
            out.put(r.getString(0), r);
        }
        return out;
    }

    @Test
    void translateGivesOneRowPerInputAndTheJobsBodyEnTokenForToken() {
        Map<String, Row> sql = byId("SELECT id, tarjama_translate(body) FROM articles");
        assertEquals(records, spark.sql("SELECT tarjama_translate(body) FROM articles").count(), "one row per input");
        assertEquals(job.keySet(), sql.keySet());
        int translated = 0;
        for (Map.Entry<String, Row> e : job.entrySet()) {
            String en = sql.get(e.getKey()).getString(1);
            if (e.getValue().getString(1).equals("ok")) {
                assertEquals(e.getValue().getString(3), en, e.getKey());
                translated++;
            } else {
                assertNull(en, e.getKey() + " is " + e.getValue().getString(1) + ": no text");
            }
        }
        assertEquals(6, translated, "the sample articles");
    }

    @Test
    void translateStructGivesTheJobsStatusReasonFlagsAndSegments() {
        Map<String, Row> sql = byId("SELECT id, t.status, t.reason, t.flags, t.segments, t.text FROM"
                + " (SELECT id, tarjama_translate_struct(body) t FROM articles)");
        for (Map.Entry<String, Row> e : job.entrySet()) {
            Row mine = sql.get(e.getKey());
            Row theirs = e.getValue();
            assertEquals(theirs.getString(1) + "/" + theirs.getString(2), mine.getString(1) + "/" + mine.getString(2),
                    e.getKey());
            List<String> translationFlags = theirs.<String>getList(4).stream().filter(f -> !f.startsWith("summary_")).toList();
            assertEquals(translationFlags, mine.getList(3), "flags of " + e.getKey() + " (the job adds its summary's)");
            assertSameSegments(theirs.getList(5), mine.getList(4), e.getKey());
        }
        assertEquals("failed/binary_content", sql.get("binary-body").getString(1) + "/" + sql.get("binary-body").getString(2));
        assertEquals("skipped/empty", sql.get("null-body").getString(1) + "/" + sql.get("null-body").getString(2));
        assertEquals("skipped/not_arabic", sql.get("english-body").getString(1) + "/" + sql.get("english-body").getString(2));
        assertEquals("failed/too_large", sql.get("huge-body").getString(1) + "/" + sql.get("huge-body").getString(2));
    }

    /**
     * Segments equal field by field; the score (mean log-probability) to 1e-5, since a different
     * padding of the model batch changes its last float digits, never the tokens.
     */
    private static void assertSameSegments(List<Row> expected, List<Row> actual, String id) {
        if (expected == null || actual == null) {
            assertEquals(expected, actual, "segments of " + id);
            return;
        }
        assertEquals(expected.size(), actual.size(), "segments of " + id);
        for (int i = 0; i < expected.size(); i++) {
            Row e = expected.get(i);
            Row a = actual.get(i);
            for (int f = 0; f < e.length(); f++) {
                if (f == 4) {
                    assertEquals(e.getDouble(f), a.getDouble(f), 1e-5, "score of segment " + i + " of " + id);
                } else {
                    assertEquals(String.valueOf(e.get(f)), String.valueOf(a.get(f)), "segment " + i + " of " + id);
                }
            }
        }
    }

    @Test
    void binaryColumnsAreReadAsUtf8AndUndecodableBytesAreBinaryContent() {
        Map<String, Row> sql = byId("SELECT id, tarjama_translate(CAST(body AS BINARY)) FROM articles");
        for (Map.Entry<String, Row> e : job.entrySet()) {
            assertEquals(e.getValue().getString(1).equals("ok") ? e.getValue().getString(3) : null,
                    sql.get(e.getKey()).getString(1), e.getKey());
        }
        Row bad = spark.sql("SELECT t.status, t.reason FROM (SELECT tarjama_translate_struct(X'FFFE7BC3287D') t)").first();
        assertEquals("failed/binary_content", bad.getString(0) + "/" + bad.getString(1));
    }

    @Test
    void aNonTextArgumentIsAnErrorThatSaysToCastIt() {
        Exception e = org.junit.jupiter.api.Assertions.assertThrows(Exception.class,
                () -> spark.sql("SELECT tarjama_translate(42)").collectAsList());
        String message = String.valueOf(e.getMessage()) + (e.getCause() == null ? "" : e.getCause().getMessage());
        assertTrue(message.contains("tarjama_translate takes string (or binary UTF-8) arguments"), message);
    }

    @Test
    void theModelLoadsOncePerExecutorJvmAndEveryTaskSharesIt() {
        spark.sql("SELECT tarjama_translate(body) FROM articles").collectAsList();
        spark.sql("SELECT tarjama_translate_struct(body) FROM articles").collectAsList();
        Map<ModelUse, Long> loads = TarjamaMetrics.modelLoads(spark);
        assertEquals(1, loads.size(), "local mode: one JVM, one model: " + loads);
        ModelUse use = loads.keySet().iterator().next();
        assertEquals(ModelRole.TRANSLATION, use.role());
        assertEquals(1L, loads.get(use), "loads over every query of the application");
        long partitions = TarjamaMetrics.modelPartitions(spark).values().stream().mapToLong(Long::longValue).sum();
        assertTrue(partitions >= 6, "two queries of three partitions used the one model: " + partitions);
    }

    @Test
    void queriesAreEvaluatedByTheBatchOperatorNotRowByRow() {
        String plan = spark.sql("SELECT id, tarjama_translate(body) FROM articles").queryExecution().executedPlan()
                .toString();
        assertTrue(plan.contains("TarjamaEval [tarjama_translate(body#"), plan);
        assertFalse(plan.contains("UDF"), plan);
    }

    @Test
    void aFilterOnTheResultTranslatesEachRowOnceAndOtherFiltersRunFirst() {
        long before = TarjamaMetrics.of(spark.sparkContext()).articlesDone().value();
        List<Row> ok = spark.sql("SELECT id, t.text FROM (SELECT id, tarjama_translate_struct(body) t FROM articles)"
                + " WHERE t.status = 'ok'").collectAsList();
        long afterFilterOnResult = TarjamaMetrics.of(spark.sparkContext()).articlesDone().value();
        assertEquals(6, ok.size());
        assertEquals(records, afterFilterOnResult - before, "each row translated once");
        List<Row> one = spark.sql("SELECT en FROM (SELECT id, tarjama_translate(body) en FROM articles)"
                + " WHERE id = 'sample-001'").collectAsList();
        assertEquals(1, one.size());
        assertEquals(job.get("sample-001").getString(3), one.get(0).getString(0));
        assertEquals(1, TarjamaMetrics.of(spark.sparkContext()).articlesDone().value() - afterFilterOnResult,
                "the id filter ran before translation");
    }

    @Test
    void summarizeGivesTheJobsExtractiveSummaries() {
        Map<String, Row> sql = byId("SELECT id, s.summary_en, s.summary_ar, s.method_en, s.status FROM"
                + " (SELECT id, tarjama_summarize(body, tarjama_translate(body)) s FROM articles)");
        for (String id : List.of("sample-001", "sample-002", "sample-003", "sample-004", "sample-005", "sample-006")) {
            assertEquals(job.get(id).getString(7), sql.get(id).getString(2), "summary_ar of " + id);
            assertEquals(job.get(id).getString(6), sql.get(id).getString(1), "summary_en of " + id);
            assertEquals("extractive", sql.get(id).getString(3));
        }
        assertEquals("skipped", sql.get("null-body").getString(4));
    }
}
