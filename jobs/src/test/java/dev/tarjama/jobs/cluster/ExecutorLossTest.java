package dev.tarjama.jobs.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tarjama.jobs.support.TestPaths;
import dev.tarjama.models.hub.ModelPreparer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kills one executor JVM (SIGKILL) while the job translates on a two-worker standalone cluster:
 * the job still finishes, and every article is in the output exactly once. The model comes from a
 * shared-storage URI here (staged by each host), where {@link ClusterRunTest} ships it with --archives.
 */
@Tag("cluster")
class ExecutorLossTest {
    private static final Pattern PROGRESS = Pattern.compile("progress: (\\d+)/(\\d+) articles");

    @TempDir
    Path tmp;

    @Test
    void jobSurvivesTheLossOfAnExecutorWithEveryArticleOnce() throws Exception {
        Path input = ClusterJob.input(tmp, 24, 16);
        long records;
        try (Stream<String> lines = Files.lines(input)) {
            records = lines.count();
        }
        Path output = tmp.resolve("out");
        long killedPid;
        int exitCode;
        Path driverLog;
        try (StandaloneCluster cluster = StandaloneCluster.start(tmp.resolve("cluster"), 2)) {
            // Small micro-batches over many partitions: tasks keep both executors busy long enough to lose one mid-run.
            // The model from "shared storage" this time: executors stage it with ModelStager (one copy per host).
            Path shared = ModelPreparer.prepare(TestPaths.repoRoot().resolve("models/tiny/marian-xenova"),
                    tmp.resolve("shared-fs/marian-xenova"), false).folder();
            Process driver = ClusterJob.submit(cluster, Files.createDirectories(tmp.resolve("driver")),
                    List.of(), shared.toUri().toString(), ClusterJob.settings(input, output,
                            "exec.partitions=12", "batch.articles=2", "generation.max_new_tokens=64"));
            driverLog = cluster.logs().resolve("driver.log");
            cluster.awaitLog("driver", ExecutorLossTest::midRun, Duration.ofMinutes(4), driver);
            List<ProcessHandle> executors = cluster.executors();
            assertEquals(2, executors.size(), "executors running before the kill");
            ProcessHandle victim = executors.get(0);
            killedPid = victim.pid();
            assertTrue(victim.destroyForcibly(), "SIGKILL sent");
            System.out.printf("killed executor JVM pid %d (%s)%n", killedPid, lastProgress(driverLog));
            exitCode = ClusterJob.await(driver, cluster, 6);
            ClusterJob.printHighlights(driverLog);
        }
        String log = Files.readString(driverLog, StandardCharsets.ISO_8859_1);
        assertEquals(0, exitCode, "spark-submit exit code after losing an executor");
        assertTrue(log.contains("Lost executor"), "the driver saw the executor go");

        Map<String, List<String>> rows = ClusterJob.table(output); // fails on any duplicate id
        assertEquals(records, ClusterJob.rowCount(output), "rows in the table");
        assertEquals(records, rows.size(), "distinct article ids");
        JsonNode report = ClusterJob.report(output);
        System.out.println("model_loads: " + report.path("model_loads"));
        assertEquals(records, report.path("counts").path("ok").asLong(), report.path("counts").toString());
        for (JsonNode load : report.path("model_loads")) {
            assertTrue(load.path("loads").asLong() <= 1, "never two loads in one JVM: " + load);
        }
        // Whether a replacement executor gets any task before the survivor finishes is up to the
        // scheduler, and the killed JVM's own counts die with it: only "never twice" is a property.
        assertTrue(report.path("model_loads").size() >= 1, "a surviving executor loaded the model: "
                + report.path("model_loads"));
        try (Stream<Path> staged = Files.list(tmp.resolve("driver/staged-models"))) {
            assertEquals(1, staged.filter(p -> !p.getFileName().toString().startsWith(".")).count(),
                    "one staged model copy for the host, whichever executors staged it");
        }
    }

    /** A progress line with some but not all articles done: the translate stage is under way. */
    private static boolean midRun(String line) {
        Matcher m = PROGRESS.matcher(line);
        if (!m.find()) {
            return false;
        }
        long done = Long.parseLong(m.group(1));
        long total = Long.parseLong(m.group(2));
        if (done >= total) {
            throw new IllegalStateException("the run finished before an executor could be killed: " + line);
        }
        return done > 0;
    }

    private static String lastProgress(Path driverLog) throws Exception {
        try (Stream<String> lines = Files.lines(driverLog, StandardCharsets.ISO_8859_1)) {
            return lines.filter(l -> l.contains("progress:")).reduce((a, b) -> b).orElse("no progress yet");
        }
    }
}
