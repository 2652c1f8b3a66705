package dev.tarjama.jobs.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tarjama.jobs.config.JobConfig;
import dev.tarjama.jobs.support.TestPaths;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.ParseResult;

/**
 * The scheduling examples of the docs, as written: extracted from their Markdown by the
 * {@code <!-- example: NAME -->} line before each, run against stand-ins for {@code spark-submit},
 * {@code hdfs dfs -cat} and {@code mail} that behave as the real ones do for these calls, and the
 * {@code spark-submit} command lines they produce checked.
 */
final class DocExamples {
    /** spark-submit options that take a value (the rest before the jar are flags). */
    private static final Set<String> VALUED = Set.of("--master", "--deploy-mode", "--class", "--name", "--jars",
            "--packages", "--conf", "--properties-file", "--archives", "--files", "--py-files", "--driver-memory",
            "--driver-cores", "--executor-memory", "--executor-cores", "--num-executors", "--total-executor-cores",
            "--queue", "--driver-java-options", "--driver-class-path");

    private final Path dir;

    DocExamples(Path dir) throws IOException {
        this.dir = dir;
        Files.createDirectories(bin());
        script("spark-submit", """
                #!/usr/bin/env bash
                # Records its arguments, logs to stderr like Spark, prints the result line of the
                # exit code listed for this call in $FAKE/codes, exits with that code.
                n=$(( $(cat "$FAKE/calls" 2>/dev/null || echo 0) + 1 )); echo "$n" > "$FAKE/calls"
                printf '%s\\n' "$@" > "$FAKE/argv.$n"
                code=$(sed -n "${n}p" "$FAKE/codes" 2>/dev/null); code=${code:-0}
                id=run-20250302T023000Z-0a1b2c3d; prev=
                for a in "$@"; do [ "$prev" = --run-id ] && id=$a; prev=$a; done
                echo "25/03/02 02:30:01 INFO SparkContext: Running Spark version 4.0.1" >&2
                sed "s/RUNID/$id/" "$FAKE/result.$code"
                exit "$code"
                """);
        script("hdfs", """
                #!/usr/bin/env bash
                # hdfs dfs -cat PATH...: the files under $FAKE/hdfs, as HDFS would print them.
                [ "$1" = dfs ] && [ "$2" = -cat ] || { echo "hdfs stand-in: only 'dfs -cat'" >&2; exit 2; }
                shift 2; for p in "$@"; do cat "$FAKE/hdfs/${p#hdfs://}" || exit 1; done
                """);
        script("mail", """
                #!/usr/bin/env bash
                # mail -s SUBJECT TO: records the subject and the body.
                echo "$2" >> "$FAKE/mail.subjects"; cat >> "$FAKE/mail.body"
                """);
        for (int code : new int[] {0, 1, 2, 3, 4, 5}) {
            String status = code == 0 ? "succeeded" : code == 3 ? "too_many_failures" : "failed";
            boolean report = code != 2 && code != 5;
            RunResult r = new RunResult("RUNID", status, code, report ? 6L : null,
                    report ? Map.of("ok", code == 3 ? 4L : 6L, "failed", code == 3 ? 2L : 0L) : null,
                    report ? (code == 3 ? 0.33 : 0.0) : null,
                    report ? "hdfs:///tarjama/news/_runs/RUNID/report.json" : null, null, "hdfs:///tarjama/news",
                    42.0, null, code == 0 ? null : "exit " + code + " in the stand-in");
            Files.writeString(dir.resolve("result." + code), r.toJson() + "\n");
        }
    }

    Path bin() {
        return dir.resolve("bin");
    }

    private void script(String name, String text) throws IOException {
        Path file = bin().resolve(name);
        Files.writeString(file, text);
        file.toFile().setExecutable(true);
    }

    /** The fenced block after {@code <!-- example: NAME -->} in {@code doc} (relative to the repository). */
    static String example(String doc, String name) throws IOException {
        String text = Files.readString(TestPaths.repoRoot().resolve(doc), StandardCharsets.UTF_8);
        int marker = text.indexOf("<!-- example: " + name + " -->");
        assertTrue(marker >= 0, doc + " has the example " + name);
        int open = text.indexOf("```", marker);
        int start = text.indexOf('\n', open) + 1;
        return text.substring(start, text.indexOf("\n```", start) + 1);
    }

