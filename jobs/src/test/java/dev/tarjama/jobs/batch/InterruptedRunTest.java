package dev.tarjama.jobs.batch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tarjama.jobs.cli.Main;
import dev.tarjama.jobs.support.Inputs;
import dev.tarjama.jobs.support.TestPaths;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A run killed with SIGTERM (what a scheduler sends first) in a child JVM: it still writes its
 * report, which says it was interrupted, removes its staging, and leaves the table untouched.
 */
@Tag("spark")
class InterruptedRunTest {

    @Test
    void aRunStoppedBySigtermWritesAnInterruptedReportAndRemovesItsStaging(@TempDir Path tmp) throws Exception {
        // Far more work than the test waits for: the signal lands in the translate stage.
        Path input = Inputs.writeJsonl(tmp.resolve("in/a.jsonl"), Inputs.fresh(300), List.of());
        Path output = tmp.resolve("out");
        Path log = tmp.resolve("child.log");
        Process child = new ProcessBuilder(command(input, output)).directory(tmp.toFile())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            Path runDir = awaitStaging(output, child, log);
            child.destroy(); // SIGTERM
            assertTrue(child.waitFor(90, TimeUnit.SECONDS), "the JVM ends after its shutdown hooks:\n" + tail(log));
            assertEquals(128 + 15, child.exitValue(), "ended by SIGTERM");

            Path reportFile = runDir.resolve("report.json");
            assertTrue(Files.isRegularFile(reportFile), "the report is written:\n" + tail(log));
            RunReport report = RunReport.parse(Files.readString(reportFile));
            assertEquals(RunReport.INTERRUPTED, report.status(), report.toJson());
            assertTrue(report.error().contains("in the translate stage") && report.error().contains("SIGTERM"),
                    report.error());
            assertEquals(runDir.getFileName().toString(), report.runId());
            assertTrue(report.stageSeconds().containsKey("read"), "the stages reached are reported");
            assertFalse(Files.exists(runDir.resolve("staging")), "staging removed:\n" + tail(log));
            try (Stream<Path> entries = Files.list(output)) {
                assertEquals(List.of("_runs"), entries.map(p -> p.getFileName().toString()).toList(),
                        "no partition was written");
            }
        } finally {
            child.destroyForcibly();
        }
    }

    /** {@code tarjama run --smoke} in its own JVM, on the test classpath. */
    private static List<String> command(Path input, Path output) throws IOException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx1g", "-Dai.djl.offline=true"));
        command.addAll(List.of(Files.readString(TestPaths.repoRoot().resolve("jobs/target/classes/jvm.options"))
                .trim().split("\\s+")));
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), Main.class.getName(),
                "run", "--smoke", "--input", input.toString(), "--output", output.toString()));
        for (String set : List.of("model.smoke.dir=" + TestPaths.tinyModel("marian-xenova"), "exec.master=local[2]",
                "generation.num_beams=4", "generation.max_new_tokens=256", "batch.articles=4")) {
            command.add("--set");
            command.add(set);
        }
        return command;
    }

    /** Waits until the run's translate stage has begun writing its staging; returns the run folder. */
    private static Path awaitStaging(Path output, Process child, Path log) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(180);
        while (System.nanoTime() < deadline) {
            assertTrue(child.isAlive(), "the run ended before it could be interrupted:\n" + tail(log));
            Optional<Path> run = runDir(output);
            if (run.isPresent() && Files.isDirectory(run.get().resolve("staging"))) {
                return run.get();
            }
            Thread.sleep(200);
        }
        throw new AssertionError("the translate stage did not start:\n" + tail(log));
    }

    private static Optional<Path> runDir(Path output) throws IOException {
        Path runs = output.resolve("_runs");
        if (!Files.isDirectory(runs)) {
            return Optional.empty();
        }
        try (Stream<Path> dirs = Files.list(runs)) {
            return dirs.findFirst();
        }
    }

    private static String tail(Path log) throws IOException {
        List<String> lines = Files.exists(log) ? Files.readAllLines(log) : List.of();
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    }
}
