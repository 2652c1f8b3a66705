package dev.tarjama.jobs.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tarjama.jobs.batch.JobOptions;
import dev.tarjama.jobs.output.OutputFormat;
import dev.tarjama.jobs.output.TableReads;
import dev.tarjama.jobs.support.JobRuns;
import dev.tarjama.jobs.support.LocalSpark;
import dev.tarjama.jobs.support.TestPaths;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shaded application jar submitted with spark-submit (client mode) to a standalone cluster of
 * a master and two 1-core workers, each its own JVM; the model shipped with {@code --archives}.
 * Then the same input through a local[2] run, to compare.
 */
@Tag("cluster")
class ClusterRunTest {
    @TempDir
    static Path tmp;
    private static int records;
    private static int exitCode;
    private static JsonNode report;
    private static Path clusterOut;
    private static Path input;
    private static Path driverLog;
    private static int sqlExitCode;
    private static Path sqlOut;
    private static JsonNode sqlModelLoads;
    private static Path deltaInput;
    private static Path deltaOut;
    private static int deltaExit;

    @BeforeAll
    static void submitOnce() throws Exception {
        input = ClusterJob.input(tmp, 30, 12);
        try (Stream<String> lines = Files.lines(input)) {
            records = (int) lines.count();
        }
        clusterOut = tmp.resolve("cluster-out");
        try (StandaloneCluster cluster = StandaloneCluster.start(tmp.resolve("cluster"), 2)) {
            long start = System.nanoTime();
            Process driver = ClusterJob.submit(cluster, Files.createDirectories(tmp.resolve("driver")),
                    ClusterJob.modelArchive(tmp), ClusterJob.settings(input, clusterOut, "exec.partitions=4"));
            exitCode = ClusterJob.await(driver, cluster, 5);
            driverLog = cluster.logs().resolve("driver.log");
            System.out.printf("cluster run: exit %d after %.1f s; driver log %s%n", exitCode,
                    (System.nanoTime() - start) / 1e9, driverLog);
            ClusterJob.printHighlights(driverLog);

            // The same input through the SQL functions: a SQL file submitted to the same cluster.
            start = System.nanoTime();
            sqlOut = tmp.resolve("sql-out");
            Process sql = ClusterJob.submitSql(cluster, Files.createDirectories(tmp.resolve("sql-driver")),
                    ClusterJob.modelArchive(tmp), sqlFile(tmp.resolve("articles.sql"), sqlOut), SQL_CONF);
            sqlExitCode = ClusterJob.await(sql, cluster, 4, "sql-driver.log");
            Path sqlLog = cluster.logs().resolve("sql-driver.log");
            System.out.printf("cluster SQL file: exit %d after %.1f s; driver log %s%n", sqlExitCode,
                    (System.nanoTime() - start) / 1e9, sqlLog);
            for (String line : Files.readAllLines(sqlLog, java.nio.charset.StandardCharsets.ISO_8859_1)) {
                if (line.startsWith("tarjama model_loads: ")) {
                    sqlModelLoads = new com.fasterxml.jackson.databind.ObjectMapper()
                            .readTree(line.substring("tarjama model_loads: ".length()));
                    System.out.println(line);
                }
            }
            // The same cluster writes a Delta table: Delta travels in the application jar only.
            Path deltaDir = Files.createDirectories(tmp.resolve("delta"));
            deltaInput = ClusterJob.input(deltaDir, 4, 0);
            deltaOut = tmp.resolve("cluster-delta");
            Process delta = ClusterJob.submit(cluster, Files.createDirectories(tmp.resolve("driver-delta")),
                    ClusterJob.modelArchive(deltaDir),
                    ClusterJob.settings(deltaInput, deltaOut, "exec.partitions=2", "output.format=delta"));
            deltaExit = ClusterJob.await(delta, cluster, 5);
            System.out.printf("cluster Delta run: exit %d%n", deltaExit);
        }
        report = ClusterJob.report(clusterOut);
        System.out.println("model_loads: " + report.path("model_loads"));
    }

