package dev.tarjama.jobs.output;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tarjama.jobs.batch.RunReport;
import dev.tarjama.jobs.cli.Main;
import dev.tarjama.jobs.output.TableReads.Key;
import dev.tarjama.jobs.support.Inputs;
import dev.tarjama.jobs.support.JobRuns;
import dev.tarjama.jobs.support.LocalSpark;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fault injection: a child JVM commits an already-staged run and halts (as {@code kill -9} would)
 * at one named {@link CommitStep}; then the table is checked as readers see it right after the
 * crash (each partition, and for Delta the whole table, is before or after the commit, never in
 * between), and again after what the next run does first (the recovery, or {@code tarjama repair}):
 * exactly the table of the finished commit (or, halted before the journal, of none), each article
 * once, no journal or staging left. Every step of each format, three times (three scenarios). The
 * default run halts each Parquet step once; the other scenarios and all of Delta's crashes (each
 * child starts Spark) are tagged {@code faults} (docs/batch-job.md gives the command).
 */
@Tag("spark")
class CommitFaultInjectionTest {
    private static final List<CommitStep> PARQUET_STEPS = List.of(CommitStep.STAGED, CommitStep.JOURNAL_WRITTEN,
            CommitStep.PARTITION_SWAPPED, CommitStep.ALL_SWAPPED, CommitStep.REPLACED_REMOVED,
            CommitStep.JOURNAL_CLOSED);
    private static final List<CommitStep> DELTA_STEPS = List.of(CommitStep.STAGED, CommitStep.JOURNAL_WRITTEN,
            CommitStep.DELTA_FILES_WRITTEN, CommitStep.DELTA_LOG_WRITTEN, CommitStep.JOURNAL_CLOSED);
    private static final int REPEATS = 3;

    @TempDir
    static Path tmp;
    private static SparkSession spark;
    private static final Map<OutputFormat, Map<Integer, Prepared>> PREPARED = new EnumMap<>(OutputFormat.class);

    @BeforeAll
    static void start() {
        spark = LocalSpark.start();
        // Delta rebuilds its snapshot state over 50 partitions by default: many empty tasks on a tiny table.
        spark.conf().set("spark.databricks.delta.snapshotPartitions", "2");
    }

    @AfterAll
    static void stop() {
        spark.stop();
    }

    /** Two runs: the first makes the table, the second is the commit that crashes. */
    private record Scenario(String name, OutputMode mode, TableRows first, TableRows second) {}

    /** A scenario's table before the second run's commit, the staged commit and the table after it. */
    private record Prepared(Path base, Path journal, Map<String, List<Key>> before, Map<String, List<Key>> after) {}

    private static Scenario scenario(int repeat) {
        return switch (repeat) {
            case 1 -> new Scenario("late, moved and emptied", OutputMode.MERGE,
                    TableRows.run("r1", "2025-03-09").dated("a", "2025-03-01").dated("b", "2025-03-01")
                            .dated("c", "2025-03-02").dated("x", "2025-04-01"),
                    TableRows.run("r2", "2025-03-09").dated("d", "2025-03-01").dated("a", "2025-03-05")
                            .dated("c", "2025-03-02").dated("x", "2025-04-02"));
            case 2 -> new Scenario("undated articles, the same input again", OutputMode.MERGE,
                    TableRows.run("r1", "2026-12-01").undated("u").dated("a", "2026-11-30").dated("b", "2026-11-29"),
                    TableRows.run("r2", "2026-12-02").undated("u").dated("a", "2026-11-30").dated("b", "2026-11-29")
                            .undated("n"));
            default -> new Scenario("overwrite", OutputMode.OVERWRITE,
                    TableRows.run("r1", "2025-03-09").dated("a", "2025-03-02").dated("b", "2025-03-02")
                            .dated("c", "2025-03-01").dated("e", "2025-03-03"),
                    TableRows.run("r2", "2025-03-09").dated("d", "2025-03-02").dated("c", "2025-03-03")
                            .dated("f", "2025-03-04"));
        };
    }

    @TestFactory
    Stream<DynamicTest> aParquetCommitHaltedAtAnyStepLosesOrDuplicatesNothingAndTheNextRunFinishesIt() {
        return cases(OutputFormat.PARQUET, PARQUET_STEPS, 1);
    }

    @TestFactory
    @Tag("faults")
    Stream<DynamicTest> aParquetCommitHaltedAtAnyStepAgainInTwoMoreScenarios() {
        return cases(OutputFormat.PARQUET, PARQUET_STEPS, REPEATS).skip(PARQUET_STEPS.size());
    }

