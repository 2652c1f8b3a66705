package dev.tarjama.jobs.batch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tarjama.jobs.output.OutputSchema;
import dev.tarjama.jobs.support.Inputs;
import dev.tarjama.jobs.support.JobRuns;
import dev.tarjama.jobs.support.LocalSpark;
import dev.tarjama.jobs.support.TestPaths;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructField;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One local[2] run over the project's samples, the shared news articles (when ../shared/data is
 * there) and the messy records of the issue; each test checks one promise of that run.
 */
@Tag("spark")
class BatchJobTest {
    @TempDir
    static Path tmp;
    private static SparkSession spark;
    private static RunReport report;
    private static Path output;
    private static int records;
    private static int sharedArticles;
    private static List<Row> ledger;

    @BeforeAll
    static void runOnce() throws Exception {
        spark = LocalSpark.start();
        Optional<Path> shared = TestPaths.sharedData();
        List<String> lines = new ArrayList<>(Files.readAllLines(TestPaths.repoRoot().resolve("conf/samples/articles.jsonl")));
        int samples = lines.size();
        if (shared.isPresent()) {
            List<String> news = Inputs.wikinews(shared.get(), 72);
            sharedArticles = news.size();
            lines.addAll(news);
        }
        Map<String, byte[]> messy = Inputs.messy();
        records = samples + sharedArticles + messy.size();
        Path input = Inputs.writeJsonl(tmp.resolve("in/articles.jsonl"), lines, messy.values());
        output = tmp.resolve("out");
        report = JobRuns.run(spark, input, output, "run.date=2025-01-15");
        ledger = spark.read().json(report.json().path("output").path("ledger").asText())
                .select("article_id", "input_ref", "status", "reason").collectAsList();
    }

    @AfterAll
    static void stop() {
        spark.stop();
    }

    @Test
    void everyInputRecordGetsExactlyOneRowWithItsStatus() {
        assertEquals(records, ledger.size(), "one ledger row per input record");
        Map<String, List<String>> byId = new HashMap<>();
        for (Row r : ledger) {
            byId.computeIfAbsent(r.getString(0), k -> new ArrayList<>()).add(r.getString(2) + "/" + r.getString(3));
        }
        assertEquals(List.of("failed/malformed_record"), byId.get("wrong-type"));
        assertEquals(List.of("partial/empty_body"), byId.get("null-body"));
        assertEquals(List.of("skipped/empty"), byId.get("empty"));
        assertEquals(List.of("failed/too_large"), byId.get("huge"));
        assertEquals(List.of("failed/binary_content"), byId.get("binary"));
        assertEquals(List.of("skipped/not_arabic"), byId.get("english"));
        assertEquals(List.of("ok/translated", "skipped/duplicate_id"), byId.get("dup").stream().sorted().toList());
        long unreadableLines = ledger.stream().filter(r -> r.getString(0).startsWith("ref:articles.jsonl@")
                && r.getString(3).equals("malformed_record")).count();
        assertEquals(4, unreadableLines, "bad JSON, not JSON, not an object, invalid UTF-8: ids from their offsets");
        assertTrue(ledger.stream().anyMatch(r -> r.getString(0).startsWith("h-") && r.getString(2).equals("ok")),
                "a record without id gets a content-hash id");
        for (String id : List.of("sample-001", "sample-002", "sample-003", "sample-004", "sample-005", "sample-006")) {
            assertEquals(List.of("ok/translated"), byId.get(id), id);
        }
    }

    @Test
    void sharedNewsArticlesAreAllTranslated() {
        Assumptions.assumeTrue(sharedArticles > 0, "../shared/data not found");
        long ok = ledger.stream().filter(r -> r.getString(0).startsWith("wikinewsmax-")
                && r.getString(2).equals("ok")).count();
        assertEquals(sharedArticles, ok);
    }

    @Test
    void reportCountsAddUpToTheInputAndSampleTheMalformedRecords() {
        assertEquals(records, report.inputRecords());
        long sum = report.count("ok") + report.count("partial") + report.count("skipped") + report.count("failed");
        assertEquals(records, sum);
        assertEquals(5, report.json().path("malformed").path("count").asLong());
        assertEquals(5, report.json().path("malformed").path("sample").size());
        assertEquals(7, report.count("failed"));
        assertTrue(report.failedThreshold() == (7.0 / records > 0.05));
        assertTrue(report.json().path("throughput").path("articles_per_s").asDouble() > 0);
        for (String stage : List.of("read", "translate", "report", "write")) {
            assertTrue(report.json().path("stage_seconds").has(stage), stage);
        }
        assertEquals("2025-01-15", report.json().path("run_date").asText());
    }

