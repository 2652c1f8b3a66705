package dev.tarjama.jobs.batch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tarjama.jobs.config.JobConfig;
import dev.tarjama.jobs.support.FakeTranslatorFactory;
import dev.tarjama.jobs.support.Inputs;
import dev.tarjama.jobs.support.LocalSpark;
import dev.tarjama.jobs.support.TestPaths;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@Tag("spark")
class BatchJobTest {
    private static SparkSession spark;

    @BeforeAll
    static void start() {
        spark = LocalSpark.start();
    }

    @AfterAll
    static void stop() {
        BatchJob.releaseModels();
        spark.stop();
    }

    private static RunReport run(Path input, Path output, String... sets) {
        JobConfig config = JobConfig.builder().sets(List.of(
                "input.path=" + input, "output.path=" + output,
                "model.smoke.dir=" + TestPaths.repoRoot(), "generation.num_beams=1",
                "generation.max_new_tokens=32", "batch.articles=8", "run.progress_interval_s=1")).sets(List.of(sets)).build();
        JobOptions options = JobOptions.defaults(true).withTranslatorFactory(FakeTranslatorFactory.class.getName());
        try {
            return new BatchJob(spark, config, options).run();
        } finally {
            BatchJob.releaseModels();
        }
    }

    @Test
    void sharedArticlesAndMessyRecordsGiveOneRowPerRecordWithTheRightStatus(@TempDir Path tmp) throws Exception {
        Path shared = TestPaths.sharedData().orElse(null);
        Assumptions.assumeTrue(shared != null, "shared/data not found");
        List<String> news = Inputs.wikinews(shared, 72);
        Map<String, byte[]> messy = Inputs.messy();
        Path input = Inputs.writeJsonl(tmp.resolve("in/articles.jsonl"), news, messy.values());

        RunReport report = run(input, tmp.resolve("out"));

        int records = news.size() + messy.size();
        assertEquals(records, report.inputRecords());
        long sum = report.count("ok") + report.count("partial") + report.count("skipped") + report.count("failed");
        assertEquals(records, sum, "report counts add up to the input");

        List<Row> ledger = spark.read().parquet(report.json().path("output").path("ledger").asText())
                .select("article_id", "input_ref", "status", "reason").collectAsList();
        assertEquals(records, ledger.size(), "one ledger row per input record");
        Map<String, String> byId = new HashMap<>();
        for (Row r : ledger) {
            byId.merge(r.getString(0), r.getString(2) + "/" + r.getString(3), (a, b) -> a + "," + b);
        }
        assertEquals("failed/malformed_record", byId.get("wrong-type"));
        assertEquals("partial/empty_body", byId.get("null-body"));
        assertEquals("skipped/empty", byId.get("empty"));
        assertEquals("failed/too_large", byId.get("huge"));
        assertEquals("failed/binary_content", byId.get("binary"));
        assertEquals("skipped/not_arabic", byId.get("english"));
        assertEquals("ok/translated,skipped/duplicate_id", sortedPair(byId.get("dup")));
        long malformedLines = ledger.stream().filter(r -> r.getString(0).startsWith("ref:articles.jsonl@")
                && r.getString(2).equals("failed")).count();
        assertEquals(4, malformedLines, "bad JSON, not JSON, not an object, invalid UTF-8: ids from their offsets");
        assertEquals(5, report.json().path("malformed").path("count").asLong());
        assertTrue(ledger.stream().anyMatch(r -> r.getString(0).startsWith("h-") && r.getString(2).equals("ok")),
                "a record without id gets a content-hash id");
        assertEquals(72 + 1 + 1, report.count("ok"), "every shared article, one dup and the id-less one");

        long tableRows = spark.read().parquet(tmp.resolve("out").toString()).count();
        assertEquals(records - 1, tableRows, "the table holds every record but the duplicate");

        for (JsonNode load : report.json().path("model_loads")) {
            assertEquals(1, load.path("loads").asInt(), "one load per model per executor JVM: " + load);
        }
    }

    private static String sortedPair(String s) {
        return s == null ? null : String.join(",", s.split(",").length == 2
                ? List.of(s.split(",")).stream().sorted().toList() : List.of(s));
    }
}