    @TestFactory
    @Tag("faults")
    Stream<DynamicTest> aDeltaCommitHaltedAtAnyStepLosesOrDuplicatesNothingAndTheNextRunFinishesIt() {
        return cases(OutputFormat.DELTA, DELTA_STEPS, REPEATS);
    }

    @Test
    void aRunAfterACrashedCommitFinishesThatCommitBeforeItsOwnWork() throws Exception {
        Prepared prepared = prepared(OutputFormat.PARQUET, 1);
        Path table = copy(prepared.base(), tmp.resolve("next-run"));
        Process child = child(OutputFormat.PARQUET, table, prepared.journal(), CommitStep.PARTITION_SWAPPED, 2,
                tmp.resolve("next-run.log"));
        assertTrue(child.waitFor(5, TimeUnit.MINUTES));
        assertEquals(CommitChild.HALTED, child.exitValue(), tail(tmp.resolve("next-run.log")));

        Path input = Inputs.writeJsonl(tmp.resolve("next-run-input/a.jsonl"),
                List.of(Inputs.line("next", "خبر جديد عن افتتاح مدرسة", "افتتحت الوزارة مدرسة جديدة في الحي.")), List.of());
        RunReport next = JobRuns.run(spark, input, table, "run.date=2025-03-09");
        assertEquals(List.of("r2"), List.of(next.json().path("output").path("commit").path("finished_commits").get(0)
                .asText()), "the crashed run's commit is finished first");
        Map<String, List<Key>> expected = new TreeMap<>(prepared.after());
        List<Key> day = new ArrayList<>(expected.getOrDefault("2025-03-09", List.of()));
        day.add(new Key("next", "2025-03-09", "ok", next.runId()));
        expected.put("2025-03-09", day);
        assertEquals(expected, byDt(read(table, OutputFormat.PARQUET)));
    }

    private static Stream<DynamicTest> cases(OutputFormat format, List<CommitStep> steps, int repeats) {
        List<DynamicTest> tests = new ArrayList<>();
        for (int repeat = 1; repeat <= repeats; repeat++) {
            for (CommitStep step : steps) {
                int r = repeat;
                tests.add(DynamicTest.dynamicTest(format.key() + ": halted at " + step.id() + " (" + scenario(r).name()
                        + ")", () -> haltAndRecover(format, step, r)));
            }
        }
        return tests.stream();
    }

    private static void haltAndRecover(OutputFormat format, CommitStep step, int repeat) throws Exception {
        Prepared prepared = prepared(format, repeat);
        Path table = copy(prepared.base(), tmp.resolve(format.key() + "-" + step.id() + "-" + repeat));
        int occurrence = step == CommitStep.PARTITION_SWAPPED ? repeat : 1;
        Path log = table.resolveSibling(table.getFileName() + ".log");
        Process child = child(format, table, prepared.journal(), step, occurrence, log);
        assertTrue(child.waitFor(5, TimeUnit.MINUTES), "the child commit did not end");
        assertEquals(CommitChild.HALTED, child.exitValue(), "the commit must reach " + step.id() + " and halt there;"
                + " child log:\n" + tail(log));

        Map<String, List<Key>> now = byDt(read(table, format));
        checkRightAfterTheCrash(format, step, occurrence, prepared, now);

        if (repeat == 1) {
            assertEquals(0, Main.execute(new String[] {"repair", "--output", table.toString()}, System.err));
        } else {
            new TableWriter(spark, table.toString(), format, scenario(repeat).mode(), 0.05, CommitObserver.NONE)
                    .prepare(); // what the next run does before anything else
        }
        Map<String, List<Key>> recovered = byDt(read(table, format));
        assertEquals(step == CommitStep.STAGED ? prepared.before() : prepared.after(), recovered,
                "halted before its journal the commit is undone, after it the commit is finished");
        TableReads.byId(table, format); // fails on an article seen twice
        try (Stream<Path> files = Files.walk(table)) {
            List<String> left = files.map(p -> table.relativize(p).toString())
                    .filter(p -> p.startsWith("_journal/") || p.contains("/staging")).toList();
            assertEquals(List.of(), left, "no open journal and no staging after recovery");
        }
        assertEquals(step != CommitStep.STAGED, Files.exists(table.resolve("_runs/r2/commit.json")),
                "a finished commit keeps its journal as the run's commit record");
    }