    /** The job's generation settings (ClusterJob.settings) as Spark conf for the SQL functions. */
    private static final List<String> SQL_CONF = List.of("spark.tarjama.generation.num_beams=1",
            "spark.tarjama.generation.max_new_tokens=32", "spark.tarjama.batch.articles=4");

    /** The SQL file: the job's input as a view over four partitions, translated into a Parquet folder. */
    private static Path sqlFile(Path file, Path out) throws java.io.IOException {
        return Files.writeString(file, String.join("\n",
                "-- The batch job's input through the Tarjama SQL functions",
                "CREATE TEMPORARY VIEW articles AS SELECT /*+ REPARTITION(4) */ * FROM json.`" + input + "`;",
                "INSERT OVERWRITE DIRECTORY '" + out + "' USING parquet",
                "SELECT id, tarjama_translate(body) AS body_en, tarjama_translate_struct(body).status AS status",
                "FROM articles;", ""));
    }

    /** id -> [status, body_en] of the SQL output, read by DuckDB. */
    private static Map<String, List<String>> sqlRows(Path out) throws Exception {
        Map<String, List<String>> rows = new java.util.TreeMap<>();
        try (java.sql.Connection c = java.sql.DriverManager.getConnection("jdbc:duckdb:");
                java.sql.Statement s = c.createStatement();
                java.sql.ResultSet r = s.executeQuery("SELECT id, status, body_en FROM read_parquet('" + out
                        + "/*.parquet')")) {
            while (r.next()) {
                rows.put(r.getString(1), java.util.Arrays.asList(r.getString(2), r.getString(3)));
            }
        }
        return rows;
    }

    @Test
    void sqlFileOnTheClusterLoadsTheModelOncePerExecutorJvm() {
        assertEquals(0, sqlExitCode, "exit code of the spark-submitted SQL file");
        Set<String> executors = new HashSet<>();
        for (JsonNode load : sqlModelLoads) {
            String jvm = load.path("executor_jvm").asText();
            assertFalse(jvm.startsWith("driver/"), "translated on the driver: " + jvm);
            assertEquals(1, load.path("loads").asLong(), "loads in " + jvm);
            executors.add(jvm.substring(0, jvm.indexOf('/')));
        }
        assertEquals(2, executors.size(), "both executor JVMs translated: " + sqlModelLoads);
    }

    @Test
    void sqlFileOnTheClusterGivesTheBatchJobsBodyEnForEveryArticle() throws Exception {
        Map<String, List<String>> sql = sqlRows(sqlOut);
        Map<String, List<String>> jobRows = ClusterJob.table(clusterOut);
        assertEquals(jobRows.keySet(), sql.keySet(), "one SQL row per article");
        for (String id : jobRows.keySet()) {
            assertEquals(List.of(jobRows.get(id).get(0), jobRows.get(id).get(2)), sql.get(id), "status, body_en of " + id);
        }
    }

    @Test
    void theSameSqlThroughSparkSqlGivesTheSameRowsAsTheSubmittedFile() throws Exception {
        Path localOut = tmp.resolve("sql-local-out");
        SparkSession.Builder builder = SparkSession.builder().master("local[2]").appName("tarjama-sql-local")
                .config("spark.ui.enabled", "false").config("spark.driver.host", "127.0.0.1")
                .config("spark.sql.extensions", "dev.tarjama.spark.TarjamaSparkExtensions")
                .config("spark.tarjama.model.translation.dir",
                        TestPaths.repoRoot().resolve("models/tiny/marian-xenova").toString());
        for (String c : SQL_CONF) {
            builder.config(c.substring(0, c.indexOf('=')), c.substring(c.indexOf('=') + 1));
        }
        SparkSession spark = builder.getOrCreate();
        try {
            for (String statement : dev.tarjama.spark.SqlFile.statements(
                    Files.readString(sqlFile(tmp.resolve("articles-local.sql"), localOut)))) {
                spark.sql(statement).collectAsList();
            }
        } finally {
            dev.tarjama.jobs.exec.ModelCache.closeAll();
            spark.stop();
        }
        assertEquals(sqlRows(sqlOut), sqlRows(localOut));
    }

