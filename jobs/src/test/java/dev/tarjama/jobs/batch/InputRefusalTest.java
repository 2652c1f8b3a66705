package dev.tarjama.jobs.batch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tarjama.jobs.exit.ExitCode;
import dev.tarjama.jobs.exit.ExitException;
import dev.tarjama.jobs.exit.NoInput;
import dev.tarjama.jobs.exit.UsageException;
import dev.tarjama.jobs.support.JobRuns;
import dev.tarjama.jobs.support.LocalSpark;
import dev.tarjama.jobs.support.TestPaths;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs refused before anything is written: a configured column no record holds (exit 2), no input
 * (exit 5) — against an existing table, which must stay exactly as it was — and the opt-in
 * {@code run.allow_empty_input} that makes no input a run of 0 articles.
 */
@Tag("spark")
class InputRefusalTest {
    private static final Path SAMPLES = TestPaths.repoRoot().resolve("conf/samples");
    @TempDir
    static Path tmp;
    private static SparkSession spark;
    private static Path output;

    @BeforeAll
    static void aTableExists() throws IOException {
        spark = LocalSpark.start();
        output = tmp.resolve("out");
        JobRuns.run(spark, SAMPLES.resolve("articles.jsonl"), output, "output.mode=incremental");
    }

    @AfterAll
    static void stop() {
        spark.stop();
    }

    private static Set<Path> files(Path root) throws IOException {
        try (Stream<Path> all = Files.walk(root)) {
            return all.filter(Files::isRegularFile).map(root::relativize).collect(Collectors.toCollection(TreeSet::new));
        }
    }

    /** Runs {@code input} into the existing table, expecting {@code refusal}, and checks that nothing changed. */
    private static <T extends ExitException> T refused(Class<T> refusal, int exitCode, Path input, String... sets)
            throws IOException {
        Set<Path> before = files(output);
        T e = assertThrows(refusal, () -> JobRuns.run(spark, input, output, concat("output.mode=incremental", sets)));
        assertEquals(exitCode, e.exitCode());
        assertEquals(1, e.getMessage().lines().count(), "one line: " + e.getMessage());
        assertEquals(before, files(output), "the table, its run folders and reports are exactly as before");
        return e;
    }

    private static String[] concat(String first, String... rest) {
        String[] all = new String[rest.length + 1];
        all[0] = first;
        System.arraycopy(rest, 0, all, 1, rest.length);
        return all;
    }

    @Test
    void aBodyColumnTypoOnJsonLinesExitsWithUsageAndWritesNothing() throws IOException {
        UsageException e = refused(UsageException.class, ExitCode.USAGE, SAMPLES.resolve("articles.jsonl"),
                "input.columns.body=text");
        assertEquals("input.columns.body=text: no record of the input has a field 'text'; fields seen: body, id,"
                + " published_at, source, title, url", e.getMessage());
    }

    @Test
    void aBodyColumnTypoOnParquetExitsWithUsageAndWritesNothing() throws IOException {
        Path parquet = tmp.resolve("in/articles.parquet");
        spark.read().json(SAMPLES.resolve("articles.jsonl").toString()).write().parquet(parquet.toString());
        UsageException e = refused(UsageException.class, ExitCode.USAGE, parquet, "input.columns.body=text");
        assertTrue(e.getMessage().startsWith("input.columns.body=text: no record of the input has a column 'text';"
                + " columns seen: body, id, "), e.getMessage());
    }

    @Test
    void csvAndTextFoldersRefuseTheTypoToo() throws IOException {
        refused(UsageException.class, ExitCode.USAGE, SAMPLES.resolve("articles.csv"), "input.columns.body=text");
        refused(UsageException.class, ExitCode.USAGE, SAMPLES.resolve("txt"), "input.columns.body=text");
    }

    @Test
    void aMissingInputPathIsNoInputAndWritesNothing() throws IOException {
        NoInput e = refused(NoInput.class, ExitCode.NO_INPUT, tmp.resolve("not-landed/2025-03-02.jsonl"));
        assertTrue(e.getMessage().startsWith("input not found: "), e.getMessage());
        refused(NoInput.class, ExitCode.NO_INPUT, tmp.resolve("not-landed"), "input.format=jsonl");
    }

    @Test
    void inputsWithoutRecordsAreNoInputInEveryFormat() throws IOException {
        Path empty = Files.createDirectories(tmp.resolve("empty"));
        Files.writeString(empty.resolve("_SUCCESS"), "");
        refused(NoInput.class, ExitCode.NO_INPUT, empty);
        Path blank = Files.writeString(tmp.resolve("blank.jsonl"), "\n  \n\n");
        NoInput e = refused(NoInput.class, ExitCode.NO_INPUT, blank);
        assertTrue(e.getMessage().contains("holds no records") && e.getMessage().contains("run.allow_empty_input"),
                e.getMessage());
        refused(NoInput.class, ExitCode.NO_INPUT, Files.writeString(tmp.resolve("header.csv"), "id,title,body\n"));
        refused(NoInput.class, ExitCode.NO_INPUT, Files.writeString(tmp.resolve("zero.csv"), ""));
        Path noRows = tmp.resolve("no-rows.parquet");
        spark.read().json(SAMPLES.resolve("articles.jsonl").toString()).limit(0).write().parquet(noRows.toString());
        refused(NoInput.class, ExitCode.NO_INPUT, noRows);
        Path noText = Files.createDirectories(tmp.resolve("no-text"));
        Files.writeString(noText.resolve("readme.md"), "not an article");
        refused(NoInput.class, ExitCode.NO_INPUT, noText, "input.format=txt");
    }

    @Test
    void allowEmptyInputMakesNoInputARunOfZeroArticlesWithAReportAndTheTableUntouched() throws Exception {
        Path missing = tmp.resolve("not-landed-today");
        Set<Path> before = files(output);
        RunReport report = JobRuns.run(spark, missing, output, "output.mode=incremental", "run.allow_empty_input=true");
        assertEquals(RunReport.SUCCEEDED, report.status());
        assertEquals(0, report.inputRecords());
        assertTrue(report.input().note().startsWith("input not found: "), report.input().note());
        assertEquals(0, report.output().rowsWritten());
        assertEquals(List.of(), report.output().partitionsWritten());
        Path written = output.resolve("_runs").resolve(report.runId()).resolve("report.json");
        assertEquals(report, RunReport.parse(Files.readString(written)));

        Set<Path> now = files(output);
        now.remove(output.relativize(written));
        now.remove(output.relativize(written.resolveSibling(".report.json.crc"))); // Hadoop's checksum of it
        assertEquals(before, now, "only the report was added");
        assertFalse(Files.exists(written.resolveSibling("staging")));
    }
}
