package dev.tarjama.jobs.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tarjama.jobs.support.Inputs;
import dev.tarjama.jobs.support.TestPaths;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/** Submits the batch job to a {@link StandaloneCluster} as spark-submit does, and reads what it wrote. */
final class ClusterJob {
    /** The folder name the tiny model is shipped under with {@code --archives model.tgz#NAME}. */
    static final String MODEL_ALIAS = "marian-xenova";
    private static final ObjectMapper JSON = new ObjectMapper();

    private ClusterJob() {}

    /** The shaded application jar the build made for spark-submit. */
    static Path appJar() {
        Path jar = StandaloneCluster.target().resolve("tarjama-jobs-spark-app.jar");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: run the cluster tests after `package`"
                    + " (mvn -Pcluster verify, see docs/cluster.md)");
        }
        return jar;
    }

    /** The bundled tiny model as a .tgz for {@code --archives}, files at the archive root. */
    static Path modelArchive(Path dir) throws IOException, InterruptedException {
        Path tgz = dir.resolve("model.tgz");
        Process tar = new ProcessBuilder("tar", "czf", tgz.toString(), "-C",
                TestPaths.repoRoot().resolve("models/tiny/marian-xenova").toString(), ".").inheritIO().start();
        if (tar.waitFor() != 0) {
            throw new IllegalStateException("tar failed");
        }
        return tgz;
    }

    /** The sample articles, {@code fresh} made-up ones, and {@code news} shared news articles when present. */
    static Path input(Path dir, int fresh, int news) throws IOException {
        List<String> lines = new ArrayList<>(Files.readAllLines(TestPaths.repoRoot().resolve("conf/samples/articles.jsonl")));
        lines.addAll(Inputs.fresh(fresh));
        if (TestPaths.sharedData().isPresent()) {
            lines.addAll(Inputs.wikinews(TestPaths.sharedData().get(), news));
        }
        return Inputs.writeJsonl(dir.resolve("in/articles.jsonl"), lines, List.of());
    }

    /** The job settings shared by the cluster and the local runs (smoke model, greedy, small batches). */
    static List<String> settings(Path input, Path output, String... more) {
        List<String> all = new ArrayList<>(List.of("input.path=" + input, "output.path=" + output,
                "generation.num_beams=1", "generation.max_new_tokens=32", "batch.articles=4",
                "run.progress_interval_s=1", "run.date=2025-01-15"));
        all.addAll(List.of(more));
        return all;
    }

    /**
     * Starts {@code spark-submit} (class SparkSubmit in its own JVM, client mode) of the shaded jar
     * with the model shipped as an archive; the driver's output goes to {@code logs/driver.log}.
     */
    static Process submit(StandaloneCluster cluster, Path work, Path modelTgz, List<String> sets)
            throws IOException {
        return submit(cluster, work, List.of("--archives", modelTgz + "#" + MODEL_ALIAS), MODEL_ALIAS, sets);
    }

    /** Submits with the model given by {@code modelArgs} (spark-submit options) and {@code modelDir}. */
    static Process submit(StandaloneCluster cluster, Path work, List<String> modelArgs, String modelDir,
            List<String> sets) throws IOException {
        List<String> options = new ArrayList<>(List.of("--class", "dev.tarjama.jobs.cli.Main",
                "--conf", "spark.tarjama.model.smoke.dir=" + modelDir));
        options.addAll(modelArgs);
        List<String> arguments = new ArrayList<>(List.of("run", "--smoke"));
        for (String set : sets) {
            arguments.add("--set");
            arguments.add(set);
        }
        return sparkSubmit(cluster, work, options, arguments, "driver.log");
    }

    /**
     * Submits a SQL file to the cluster ({@code dev.tarjama.spark.SqlFile}, the Tarjama functions
     * registered by the extension), the model shipped with {@code --archives}; the driver's output
     * goes to {@code logs/sql-driver.log}.
     */
    static Process submitSql(StandaloneCluster cluster, Path work, Path modelTgz, Path sqlFile, List<String> conf)
            throws IOException {
        List<String> options = new ArrayList<>(List.of("--class", "dev.tarjama.spark.SqlFile",
                "--archives", modelTgz + "#" + MODEL_ALIAS,
                "--conf", "spark.sql.extensions=dev.tarjama.spark.TarjamaSparkExtensions",
                "--conf", "spark.tarjama.model.translation.dir=" + MODEL_ALIAS));
        for (String c : conf) {
            options.add("--conf");
            options.add(c);
        }
        return sparkSubmit(cluster, work, options, List.of(sqlFile.toString()), "sql-driver.log");
    }

    /** spark-submit (class SparkSubmit in its own JVM, client mode) of the shaded jar with {@code options}. */
    private static Process sparkSubmit(StandaloneCluster cluster, Path work, List<String> options,
            List<String> arguments, String log) throws IOException {
        List<String> command = new ArrayList<>(List.of(StandaloneCluster.java(), "-Xmx768m"));
        command.addAll(StandaloneCluster.OPENS);
        command.addAll(List.of("-cp", cluster.sparkClasspath(), "org.apache.spark.deploy.SparkSubmit",
                "--master", cluster.masterUrl(), "--deploy-mode", "client",
                "--name", "tarjama-cluster-test",
                "--executor-memory", "768m",
                "--conf", "spark.driver.host=127.0.0.1",
                "--conf", "spark.driver.bindAddress=127.0.0.1",
                "--conf", "spark.ui.enabled=false",
                "--conf", "spark.sql.shuffle.partitions=4",
                "--conf", "spark.task.cpus=1",
                // Wait for both executors before the first task, so that "one load per executor JVM"
                // is checked on two JVMs every time, not only when registration happens to be quick.
                "--conf", "spark.scheduler.minRegisteredResourcesRatio=1.0",
                "--conf", "spark.scheduler.maxRegisteredResourcesWaitingTime=120s",
                // Both executors of this host extract the tokenizers library into one cache: the race the docs promise is safe.
                "--conf", "spark.executor.extraJavaOptions=-DDJL_CACHE_DIR=" + work.resolve("djl-cache")
                        + " -Dtarjama.stage.dir=" + work.resolve("staged-models") + " -Dai.djl.offline=true",
                "--conf", "spark.executorEnv.OPT_OUT_TRACKING=true"));
        command.addAll(options);
        command.add(appJar().toString());
        command.addAll(arguments);
        ProcessBuilder pb = new ProcessBuilder(command).directory(work.toFile()).redirectErrorStream(true)
                .redirectOutput(cluster.logs().resolve(log).toFile());
        pb.environment().putAll(cluster.environment());
        return pb.start();
    }

    /** Waits for the driver and returns its exit code. */
    static int await(Process driver, StandaloneCluster cluster, int minutes) throws Exception {
        return await(driver, cluster, minutes, "driver.log");
    }

    /** Waits for the driver logging to {@code log} and returns its exit code. */
    static int await(Process driver, StandaloneCluster cluster, int minutes, String log) throws Exception {
        // Peak resident memory of each executor JVM, native included: the sizing figure of docs/cluster.md.
        Map<Long, Long> peakRssKb = new TreeMap<>();
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(minutes);
        while (driver.isAlive() && System.nanoTime() < deadline) {
            for (ProcessHandle executor : cluster.executors()) {
                peakRssKb.merge(executor.pid(), rssKb(executor.pid()), Math::max);
            }
            driver.waitFor(500, TimeUnit.MILLISECONDS);
        }
        peakRssKb.values().removeIf(kb -> kb == 0); // killed before the first sample
        peakRssKb.forEach((pid, kb) -> System.out.printf("executor JVM pid %d: peak RSS %,d MiB%n", pid, kb / 1024));
        if (!driver.waitFor(1, TimeUnit.SECONDS)) {
            driver.descendants().forEach(ProcessHandle::destroyForcibly);
            driver.destroyForcibly();
            throw new IllegalStateException("the job did not finish in " + minutes + " min; driver log:\n"
                    + StandaloneCluster.tail(cluster.logs().resolve(log)));
        }
        return driver.exitValue();
    }

    /** Prints the driver log lines that tell the story of a run: executors, progress, losses, the result. */
    static void printHighlights(Path driverLog) throws IOException {
        try (Stream<String> lines = Files.lines(driverLog, java.nio.charset.StandardCharsets.ISO_8859_1)) {
            lines.filter(l -> l.contains("Granted executor") || l.contains("Registered executor")
                            || l.contains("progress:") || l.contains("Lost executor") || l.contains("Lost task")
                            || l.contains("BatchJob") || l.contains("SMOKE") || l.contains("ERROR"))
                    .map(l -> l.length() > 240 ? l.substring(0, 240) + "..." : l)
                    .forEach(l -> System.out.println("  driver| " + l));
        }
    }

    private static long rssKb(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (IOException | RuntimeException e) {
            return 0; // the executor just exited
        }
        return 0;
    }

    /** The run report the job wrote under {@code output/_runs/}. */
    static JsonNode report(Path output) throws IOException {
        try (Stream<Path> runs = Files.list(output.resolve("_runs"))) {
            Path run = runs.filter(Files::isDirectory).findFirst().orElseThrow();
            return JSON.readTree(run.resolve("report.json").toFile());
        }
    }

    /** article_id -> [status, title_en, body_en] of every table row, read by DuckDB; fails on a duplicate id. */
    static Map<String, List<String>> table(Path output) throws Exception {
        Map<String, List<String>> rows = new TreeMap<>();
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:");
                Statement s = c.createStatement();
                ResultSet r = s.executeQuery("SELECT article_id, status, title_en, body_en FROM read_parquet('"
                        + output + "/dt=*/*.parquet', hive_partitioning = true)")) {
            while (r.next()) {
                List<String> previous = rows.put(r.getString(1),
                        java.util.Arrays.asList(r.getString(2), r.getString(3), r.getString(4)));
                if (previous != null) {
                    throw new AssertionError("article " + r.getString(1) + " appears more than once");
                }
            }
        }
        return rows;
    }

    /** Number of rows (with duplicates) in the table. */
    static long rowCount(Path output) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:");
                Statement s = c.createStatement();
                ResultSet r = s.executeQuery("SELECT count(*) FROM read_parquet('" + output + "/dt=*/*.parquet')")) {
            r.next();
            return r.getLong(1);
        }
    }
}
