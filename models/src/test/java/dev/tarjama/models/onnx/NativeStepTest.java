package dev.tarjama.models.onnx;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import dev.tarjama.models.generate.DecoderSession;
import dev.tarjama.models.testing.TinyModels;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.FloatBuffer;
import java.util.Random;

/**
 * The per-step work kept in ONNX Runtime: the gather graph that reorders rows, the
 * cross-attention cache that stays put while beams trade places, and the session settings.
 */
class NativeStepTest {

    static OnnxSeq2SeqModel split;
    static OnnxSeq2SeqModel merged;
    static long[][] sources;
    static long start;

    @BeforeAll
    static void load() {
        ModelOptions options = ModelOptions.builder().optIntraOpThreads(1).optInterOpThreads(1).build();
        split = OnnxSeq2SeqModel.load(TinyModels.MARIAN_OPTIMUM, options);
        merged = OnnxSeq2SeqModel.load(TinyModels.MARIAN_XENOVA, options);
        sources = TinyModels.marianCases().stream().map(TinyModels.Case::inputIds).toArray(long[][]::new);
        start = split.config().decoderStartTokenId();
    }

    @AfterAll
    static void close() {
        split.close();
        merged.close();
    }

    @Test
    void gatherGraphCopiesTheSameRowsAsTheJavaGather() {
        Random random = new Random(5);
        int[] rows = {2, 0, 0, 3, 1};
        try (DecoderSession session = split.start(sources)) {
            EncodedSession encoded = (EncodedSession) session;
            NDManager manager = encoded.manager;
            NDArray[] arrays = new NDArray[2 * split.config().decoderLayers()];
            float[][] data = new float[arrays.length][];
            for (int i = 0; i < arrays.length; i++) {
                data[i] = new float[4 * 3 * 5];
                for (int j = 0; j < data[i].length; j++) {
                    data[i][j] = random.nextFloat();
                }
                arrays[i] = manager.create(FloatBuffer.wrap(data[i]), new Shape(4, 3, 5), DataType.FLOAT32);
                arrays[i].setName("t" + i);
            }
            NDArray[] expected = new NDArray[arrays.length];
            for (int i = 0; i < arrays.length; i++) {
                expected[i] = Tensors.gatherRows(manager, arrays[i], rows);
            }
            NDArray[] gathered = encoded.gather(arrays, rows);
            for (int i = 0; i < arrays.length; i++) {
                assertEquals(new Shape(rows.length, 3, 5), gathered[i].getShape());
                assertEquals("t" + i, gathered[i].getName(), "gathered arrays keep their names");
                assertArrayEquals(expected[i].toFloatArray(), gathered[i].toFloatArray(), "tensor " + i);
            }
        }
    }

    @Test
    void tensorsOfOtherTypesAreGatheredInJava() {
        try (DecoderSession session = split.start(sources)) {
            EncodedSession encoded = (EncodedSession) session;
            NDArray ids = Tensors.int64(encoded.manager, new long[] {1, 2, 3, 4, 5, 6}, 3, 2);
            ids.setName("ids");
            NDArray[] gathered = encoded.gather(new NDArray[] {ids}, new int[] {2, 2, 0});
            assertArrayEquals(new long[] {5, 6, 5, 6, 1, 2}, gathered[0].toLongArray());
            assertEquals("ids", gathered[0].getName());
        }
    }

    @Test
    void beamsTradingPlacesMoveTheSelfAttentionCacheOnlyAndDecodeAsIfStartedThatWay() {
        long[][] two = {sources[0], sources[1]};
        long[][] expanded = {sources[0], sources[0], sources[1], sources[1]};
        long[] first = {start, start, start, start};
        for (OnnxSeq2SeqModel model : new OnnxSeq2SeqModel[] {split, merged}) {
            try (DecoderSession beams = model.start(two); DecoderSession fresh = model.start(expanded)) {
                beams.step(new long[] {start, start});
                beams.select(new int[] {0, 0, 1, 1});
                fresh.step(first);
                long[] tokens = {5, 6, 7, 8};
                beams.step(tokens);
                CachedDecoderSession cached = (CachedDecoderSession) beams;
                NDArray[] crossBefore = cached.encoderCache().clone();
                NDArray[] selfBefore = cached.decoderCache().clone();
                beams.select(new int[] {1, 0, 3, 2});
                for (int k = 0; k < crossBefore.length; k++) {
                    assertSame(crossBefore[k], cached.encoderCache()[k], "cross-attention cache copied");
                    assertNotSame(selfBefore[k], cached.decoderCache()[k], "self-attention cache not reordered");
                }
                fresh.step(new long[] {6, 5, 8, 7});
                long[] next = {9, 10, 11, 12};
                OnnxSeq2SeqModelTest.assertClose(fresh.step(next), beams.step(next), 1e-5f,
                        model.folder().root() + " after a reorder within sentences");

                beams.select(new int[] {2, 3});
                for (int k = 0; k < crossBefore.length; k++) {
                    assertNotSame(crossBefore[k], cached.encoderCache()[k], "a sentence left: cross cache compacted");
                }
                fresh.select(new int[] {2, 3});
                long[] last = {13, 14};
                OnnxSeq2SeqModelTest.assertClose(fresh.step(last), beams.step(last), 1e-5f,
                        model.folder().root() + " after a sentence left");
            }
        }
    }

    @Test
    void sessionSettingsReachOnnxRuntimeAndChangeNoLogits() {
        ModelOptions tuned = ModelOptions.builder().optIntraOpThreads(1)
                .optSessionSetting("optimization", "basic")
                .optSessionSetting("memory_pattern", "false")
                .optSessionSetting("cpu_arena", "false")
                .optSessionSetting("session.intra_op.allow_spinning", "1")
                .build();
        try (OnnxSeq2SeqModel model = OnnxSeq2SeqModel.load(TinyModels.MARIAN_OPTIMUM, tuned)) {
            OnnxSeq2SeqModelTest.assertSame(OnnxSeq2SeqModelTest.run(split, sources, 4),
                    OnnxSeq2SeqModelTest.run(model, sources, 4), "tuned session settings");
        }
    }

    @Test
    void unknownSessionSettingsAndValuesAreRefusedByName() {
        IllegalArgumentException key = assertThrows(IllegalArgumentException.class,
                () -> ModelOptions.builder().optSessionSetting("spinning", "0"));
        assertTrue(key.getMessage().contains("'spinning'"), key.getMessage());
        IllegalArgumentException value = assertThrows(IllegalArgumentException.class,
                () -> ModelOptions.builder().optSessionSetting("optimization", "max"));
        assertTrue(value.getMessage().contains("optimization takes"), value.getMessage());
        assertThrows(IllegalArgumentException.class, () -> ModelOptions.builder().optSessionSetting("cpu_arena", "no"));
    }

    @Test
    void helperGraphsAreBuiltForEveryCountASessionGathers() {
        int layers = split.config().decoderLayers();
        for (int count : new int[] {1, 2 * layers, 4 * layers, 4 * layers + 1}) {
            assertTrue(split.gather(count).inputNames().contains(HelperGraphs.ROWS), "gather of " + count);
        }
    }
}
