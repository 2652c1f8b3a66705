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