    /** Exit codes the stand-in spark-submit returns, one per call; clears earlier calls and mail. */
    void codes(int... codes) throws IOException {
        for (String f : List.of("calls", "mail.subjects", "mail.body")) {
            Files.deleteIfExists(dir.resolve(f));
        }
        StringBuilder lines = new StringBuilder();
        for (int c : codes) {
            lines.append(c).append('\n');
        }
        Files.writeString(dir.resolve("codes"), lines);
    }

    int calls() throws IOException {
        return Files.exists(dir.resolve("calls")) ? Integer.parseInt(Files.readString(dir.resolve("calls")).strip()) : 0;
    }

    /** The command line of the stand-in's {@code call}th run, program name first. */
    List<String> argv(int call) throws IOException {
        List<String> argv = new ArrayList<>(List.of("spark-submit"));
        argv.addAll(Files.readAllLines(dir.resolve("argv." + call)));
        return argv;
    }

    String mail(String what) throws IOException {
        Path f = dir.resolve("mail." + what);
        return Files.exists(f) ? Files.readString(f) : "";
    }

    /** Runs {@code command} with the stand-ins first on PATH; returns exit code, stdout and stderr. */
    CommandRun run(List<String> command, Map<String, String> env) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile());
        pb.environment().put("PATH", bin() + ":" + System.getenv("PATH"));
        pb.environment().put("FAKE", dir.toString());
        pb.environment().putAll(env);
        Path out = dir.resolve("stdout");
        Path err = dir.resolve("stderr");
        Process p = pb.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), String.join(" ", command) + " finished");
        return new CommandRun(p.exitValue(), Files.readAllLines(out), Files.readString(err));
    }

    /**
     * Checks one spark-submit command line: the application jar and main class, every Spark
     * option before the jar (a Spark {@code --conf k=v} after {@code run} would be read as
     * Tarjama's {@code --conf FILE}), known {@code spark.tarjama.*} keys with valid values, Tarjama
     * arguments that parse, and {@code output.mode} chosen on YARN and Kubernetes.
     */
    static void checkSubmit(List<String> argv, String where) {
        assertEquals("spark-submit", Path.of(argv.get(0)).getFileName().toString(), where);
        Map<String, String> spark = new LinkedHashMap<>();
        Map<String, String> tarjama = new LinkedHashMap<>();
        int i = 1;
        for (; i < argv.size() && argv.get(i).startsWith("--"); i++) {
            String option = argv.get(i);
            if (VALUED.contains(option)) {
                String value = argv.get(++i);
                spark.put(option.equals("--conf") ? value.substring(0, value.indexOf('=')) : option,
                        option.equals("--conf") ? value.substring(value.indexOf('=') + 1) : value);
            }
        }
        String jar = i < argv.size() ? argv.get(i) : "";
        assertTrue(jar.equals("tarjama-jobs-spark-app.jar") || jar.endsWith("/tarjama-jobs-spark-app.jar"),
                where + ": the application jar, got " + jar);
        assertEquals("dev.tarjama.jobs.cli.Main", spark.get("--class"), where);
        List<String> app = argv.subList(i + 1, argv.size());
        assertEquals("run", app.get(0), where);
        ParseResult parsed = Main.commandLine(System.out, System.err, Map.of()).parseArgs(app.toArray(new String[0]));
        ParseResult run = parsed.subcommand();
        if (run.hasMatchedOption("--conf")) {
            String file = run.matchedOption("--conf").getValue().toString();
            assertFalse(file.contains("="), where + ": Spark's --conf " + file + " after run is Tarjama's --conf FILE");
        }
        List<String> sets = run.hasMatchedOption("--set") ? run.matchedOption("--set").getValue() : List.of();
        spark.forEach((k, v) -> {
            if (k.startsWith(JobConfig.SPARK_PREFIX)) {
                tarjama.put(k, v);
            }
        });
        JobConfig.builder().sparkConf(tarjama).sets(sets).build(); // unknown keys and bad values throw
        String master = spark.getOrDefault("--master", "");
        if (master.equals("yarn") || master.startsWith("k8s://")) {
            assertTrue(tarjama.containsKey("spark.tarjama.output.mode")
                    || sets.stream().anyMatch(s -> s.startsWith("output.mode=")), where + ": output.mode set");
        }
    }

    static List<String> list(String... items) {
        return new ArrayList<>(List.of(items));
    }
}
