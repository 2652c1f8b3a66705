package dev.tarjama.jobs.cli;

import dev.tarjama.jobs.batch.RunReport;
import dev.tarjama.jobs.exit.ExitCode;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The command line's answers to bad usage and a missing model, before any Spark work. */
class RunCommandTest {
    private static final String SMOKE_MODEL = "model.smoke.dir="
            + dev.tarjama.jobs.support.TestPaths.repoRoot().resolve("models/tiny/marian-xenova");

    private static String[] run(int expectedExit, String... args) {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = Main.execute(args, new PrintStream(err, true, StandardCharsets.UTF_8));
        String message = err.toString(StandardCharsets.UTF_8);
        assertEquals(expectedExit, exit, message);
        return new String[] {message};
    }

    @Test
    void anUnknownKeyIsBadUsageNamingTheKey() {
        String message = run(ExitCode.USAGE, "run", "--set", "batch.sise=3")[0];
        assertTrue(message.contains("'batch.sise'"), message);
        assertEquals(1, message.strip().lines().count(), "one line");
    }

    @Test
    void anUnknownOptionIsBadUsage() {
        assertTrue(run(ExitCode.USAGE, "run", "--fast")[0].contains("--fast"));
    }

    @Test
    void aMissingRealModelStopsTheRunAndNamesTheSmokeOption(@TempDir Path tmp) {
        String message = run(ExitCode.FAILURE, "run", "--output", tmp.resolve("out").toString(),
                "--set", "model.translation.dir=" + tmp.resolve("no-model"), "--set", "exec.master=local[1]")[0];
        assertTrue(message.contains("translation model not found") && message.contains("--smoke")
                && message.contains("model.translation.dir"), message);
    }

    @Test
    void aConfiguredButMissingSummaryModelStopsTheRunBeforeSparkStarts(@TempDir Path tmp) {
        Path output = tmp.resolve("out");
        String message = run(ExitCode.FAILURE, "run", "--smoke", "--output", output.toString(), "--set", SMOKE_MODEL,
                "--set", "model.summary.dir=" + tmp.resolve("no-summary-model"), "--set", "exec.master=local[1]")[0];
        assertTrue(message.contains("summary model not found") && message.contains("model.summary.dir")
                && message.contains("no-summary-model"), message);
        assertTrue(java.nio.file.Files.notExists(output), "nothing was written");
    }

    @Test
    void abstractiveSummariesWithoutAModelAreBadConfiguration(@TempDir Path tmp) {
        String message = run(ExitCode.USAGE, "run", "--smoke", "--output", tmp.resolve("out").toString(),
                "--set", SMOKE_MODEL, "--set", "summary.en=abstractive")[0];
        assertTrue(message.contains("summary.en=abstractive") && message.contains("model.summary.dir"), message);
    }

    @Test
    @org.junit.jupiter.api.Tag("spark")
    void overTheFailureThresholdExitsThreeAfterCommittingAndTheLastStdoutLineSaysSo(@TempDir Path tmp)
            throws Exception {
        java.util.List<String> lines = new java.util.ArrayList<>(java.nio.file.Files.readAllLines(
                dev.tarjama.jobs.support.TestPaths.repoRoot().resolve("conf/samples/articles.jsonl")));
        lines.add("{\"id\": \"broken\", ");
        Path input = dev.tarjama.jobs.support.Inputs.writeJsonl(tmp.resolve("in/a.jsonl"), lines, java.util.List.of());
        Path output = tmp.resolve("out");
        Path copy = tmp.resolve("reports/daily.json");
        CommandRun r = CommandRun.of("run", "--smoke", "--input", input.toString(), "--output", output.toString(),
                "--run-id", "daily-20250302-try1", "--report-file", copy.toString(),
                "--set", SMOKE_MODEL, "--set", "exec.master=local[2]", "--set", "generation.num_beams=1",
                "--set", "generation.max_new_tokens=16");

        assertEquals(ExitCode.OVER_FAILURE_THRESHOLD, r.code(), r.stderr());
        assertTrue(r.stderr().contains("above run.max_failure_rate") && r.stderr().contains("committed"), r.stderr());
        RunResult result = RunResult.parse(r.stdout().get(r.stdout().size() - 1));
        assertEquals("daily-20250302-try1", result.runId());
        assertEquals("too_many_failures", result.status());
        assertEquals(ExitCode.OVER_FAILURE_THRESHOLD, result.exitCode());
        assertEquals(7, result.records());
        assertEquals(1, result.counts().get("failed"));
        assertEquals(output.resolve("_runs/daily-20250302-try1/report.json").toString(), result.report());
        assertTrue(result.stageSeconds().containsKey("write") && result.seconds() > 0, result.toJson());
        RunReport parsed = RunReport.parse(java.nio.file.Files.readString(Path.of(result.report())));
        assertEquals(7, parsed.inputRecords());
        assertTrue(parsed.json().path("models").get(0).path("names").get(0).path("name").asText().startsWith("smoke:"));
        assertEquals(parsed, RunReport.parse(java.nio.file.Files.readString(copy)), "--report-file is the same report");
        assertEquals(copy.toString(), result.reportFile());
        try (var rows = java.nio.file.Files.list(output)) {
            assertTrue(rows.anyMatch(p -> p.getFileName().toString().startsWith("dt=")), "the rows are committed");
        }
    }