    @Test
    void eachExecutorJvmLoadsTheModelOnceAndSharesItAcrossTasks() {
        JsonNode loads = report.json().path("model_loads");
        assertEquals(1, loads.size(), "local mode: one executor JVM, one model");
        assertEquals(1, loads.get(0).path("loads").asInt());
        assertTrue(loads.get(0).path("partitions").asInt() > 1, "several tasks used the one loaded model: " + loads);
    }

    @Test
    void theTableKeepsOneRowPerArticleIdAndLeavesTheDuplicateOut() {
        List<Row> ids = spark.read().parquet(output.toString()).select("article_id").collectAsList();
        assertEquals(records - 1, ids.size());
        assertEquals(ids.size(), ids.stream().map(r -> r.getString(0)).distinct().count());
    }

    @Test
    void duckDbReadsTheParquetWithTheDocumentedSchema() throws Exception {
        List<String[]> documented = documentedColumns();
        List<StructField> spark = new ArrayList<>(OutputSchema.DATA_COLUMNS);
        assertEquals(spark.size() + 1, documented.size(), "documented columns = data columns + dt");
        for (int i = 0; i < spark.size(); i++) {
            String[] doc = documented.get(i);
            StructField field = spark.get(i);
            assertEquals(doc[1], field.name(), "column " + (i + 1));
            assertEquals(doc[2], field.dataType().simpleString(), field.name());
            assertEquals(doc[4].equals("yes"), field.nullable(), field.name() + " nullable");
        }
        assertEquals(OutputSchema.DT, documented.get(spark.size())[1]);

        Map<String, String> duck = new TreeMap<>();
        List<String> order = new ArrayList<>();
        try (Connection db = DriverManager.getConnection("jdbc:duckdb:");
                Statement st = db.createStatement()) {
            String files = "read_parquet('" + output + "/dt=*/*.parquet', hive_partitioning = true)";
            try (ResultSet rs = st.executeQuery("DESCRIBE SELECT * FROM " + files)) {
                while (rs.next()) {
                    order.add(rs.getString("column_name"));
                    duck.put(rs.getString("column_name"), rs.getString("column_type"));
                }
            }
            try (ResultSet rs = st.executeQuery("SELECT count(*), count(DISTINCT article_id), "
                    + "count(*) FILTER (WHERE status = 'ok'), min(schema_version), max(schema_version) FROM " + files)) {
                rs.next();
                assertEquals(records - 1, rs.getLong(1));
                assertEquals(records - 1, rs.getLong(2));
                assertEquals(report.count("ok"), rs.getLong(3));
                assertEquals(OutputSchema.VERSION, rs.getInt(4));
                assertEquals(OutputSchema.VERSION, rs.getInt(5));
            }
            try (ResultSet rs = st.executeQuery("SELECT len(segments), segments[1].en, title_en FROM " + files
                    + " WHERE article_id = 'sample-001'")) {
                assertTrue(rs.next());
                assertTrue(rs.getInt(1) > 0);
                assertFalse(rs.getString(2).isEmpty());
            }
        }
        assertEquals(documented.stream().map(d -> d[1]).toList(), order, "DuckDB column order");
        for (String[] doc : documented) {
            assertEquals(doc[3], duck.get(doc[1]), "DuckDB type of " + doc[1]);
        }
    }

    /** The column table of docs/output-schema.md: #, column, Spark type, DuckDB type, nullable, meaning. */
    static List<String[]> documentedColumns() throws Exception {
        Path doc = TestPaths.repoRoot().resolve("docs/output-schema.md");
        List<String> lines = Files.readAllLines(doc);
        assertTrue(lines.get(0).contains("version " + OutputSchema.VERSION), "docs heading names the version");
        List<String[]> out = new ArrayList<>();
        for (String line : lines) {
            if (line.matches("\\| \\d+ \\|.*")) {
                String[] cells = line.substring(1, line.length() - 1).split(" \\| ");
                for (int i = 0; i < cells.length; i++) {
                    cells[i] = cells[i].trim();
                }
                out.add(cells);
            }
        }
        return out;
    }
}
