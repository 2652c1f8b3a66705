package dev.tarjama.jobs.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code tarjama bench} on the tiny model: its tables, ratios, profile, JSON, sweep and pipeline modes. */
class BenchCommandTest {

    private static final String MODEL = Path.of("..", "models", "tiny", "marian-xenova").toString();
    private static final String INPUT = Path.of("..", "conf", "samples", "bench-ar.txt").toString();

    @Test
    void measuresEveryConfigurationInRoundsWithRatiosProfileAndJson(@TempDir Path dir) throws Exception {
        Path json = dir.resolve("bench.json");
        CommandRun o = CommandRun.of("bench", "--model", MODEL, "--input", INPUT, "--batch", "1,4", "--beams", "1,2",
                "--sentences", "4", "--baseline-sentences", "1", "--max-new-tokens", "4", "--rounds", "2", "--profile",
                "--json", json.toString());
        assertEquals(0, o.code(), o.stderr());
        String out = String.join("\n", o.stdout());
        assertTrue(out.contains("baseline: batch 1, greedy, no cache"), out);
        assertTrue(out.contains("2 rounds"), out);
        assertTrue(o.stdout().stream().anyMatch(l -> l.startsWith("batch 4, beam 2, KV cache") && l.endsWith("%")),
                "beam against greedy at the same batch: " + out);
        assertTrue(out.contains("profile, batch 4, beam 2, KV cache") && out.contains("ORT decoder step"), out);

        JsonNode root = new ObjectMapper().readTree(json.toFile());
        assertEquals(4, root.get("input_ids").size());
        assertEquals(5, root.get("configurations").size(), "baseline and four configurations");
        for (JsonNode c : root.get("configurations")) {
            assertEquals(2, c.get("rounds").size(), c.toString());
            assertEquals(c.get("cache").asBoolean() ? 4 : 1, c.get("output_ids").size(), c.toString());
            for (JsonNode ids : c.get("output_ids")) {
                assertEquals(4, ids.size(), "fixed length: min = max new tokens");
            }
        }
        // Greedy gives the same ids in a batch of 4 as one by one.
        assertEquals(root.get("configurations").get(1).get("output_ids"), root.get("configurations").get(2).get("output_ids"));
    }

    @Test
    void ortProfilePrintsEachFilesSlowestOperatorsAndRefusesAFolderThatHoldsTraces(@TempDir Path dir) {
        Path traces = dir.resolve("traces");
        String[] args = {"bench", "--model", MODEL, "--input", INPUT, "--config", "2x2", "--sentences", "2",
            "--max-new-tokens", "3", "--no-baseline", "--ort-profile", traces.toString()};
        CommandRun o = CommandRun.of(args);
        assertEquals(0, o.code(), o.stderr());
        String out = String.join("\n", o.stdout());
        assertTrue(o.stdout().stream().anyMatch(l -> l.startsWith("decoder_model_merged: 1 session, ")), out);
        assertTrue(o.stdout().stream().anyMatch(l -> l.trim().startsWith("MatMul") && l.endsWith("GFLOP/s")), out);
        assertTrue(o.stdout().stream().anyMatch(l -> l.startsWith("gather_of_")), "beams move rows: " + out);
        CommandRun again = CommandRun.of(args);
        assertEquals(2, again.code(), again.stderr());
        assertTrue(again.stderr().contains("already holds ONNX Runtime traces"), again.stderr());
    }

    @Test
    void sweepComparesSessionSettingsWithTheDefaultsInTheSameRound() {
        CommandRun o = CommandRun.of("bench", "--model", MODEL, "--input", INPUT, "--batch", "2", "--sentences", "2",
                "--max-new-tokens", "3", "--threads", "2", "--sweep-session-settings");
        assertEquals(0, o.code(), o.stderr());
        String out = String.join("\n", o.stdout());
        assertTrue(out.contains("ONNX Runtime session settings"), out);
        for (String variant : new String[] {"defaults", "session.intra_op.allow_spinning=1", "optimization=basic",
            "memory_pattern=false", "cpu_arena=false", "session.intra_op_thread_affinities=2"}) {
            assertTrue(o.stdout().stream().anyMatch(l -> l.startsWith(variant)), variant + " missing: " + out);
        }
    }

    @Test
    void pipelineModeTranslatesArticlesUnderEachBatchLimit(@TempDir Path dir) throws Exception {
        Path articles = dir.resolve("articles.jsonl");
        Files.writeString(articles, "{\"body_ar\": \"قال الوزير إن المحادثات ستستأنف. وأضاف أن الوفد سيصل غدا.\"}\n"
                + "{\"body_ar\": \"ارتفعت الأسعار في الأسواق المحلية.\"}\n");
        CommandRun o = CommandRun.of("bench", "--model", MODEL, "--input", articles.toString(), "--input-field", "body_ar",
                "--pipeline-limits", "64x2,4096x32", "--articles-per-call", "1");
        assertEquals(0, o.code(), o.stderr());
        String out = String.join("\n", o.stdout());
        assertTrue(out.contains("2 articles, 1 per call"), out);
        assertTrue(o.stdout().stream().anyMatch(l -> l.startsWith("4096x32 (tokens x rows)")), out);
    }

    @Test
    void badSessionSettingsAndLimitsAreUsageErrors() {
        CommandRun setting = CommandRun.of("bench", "--model", MODEL, "--input", INPUT, "--session-setting", "spin=0");
        assertEquals(2, setting.code(), setting.stderr());
        assertTrue(setting.stderr().contains("unknown ONNX Runtime session setting 'spin'"), setting.stderr());
        CommandRun limits = CommandRun.of("bench", "--model", MODEL, "--input", INPUT, "--pipeline-limits", "4096");
        assertEquals(2, limits.code(), limits.stderr());
        assertTrue(limits.stderr().contains("TOKENSxROWS"), limits.stderr());
    }
}