    @Test
    @org.junit.jupiter.api.Tag("spark")
    void aRunThatFailsAfterStartingExitsOneAndItsStdoutLineNamesTheFailureReport(@TempDir Path tmp) throws Exception {
        Path input = java.nio.file.Files.writeString(tmp.resolve("a.jsonl"), "{\"id\": \"a\", \"title\": \"t\", \"body\": \"b\"}\n");
        Path copy = tmp.resolve("last.json");
        CommandRun r = CommandRun.of("run", "--smoke", "--input", input.toString(), "--output", tmp.resolve("out").toString(),
                "--report-file", copy.toString(), "--set", SMOKE_MODEL, "--set", "exec.master=local[1]",
                "--set", "input.format=parquet");

        assertEquals(ExitCode.FAILURE, r.code(), r.stderr());
        RunResult result = RunResult.parse(r.stdout().get(r.stdout().size() - 1));
        assertEquals("failed", result.status());
        assertEquals(ExitCode.FAILURE, result.exitCode());
        assertTrue(result.runId().startsWith("run-") && result.error().contains("not a Parquet file"), result.toJson());
        RunReport report = RunReport.parse(java.nio.file.Files.readString(Path.of(result.report())));
        assertEquals("failed", report.status());
        assertEquals(report, RunReport.parse(java.nio.file.Files.readString(copy)));
    }

    @Test
    void aRunIdThatIsNoSafeFolderNameIsBadUsageAndStillGivesTheStdoutLine() throws Exception {
        CommandRun r = CommandRun.of("run", "--smoke", "--run-id", "scheduled__2025-03-02T02:30:00+00:00");
        assertEquals(ExitCode.USAGE, r.code());
        assertTrue(r.stderr().contains("not a safe folder name"), r.stderr());
        RunResult result = RunResult.parse(r.stdout().get(r.stdout().size() - 1));
        assertEquals(ExitCode.USAGE, result.exitCode());
        assertEquals("failed", result.status());
        assertEquals(null, result.report());
    }

    @Test
    @org.junit.jupiter.api.Tag("spark")
    void noInputExitsFiveWithoutAReportAndAllowEmptyInputMakesItARunOfNothing(@TempDir Path tmp) throws Exception {
        CommandRun missing = CommandRun.of("run", "--smoke", "--input", tmp.resolve("nothing/landed.jsonl").toString(),
                "--output", tmp.resolve("out").toString(), "--set", SMOKE_MODEL, "--set", "exec.master=local[1]");
        assertEquals(ExitCode.NO_INPUT, missing.code(), missing.stderr());
        RunResult none = RunResult.parse(missing.stdout().get(missing.stdout().size() - 1));
        assertEquals(ExitCode.NO_INPUT, none.exitCode());
        assertTrue(none.error().contains("input not found"), none.toJson());

        Path empty = java.nio.file.Files.writeString(tmp.resolve("empty.jsonl"), "");
        CommandRun allowed = CommandRun.of("run", "--smoke", "--input", empty.toString(), "--output",
                tmp.resolve("out2").toString(), "--set", SMOKE_MODEL, "--set", "exec.master=local[1]",
                "--set", "run.allow_empty_input=true");
        assertEquals(ExitCode.OK, allowed.code(), allowed.stderr());
        RunResult nothing = RunResult.parse(allowed.stdout().get(allowed.stdout().size() - 1));
        assertEquals("succeeded", nothing.status());
        assertEquals(0L, nothing.records());
    }
}
