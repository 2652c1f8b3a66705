package dev.tarjama.jobs.batch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tarjama.jobs.config.JobConfig;
import dev.tarjama.jobs.exit.JobFailure;
import dev.tarjama.jobs.exit.UsageException;
import dev.tarjama.jobs.support.TestPaths;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The plan of a run, resolved from configuration without Spark. */
class RunPlanTest {
    private static final Instant NOW = Instant.parse("2025-03-02T10:11:12Z");

    private static JobConfig config(String... sets) {
        List<String> all = new java.util.ArrayList<>(List.of("output.path=/data/out",
                "model.smoke.dir=" + TestPaths.tinyModel("marian-xenova")));
        all.addAll(List.of(sets));
        return JobConfig.builder().sets(all).build();
    }

    @Test
    void aCallerChosenRunIdNamesTheRunFolder() {
        RunPlan plan = RunPlan.resolve(config(), JobOptions.defaults(true).withRunId("scheduled__2025-03-02T00-00-00+00-00"),
                1, NOW);
        assertEquals("scheduled__2025-03-02T00-00-00+00-00", plan.runId());
        assertEquals("/data/out/_runs/scheduled__2025-03-02T00-00-00+00-00/report.json", plan.reportPath());
        assertEquals(plan.runId(), plan.settings().runId(), "rows record the same id");
    }

    @Test
    void withoutOneTheRunIdIsTheStartTimeAndARandomPart() {
        RunPlan a = RunPlan.resolve(config(), JobOptions.defaults(true), 1, NOW);
        RunPlan b = RunPlan.resolve(config(), JobOptions.defaults(true), 1, NOW);
        assertTrue(a.runId().matches("run-20250302T101112Z-[0-9a-f]{8}"), a.runId());
        assertNotEquals(a.runId(), b.runId());
    }

    @Test
    void aRunIdThatIsNotASafeFolderNameIsBadUsage() {
        for (String bad : List.of("", "../etc", "a/b", "manual__2025-03-02T10:11:12+00:00", ".hidden", "_runs",
                "a..b", "x".repeat(129), "tab\there")) {
            UsageException e = assertThrows(UsageException.class, () -> JobOptions.defaults(true).withRunId(bad), bad);
            assertTrue(e.getMessage().contains("safe folder name"), e.getMessage());
        }
    }

    @Test
    void theGenerationHashFollowsTheSpecTheExecutorsLoad() {
        RunPlan base = RunPlan.resolve(config(), JobOptions.defaults(true), 1, NOW);
        RunPlan beams = RunPlan.resolve(config("generation.num_beams=2"), JobOptions.defaults(true), 1, NOW);
        RunPlan threads = RunPlan.resolve(config("exec.inter_op_threads=2"), JobOptions.defaults(true), 4, NOW);
        assertEquals(2, beams.translation().translator().numBeams());
        assertNotEquals(base.generationHash(), beams.generationHash());
        assertEquals(base.generationHash(), threads.generationHash(), "threads do not change what the model writes");
        assertEquals(4, threads.translation().translator().intraOpThreads(), "intra-op threads = spark.task.cpus");
        // The value stored in existing tables for the defaults (fp32, 4 beams, 256 new tokens): incremental runs key on it.
        // sha256("precision=fp32;num_beams=4;max_new_tokens=256")[:16], as written before the plan existed
        assertEquals("60af4f2f7c3a4e0d", base.generationHash());
        assertEquals(RunPlan.generationHash(base.translation().translator()), base.settings().generationHash());
    }

    @Test
    void aModelAskingForSettingsTarjamaCannotHonourStopsTheRunBeforeSpark(@TempDir Path dir) throws Exception {
        Path model = Files.createDirectories(dir.resolve("model"));
        Files.writeString(model.resolve("config.json"), "{\"model_type\": \"marian\", \"pad_token_id\": 5,"
                + " \"eos_token_id\": 0}");
        Path generation = Files.writeString(model.resolve("generation_config.json"), "{\"num_beam_groups\": 2}");
        JobFailure e = assertThrows(JobFailure.class, () -> RunPlan.resolve(
                config("model.translation.dir=" + model), JobOptions.defaults(false), 1, NOW));
        assertTrue(e.getMessage().contains("num_beam_groups=2 in " + generation + " (group beam search)"),
                e.getMessage());
    }

    @Test
    void theSourceLengthCapReachesTheSpecAndOnlyAChangedCapChangesTheHash() {
        RunPlan base = RunPlan.resolve(config(), JobOptions.defaults(true), 1, NOW);
        RunPlan off = RunPlan.resolve(config("generation.max_length_per_source_token=0"), JobOptions.defaults(true), 1, NOW);
        RunPlan offset = RunPlan.resolve(config("generation.max_length_offset=4"), JobOptions.defaults(true), 1, NOW);
        assertEquals(2.0, base.translation().translator().maxLengthPerSourceToken());
        assertEquals(10, base.translation().translator().maxLengthOffset());
        assertEquals(0.0, off.translation().translator().maxLengthPerSourceToken());
        assertEquals(4, offset.translation().translator().maxLengthOffset());
        assertEquals("60af4f2f7c3a4e0d", base.generationHash(), "the default cap keeps the hash of existing rows");
        assertNotEquals(base.generationHash(), off.generationHash());
        assertNotEquals(base.generationHash(), offset.generationHash());
    }
}
