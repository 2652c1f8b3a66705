package dev.tarjama.jobs.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tarjama.jobs.support.TestPaths;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ./tarjama} as a user calls it, from a folder of their own: relative paths are that
 * folder's, while the installation's configuration and bundled smoke model are still found. Runs
 * after {@code package} (tag {@code packaged}, {@code mvn -Pcluster verify}), on the built jar.
 */
@Tag("packaged")
class LauncherTest {
    private static final Path ROOT = TestPaths.repoRoot();

    /** Runs the launcher in {@code dir}; stdout and stderr apart. */
    static Result launch(Path dir, String... args) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of(ROOT.resolve("tarjama").toString()));
        command.addAll(List.of(args));
        Path out = Files.createTempFile(dir, "stdout", ".txt");
        Path err = Files.createTempFile(dir, "stderr", ".txt");
        ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile())
                .redirectOutput(out.toFile()).redirectError(err.toFile());
        pb.environment().put("TARJAMA_JAVA_OPTS", "-Xmx2g");
        Process p = pb.start();
        if (!p.waitFor(5, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new AssertionError("./tarjama " + String.join(" ", args) + " did not finish");
        }
        return new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
    }

    record Result(int code, String stdout, String stderr) {}

    @Test
    void aSmokeRunFromAnotherFolderReadsAndWritesRelativeToThatFolderWithCleanProgressLines(@TempDir Path work)
            throws Exception {
        List<String> samples = Files.readAllLines(ROOT.resolve("conf/samples/articles.jsonl"));
        Files.createDirectories(work.resolve("rel"));
        Files.write(work.resolve("rel/path.jsonl"), samples);

        // One task, one micro-batch of all six articles, one sentence piece per model batch: without
        // progress inside a micro-batch, the count would sit at 0 until the task ends.
        Result r = launch(work, "run", "--smoke", "--input", "rel/path.jsonl", "--output", "out",
                "--set", "generation.num_beams=4", "--set", "generation.max_new_tokens=64", "--set", "exec.master=local[2]",
                "--set", "exec.partitions=1", "--set", "batch.max_rows=1", "--set", "run.progress_interval_s=1");

        assertEquals(0, r.code(), r.stderr());
        List<String> stdout = r.stdout().lines().toList();
        assertEquals(1, stdout.size(), "stdout holds the result line only: " + r.stdout());
        RunResult result = RunResult.parse(stdout.get(0));
        assertEquals("succeeded", result.status());
        assertEquals(0, result.exitCode());
        assertEquals(6L, result.counts().get("ok"));
        assertEquals("out", result.output());
        assertTrue(Files.isRegularFile(work.resolve(result.report())), "the report path is the caller's: " + result);
        Path runs = work.resolve("out/_runs");
        assertTrue(Files.isDirectory(runs), "the report is under the caller's out/: " + r.stderr());
        Path report;
        try (var list = Files.list(runs)) {
            report = list.findFirst().orElseThrow().resolve("report.json");
        }
        JsonNode json = new ObjectMapper().readTree(report.toFile());
        assertEquals(6, json.path("input").path("records").asInt());
        assertFalse(Files.exists(ROOT.resolve("out/_runs").resolve(report.getParent().getFileName())),
                "nothing written inside the installation");
        // The installation's defaults, found from elsewhere: its conf file and its smoke model.
        JsonNode origins = json.path("configuration_origins");
        assertEquals(ROOT.resolve("conf/tarjama.properties").toString(), origins.path("model.smoke.dir").asText());
        assertEquals(ROOT.resolve("models/tiny/marian-xenova").toString(),
                json.path("configuration").path("model.smoke.dir").asText());
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:");
             ResultSet rs = c.createStatement().executeQuery("SELECT count(*) FROM read_parquet('"
                     + work.resolve("out") + "/dt=*/*.parquet', hive_partitioning = true)")) {
            rs.next();
            assertEquals(6, rs.getInt(1));
        }
        assertCleanLog(r.stderr());
        assertProgressMovesWithinTheMicroBatch(r.stderr());
    }

    /** No escape codes, no routine third-party warnings, nothing from Spark's INFO level. */
    private static void assertCleanLog(String stderr) {
        assertFalse(stderr.contains("\u001b"), "no ANSI escapes");
        for (String routine : List.of("resolves to a loopback address", "SPARK_LOCAL_IP", "native-hadoop",
                "Truncated the string representation", "CUDA", "SparkContext")) {
            assertFalse(stderr.contains(routine), "'" + routine + "' at the default level:\n" + stderr);
        }
    }

    private static final Pattern PROGRESS = Pattern.compile(
            "(\\d\\d):(\\d\\d):(\\d\\d) INFO  ProgressLog: progress: ([\\d.]+)/6 articles \\(\\d+%\\), [\\d.]+ articles/s, ETA .*");

    private static void assertProgressMovesWithinTheMicroBatch(String stderr) {
        List<Double> counts = new java.util.ArrayList<>();
        for (String line : stderr.lines().toList()) {
            Matcher m = PROGRESS.matcher(line);
            if (m.matches()) {
                counts.add(Double.parseDouble(m.group(4)));
            }
        }
        assertTrue(!counts.isEmpty() && counts.get(0) == 0, "a first progress line at the stage's start: " + stderr);
        assertTrue(counts.stream().anyMatch(n -> n > 0 && n < 6),
                "progress between model batches, before the one task ended: " + counts + "\n" + stderr);
        for (int i = 1; i < counts.size(); i++) {
            assertTrue(counts.get(i) >= counts.get(i - 1), "never backwards: " + counts);
        }
        assertEquals(6.0, counts.get(counts.size() - 1), counts.toString());
    }

    @Test
    void aMissingRelativeInputIsLookedForInTheCallersFolderAndVerboseShowsSpark(@TempDir Path work) throws Exception {
        Result r = launch(work, "run", "--verbose", "--smoke", "--input", "news/x.jsonl", "--output", "out");
        assertEquals(5, r.code(), "no input: " + r.stderr());
        assertTrue(r.stderr().contains("news/x.jsonl"), r.stderr());
        assertFalse(Files.exists(ROOT.resolve("news")), "not looked for in the installation");
        assertTrue(r.stderr().contains("INFO  SparkContext: Running Spark version"), "--verbose brings Spark's INFO back");
    }

    @Test
    void helpWorksFromAnyFolderWithoutEscapeCodes(@TempDir Path work) throws Exception {
        Result r = launch(work, "--help");
        assertEquals(0, r.code(), r.stderr());
        assertTrue(r.stdout().startsWith("Usage: tarjama"), r.stdout());
        assertFalse(r.stdout().contains("\u001b") || r.stderr().contains("\u001b"), "no ANSI escapes");
    }
}
