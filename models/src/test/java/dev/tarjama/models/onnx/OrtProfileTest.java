package dev.tarjama.models.onnx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tarjama.models.onnx.OrtProfile.FileProfile;
import dev.tarjama.models.onnx.OrtProfile.OpTotal;
import dev.tarjama.models.testing.TinyModels;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/** ONNX Runtime's own profiler through the {@code profile_dir} session setting, and its summary. */
class OrtProfileTest {

    @Test
    void everySessionWritesATraceWhoseRunsAreTheStepsTaken(@TempDir Path dir) throws Exception {
        ModelOptions options = ModelOptions.builder().optIntraOpThreads(1).optInterOpThreads(1).optProbeOnLoad(false)
                .optSessionSetting(SessionSettings.PROFILE_DIR, dir.toString()).build();
        long[][] sources = TinyModels.marianCases().stream().map(TinyModels.Case::inputIds).toArray(long[][]::new);
        int steps = 5;
        try (OnnxSeq2SeqModel model = OnnxSeq2SeqModel.load(TinyModels.MARIAN_OPTIMUM, options)) {
            OnnxSeq2SeqModelTest.run(model, sources, steps);
        }
        Map<String, FileProfile> files = OrtProfile.read(dir).stream()
                .collect(Collectors.toMap(FileProfile::file, Function.identity()));
        assertEquals(1, files.get("encoder_model").runs(), "one encoder run");
        assertEquals(1, files.get("decoder_model").runs(), "the first step has no cache");
        FileProfile withPast = files.get("decoder_with_past_model");
        assertEquals(steps - 1, withPast.runs(), "every later step runs the cached decoder");
        assertEquals(1, withPast.sessions());
        List<FileProfile> gathers = files.values().stream().filter(f -> f.file().startsWith("gather_of_")).toList();
        assertTrue(!gathers.isEmpty() && files.containsKey("best_tokens"), "helper graphs are profiled too: "
                + files.keySet());
        assertTrue(gathers.stream().allMatch(g -> g.runs() == 0), "rows never moved");
        assertTrue(withPast.kernelMicros() > 0 && withPast.kernelMicros() <= withPast.runMicros(),
                "kernels run inside the runs: " + withPast.kernelMicros() + " of " + withPast.runMicros() + " us");
        OpTotal matMul = withPast.ops().stream().filter(o -> o.op().equals("MatMul")).findFirst().orElseThrow();
        assertEquals(0, matMul.calls() % (steps - 1), "the same MatMul nodes every run");
        assertTrue(matMul.gflops() > 0 && Double.isFinite(matMul.gflops()), "rate " + matMul.gflops());
        assertTrue(Double.isNaN(withPast.ops().stream().filter(o -> o.op().equals("Softmax")).findFirst().orElseThrow()
                .gflops()), "only matrix products get a rate");
        assertEquals(withPast.kernelMicros(), withPast.nodes().stream().mapToLong(OrtProfile.NodeTotal::micros).sum());
    }

    @Test
    void aMatrixProductCountsTwiceItsOutputTimesTheInnerDimension() throws Exception {
        var args = new ObjectMapper().readTree("{\"input_type_shape\": [{\"float\": [64, 1, 512]}],"
                + " \"output_type_shape\": [{\"float\": [64, 1, 62834]}]}");
        assertEquals(2.0 * 64 * 62834 * 512, OrtProfile.matMulFlops("MatMul", args));
        assertEquals(0.0, OrtProfile.matMulFlops("Add", args));
        assertEquals(0.0, OrtProfile.matMulFlops("MatMul", new ObjectMapper().readTree("{}")));
    }

    @Test
    void onlyOnnxRuntimeTracesAreRead() {
        assertEquals("decoder_with_past_model",
                OrtProfile.fileOf(Path.of("decoder_with_past_model.12_2026-12-01_17-20-23.json")));
        assertNull(OrtProfile.fileOf(Path.of("notes.json")));
        assertNotNull(OrtProfile.fileOf(Path.of("log-softmax_top-k.3_2026-12-01_17-20-23.json")));
        assertThrows(IllegalArgumentException.class,
                () -> ModelOptions.builder().optSessionSetting(SessionSettings.PROFILE_DIR, " "));
    }
}