    @Test
    void jobSucceedsOnTheClusterNotInLocalMode() {
        assertEquals(0, exitCode, "exit code of spark-submit");
        assertEquals("succeeded", report.path("status").asText());
        assertTrue(report.path("spark").path("master").asText().startsWith("spark://127.0.0.1:"),
                report.path("spark").toString());
    }

    @Test
    void everyArticleGetsExactlyOneRowWithAStatus() throws Exception {
        Map<String, List<String>> rows = ClusterJob.table(clusterOut);
        assertEquals(records, ClusterJob.rowCount(clusterOut), "rows in the table");
        assertEquals(records, rows.size(), "distinct article ids");
        assertEquals(records, report.path("input").path("records").asLong());
        assertEquals(records, report.path("counts").path("ok").asLong(), report.path("counts").toString());
    }

    @Test
    void aDeltaTableWrittenOnTheClusterHoldsEveryArticleOnceAsTheParquetRunTranslatedIt() throws Exception {
        assertEquals(0, deltaExit, "exit code of the Delta run");
        Map<String, TableReads.Key> delta = TableReads.byId(deltaOut, OutputFormat.DELTA);
        try (Stream<String> lines = Files.lines(deltaInput)) {
            assertEquals(lines.count(), delta.size());
        }
        Map<String, List<String>> parquet = ClusterJob.table(clusterOut);
        for (TableReads.Key row : delta.values()) {
            assertEquals(parquet.get(row.articleId()).get(0), row.status(), row.articleId());
        }
        assertEquals("delta", ClusterJob.report(deltaOut).path("output").path("format").asText());
    }

    @Test
    void eachExecutorJvmLoadsTheModelOnce() {
        JsonNode loads = report.path("model_loads");
        Set<String> executors = new HashSet<>();
        for (JsonNode load : loads) {
            String jvm = load.path("executor_jvm").asText();
            assertFalse(jvm.startsWith("driver/"), "translated on the driver: " + jvm);
            assertEquals(1, load.path("loads").asLong(), "loads in " + jvm);
            assertTrue(load.path("model").asText().startsWith("smoke:"), load.toString());
            executors.add(jvm.substring(0, jvm.indexOf('/')));
        }
        assertEquals(2, executors.size(), "two executors, one per worker: " + loads);
        long partitions = 0;
        for (JsonNode load : loads) {
            partitions += load.path("partitions").asLong();
        }
        assertEquals(4, partitions, "every partition used a cached model: " + loads);
    }

    @Test
    void executorsShareOneNativeLibraryCache() throws Exception {
        Path cache = tmp.resolve("driver/djl-cache/tokenizers");
        List<Path> entries = new ArrayList<>();
        try (Stream<Path> s = Files.list(cache)) {
            s.forEach(entries::add);
        }
        assertEquals(1, entries.size(), "one extracted tokenizers folder, no leftover temp folders: " + entries);
        assertTrue(Files.isRegularFile(entries.get(0).resolve("libtokenizers.so")), entries.toString());
    }

    @Test
    void localAndClusterRunsGiveTheSameRowsAndTranslations() throws Exception {
        Path localOut = tmp.resolve("local-out");
        SparkSession spark = LocalSpark.start();
        try {
            List<String> sets = new ArrayList<>(ClusterJob.settings(input, localOut, "exec.partitions=4"));
            sets.add("model.smoke.dir=" + TestPaths.repoRoot().resolve("models/tiny/marian-xenova"));
            JobRuns.run(spark, JobOptions.defaults(true), sets);
        } finally {
            spark.stop();
        }
        Map<String, List<String>> local = ClusterJob.table(localOut);
        Map<String, List<String>> cluster = ClusterJob.table(clusterOut);
        assertEquals(local.keySet(), cluster.keySet(), "article ids");
        for (String id : local.keySet()) {
            assertEquals(local.get(id), cluster.get(id), "status, title_en, body_en of " + id);
        }
    }
}
