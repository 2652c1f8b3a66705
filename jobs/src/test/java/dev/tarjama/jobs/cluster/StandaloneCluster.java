package dev.tarjama.jobs.cluster;

import dev.tarjama.jobs.support.TestPaths;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * A real Spark standalone cluster on 127.0.0.1, as Spark's sbin scripts start one: a Master and
 * workers, each its own JVM, over a minimal SPARK_HOME whose {@code jars/} links to the Spark jars
 * of this build ({@code target/spark-classpath.txt}). Workers launch executors from that
 * SPARK_HOME, so executors see Spark and nothing of Tarjama but the submitted application jar.
 */
final class StandaloneCluster implements AutoCloseable {
    /** The JVM options Spark 4 needs on Java 17 (jobs/pom.xml, filtered into jvm.options). */
    static final List<String> OPENS = opens();

    private final Path home;
    private final Path logs;
    private final List<Process> daemons = new ArrayList<>();
    private final List<Process> workers = new ArrayList<>();
    private final String masterUrl;

    private StandaloneCluster(Path root, int workerCount) throws IOException, InterruptedException {
        this.home = root.resolve("spark-home");
        this.logs = Files.createDirectories(root.resolve("logs"));
        Path jars = Files.createDirectories(home.resolve("jars"));
        Files.createDirectories(home.resolve("conf"));
        for (String jar : Files.readString(target().resolve("spark-classpath.txt")).trim().split(":")) {
            Path source = Path.of(jar);
            Files.createSymbolicLink(jars.resolve(source.getFileName()), source);
        }
        int port = freePort();
        masterUrl = "spark://127.0.0.1:" + port;
        Process master = daemon("master", "org.apache.spark.deploy.master.Master",
                "--host", "127.0.0.1", "--port", String.valueOf(port), "--webui-port", "0");
        awaitLog("master", l -> l.contains("I have been elected leader"), Duration.ofSeconds(90), master);
        for (int i = 0; i < workerCount; i++) {
            Path work = Files.createDirectories(root.resolve("worker-" + i));
            Process worker = daemon("worker-" + i, "org.apache.spark.deploy.worker.Worker", masterUrl,
                    "--host", "127.0.0.1", "--port", "0", "--webui-port", "0",
                    "--cores", "1", "--memory", "1g", "--work-dir", work.toString());
            workers.add(worker);
        }
        for (int i = 0; i < workerCount; i++) {
            awaitLog("worker-" + i, l -> l.contains("Successfully registered with master"), Duration.ofSeconds(90),
                    workers.get(i));
        }
    }

    /** Starts a master and {@code workers} workers of 1 core and 1 GB each under {@code root}. */
    static StandaloneCluster start(Path root, int workers) throws IOException, InterruptedException {
        return new StandaloneCluster(root, workers);
    }

    String masterUrl() {
        return masterUrl;
    }

    /** The jars a {@code spark-submit} JVM runs from, like {@code $SPARK_HOME/bin/spark-submit}. */
    String sparkClasspath() {
        return home.resolve("jars") + "/*";
    }

    Map<String, String> environment() {
        return Map.of("SPARK_HOME", home.toString(), "SPARK_SCALA_VERSION", "2.13",
                "SPARK_LOCAL_IP", "127.0.0.1", "SPARK_CONF_DIR", home.resolve("conf").toString(),
                "OPT_OUT_TRACKING", "true");
    }

    /** The executor JVMs (CoarseGrainedExecutorBackend) currently running under the workers. */
    List<ProcessHandle> executors() {
        return workers.stream().flatMap(Process::descendants)
                .filter(p -> p.isAlive() && p.info().commandLine().orElse("").contains("CoarseGrainedExecutorBackend"))
                .toList();
    }

    Path logs() {
        return logs;
    }

    private Process daemon(String name, String mainClass, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(java(), "-Xmx256m"));
        command.addAll(OPENS);
        command.addAll(List.of("-cp", sparkClasspath(), mainClass));
        command.addAll(Arrays.asList(args));
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(logs.resolve(name + ".log").toFile());
        pb.environment().putAll(environment());
        Process p = pb.start();
        daemons.add(p);
        return p;
    }

    /** Waits until a line of {@code name}'s log matches, failing early when the process dies. */
    void awaitLog(String name, Predicate<String> line, Duration timeout, Process process)
            throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        Path log = logs.resolve(name + ".log");
        while (System.nanoTime() < deadline) {
            if (Files.exists(log)) {
                try (Stream<String> lines = Files.lines(log, StandardCharsets.UTF_8)) {
                    if (lines.anyMatch(line)) {
                        return;
                    }
                } catch (UncheckedIOException ignored) {
                    // a half-written line; read again
                }
            }
            if (process != null && !process.isAlive()) {
                throw new IllegalStateException(name + " exited with " + process.exitValue() + "; log:\n" + tail(log));
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException(name + " did not get ready in " + timeout + "; log:\n" + tail(log));
    }

    static String tail(Path log) throws IOException {
        if (!Files.exists(log)) {
            return "(no log)";
        }
        List<String> lines = Files.readAllLines(log, StandardCharsets.ISO_8859_1);
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    }

    @Override
    public void close() throws InterruptedException {
        for (int i = daemons.size() - 1; i >= 0; i--) {
            Process p = daemons.get(i);
            p.descendants().forEach(ProcessHandle::destroy);
            p.destroy();
            if (!p.waitFor(15, TimeUnit.SECONDS)) {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly();
            }
        }
    }

    static Path target() {
        return TestPaths.repoRoot().resolve("jobs/target");
    }

    static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static List<String> opens() {
        try {
            String line = Files.readString(target().resolve("classes/jvm.options")).trim();
            return List.of(line.split("\\s+"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