    private static void checkRightAfterTheCrash(OutputFormat format, CommitStep step, int occurrence,
            Prepared prepared, Map<String, List<Key>> now) {
        boolean before = switch (step) {
            case STAGED, JOURNAL_WRITTEN, DELTA_FILES_WRITTEN -> true;
            default -> false;
        };
        boolean after = switch (step) {
            case DELTA_LOG_WRITTEN, REPLACED_REMOVED, JOURNAL_CLOSED -> true;
            default -> false;
        };
        if (before) {
            assertEquals(prepared.before(), now, "nothing visible changed before the swap/commit");
            return;
        }
        if (after) {
            assertEquals(prepared.after(), now, "the commit is complete as readers see it");
            return;
        }
        // Parquet between the swaps: every partition is wholly before or wholly after the commit.
        List<String> dts = new ArrayList<>(prepared.before().keySet());
        prepared.after().keySet().stream().filter(dt -> !dts.contains(dt)).forEach(dts::add);
        int swapped = 0;
        for (String dt : dts) {
            List<Key> was = prepared.before().getOrDefault(dt, List.of());
            List<Key> will = prepared.after().getOrDefault(dt, List.of());
            List<Key> is = now.getOrDefault(dt, List.of());
            assertTrue(is.equals(was) || is.equals(will), "partition " + dt + " is " + is + ", neither " + was
                    + " nor " + will);
            if (!is.equals(was)) {
                swapped++;
            }
        }
        // Partitions are swapped in journal order; emptied ones lose their file only after all swaps.
        int staged = prepared.after().size();
        assertEquals(step == CommitStep.PARTITION_SWAPPED ? occurrence : staged, swapped,
                "partitions in their new state");
        for (String dt : dts) {
            if (!prepared.after().containsKey(dt)) {
                assertEquals(prepared.before().get(dt), now.get(dt), "emptied partition " + dt + " still there");
            }
        }
    }

    private static synchronized Prepared prepared(OutputFormat format, int repeat) throws Exception {
        Map<Integer, Prepared> byRepeat = PREPARED.computeIfAbsent(format, f -> new HashMap<>());
        if (byRepeat.containsKey(repeat)) {
            return byRepeat.get(repeat);
        }
        Scenario scenario = scenario(repeat);
        Path dir = Files.createDirectories(tmp.resolve("prepared-" + format.key() + "-" + repeat));
        Path base = dir.resolve("base");
        TableWriter first = new TableWriter(spark, base.toString(), format, OutputMode.MERGE, 0.05, CommitObserver.NONE);
        first.prepare();
        assertTrue(first.write(scenario.first().frame(spark), "r1", false).committed());
        TableWriter second = new TableWriter(spark, base.toString(), format, scenario.mode(), 0.05, CommitObserver.NONE);
        second.prepare();
        CommitJournal journal = second.stage(scenario.second().frame(spark), "r2", false).journal();
        Path journalFile = Files.write(dir.resolve("journal.json"), journal.toBytes());
        Map<String, List<Key>> before = byDt(read(base, format));
        Path reference = copy(base, dir.resolve("reference"));
        new TableWriter(spark, reference.toString(), format, scenario.mode(), 0.05, CommitObserver.NONE).commit(journal);
        Map<String, List<Key>> after = byDt(read(reference, format));
        assertNotEquals(before, after);
        if (format == OutputFormat.PARQUET) {
            assertTrue(journal.partitions().stream().filter(p -> !p.emptied()).count() >= REPEATS,
                    "enough partitions to halt after the first, second and third swap");
        }
        Prepared prepared = new Prepared(base, journalFile, before, after);
        byRepeat.put(repeat, prepared);
        return prepared;
    }

    private static Process child(OutputFormat format, Path table, Path journal, CommitStep step, int occurrence,
            Path log) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx1g"));
        if (format == OutputFormat.DELTA) {
            command.addAll(List.of(jvmOptions().split("\\s+")));
        }
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), CommitChild.class.getName(),
                format.key(), table.toString(), journal.toString(), step.id(), String.valueOf(occurrence)));
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }

    /** The JVM options Spark 4 needs on Java 17 (jobs/pom.xml, filtered into jvm.options). */
    private static String jvmOptions() throws IOException {
        try (InputStream in = CommitFaultInjectionTest.class.getResourceAsStream("/jvm.options")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).trim();
        }
    }

    private static List<Key> read(Path table, OutputFormat format) throws Exception {
        return format == OutputFormat.DELTA ? TableReads.kernel(table, null) : TableReads.duckdb(table, "**/*.parquet");
    }

    private static Map<String, List<Key>> byDt(List<Key> rows) {
        Map<String, List<Key>> out = new TreeMap<>();
        for (Key row : rows) {
            out.computeIfAbsent(row.dt(), k -> new ArrayList<>()).add(row);
        }
        return out;
    }

    private static Path copy(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path source : files.toList()) {
                Path target = to.resolve(from.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(source, target);
                }
            }
        }
        return to;
    }

    private static String tail(Path log) throws IOException {
        List<String> lines = Files.readAllLines(log, StandardCharsets.ISO_8859_1);
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    }
}
