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
    void aSmokeRunWithTooManyFailuresExitsWithOneAndStillWritesTheReport(@TempDir Path tmp) throws Exception {
        java.util.List<String> lines = new java.util.ArrayList<>(java.nio.file.Files.readAllLines(
                dev.tarjama.jobs.support.TestPaths.repoRoot().resolve("conf/samples/articles.jsonl")));
        lines.add("{\"id\": \"broken\", ");
        Path input = dev.tarjama.jobs.support.Inputs.writeJsonl(tmp.resolve("in/a.jsonl"), lines, java.util.List.of());
        Path output = tmp.resolve("out");
        String[] common = {"run", "--smoke", "--input", input.toString(), "--output", output.toString(),
            "--set", "model.smoke.dir=" + dev.tarjama.jobs.support.TestPaths.repoRoot().resolve("models/tiny/marian-xenova"),
            "--set", "exec.master=local[2]", "--set", "generation.num_beams=1", "--set", "generation.max_new_tokens=16"};
        String message = run(ExitCode.FAILURE, common)[0];
        assertTrue(message.contains("above run.max_failure_rate"), message);
        try (var runs = java.nio.file.Files.list(output.resolve("_runs"))) {
            Path report = runs.findFirst().orElseThrow().resolve("report.json");
            RunReport parsed = RunReport.parse(java.nio.file.Files.readString(report));
            assertEquals(7, parsed.inputRecords());
            assertEquals(1, parsed.count("failed"));
            assertTrue(parsed.json().path("models").get(0).path("names").get(0).path("name").asText()
                    .startsWith("smoke:"));
        }
    }
}
