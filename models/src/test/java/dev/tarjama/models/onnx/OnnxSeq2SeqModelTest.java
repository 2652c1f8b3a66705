package dev.tarjama.models.onnx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tarjama.models.generate.DecoderSession;
import dev.tarjama.models.testing.TinyModels;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

class OnnxSeq2SeqModelTest {

    static final float TOLERANCE = 1e-4f;
    static final int STEPS = 8;

    static OnnxSeq2SeqModel split;
    static OnnxSeq2SeqModel merged;
    static OnnxSeq2SeqModel splitUncached;
    static OnnxSeq2SeqModel mergedUncached;
    static long[][] sources;
    static long start;

    @BeforeAll
    static void load() {
        ModelOptions options = ModelOptions.builder().optIntraOpThreads(1).optInterOpThreads(1).build();
        split = OnnxSeq2SeqModel.load(TinyModels.MARIAN_OPTIMUM, options);
        merged = OnnxSeq2SeqModel.load(TinyModels.MARIAN_XENOVA, options);
        ModelOptions uncached = options.toBuilder().optUseCache(false).build();
        splitUncached = OnnxSeq2SeqModel.load(TinyModels.MARIAN_OPTIMUM, uncached);
        mergedUncached = OnnxSeq2SeqModel.load(TinyModels.MARIAN_XENOVA, uncached);
        sources = TinyModels.marianCases().stream().map(TinyModels.Case::inputIds).toArray(long[][]::new);
        start = split.config().decoderStartTokenId();
    }

    @AfterAll
    static void close() {
        for (OnnxSeq2SeqModel model : new OnnxSeq2SeqModel[] {split, merged, splitUncached, mergedUncached}) {
            if (model != null) {
                model.close();
            }
        }
    }

    @Test
    void bothLayoutsLoadWithTheirDecoderFiles() {
        assertFalse(split.folder().merged());
        assertTrue(split.folder().decoderWithPast().endsWith("decoder_with_past_model.onnx"));
        assertTrue(merged.folder().merged());
        assertTrue(merged.folder().onnxDir().endsWith("onnx"));
        int vocab = TinyModels.marianConfig().logitsSize();
        assertEquals(vocab, split.vocabSize());
        assertEquals(vocab, merged.vocabSize());
    }

    @Test
    void splitMergedCachedAndUncachedGiveTheSameLogitsStepByStep() {
        List<float[][]> reference = run(split, sources, STEPS);
        assertSame(reference, run(merged, sources, STEPS), "merged");
        assertSame(reference, run(splitUncached, sources, STEPS), "split uncached");
        assertSame(reference, run(mergedUncached, sources, STEPS), "merged uncached");
    }

    @Test
    void selectReordersRepeatsAndDropsRowsLikeASessionStartedOnThoseRows() {
        int[] selected = {3, 0, 0, 5};
        long[][] reordered = new long[selected.length][];
        for (int i = 0; i < selected.length; i++) {
            reordered[i] = sources[selected[i]];
        }
        for (OnnxSeq2SeqModel model : new OnnxSeq2SeqModel[] {split, merged, splitUncached, mergedUncached}) {
            try (DecoderSession full = model.start(sources); DecoderSession picked = model.start(reordered)) {
                long[] tokens = filled(sources.length, start);
                long[] pickedTokens = filled(selected.length, start);
                for (int step = 0; step < 3; step++) {
                    float[][] logits = full.step(tokens);
                    float[][] expected = picked.step(pickedTokens);
                    tokens = argmax(logits);
                    pickedTokens = argmax(expected);
                }
                full.select(selected);
                assertEquals(selected.length, full.rows());
                long[] next = new long[selected.length];
                for (int i = 0; i < selected.length; i++) {
                    next[i] = tokens[selected[i]];
                }
                for (int step = 0; step < 3; step++) {
                    float[][] actual = full.step(next);
                    float[][] expected = picked.step(next);
                    assertClose(expected, actual, 1e-5f, model.folder().root() + " after select, step " + step);
                    next = argmax(expected);
                }
            }
        }
    }

    @Test
    void greedyPrefixMatchesTheReferenceDecoderGoldens() {
        // The goldens' first three greedy tokens come before any no-repeat-ngram ban can apply;
        // bad_words_ids bans the pad id.
        long[] expected = java.util.Arrays.copyOf(TinyModels.marianCases().get(0).greedyIds(), 3);
        for (OnnxSeq2SeqModel model : new OnnxSeq2SeqModel[] {split, merged, splitUncached, mergedUncached}) {
            try (DecoderSession session = model.start(new long[][] {sources[0]})) {
                long token = start;
                for (int s = 0; s < expected.length; s++) {
                    float[] logits = session.step(new long[] {token})[0];
                    logits[(int) model.config().padTokenId()] = Float.NEGATIVE_INFINITY;
                    token = argmax(new float[][] {logits})[0];
                    assertEquals(expected[s], token, model.folder().root() + " step " + s);
                }
            }
        }
    }

    @Test
    void identitySelectChangesNothing() {
        try (DecoderSession a = split.start(sources); DecoderSession b = split.start(sources)) {
            long[] tokens = filled(sources.length, start);
            a.step(tokens);
            long[] next = argmax(b.step(tokens));
            int[] identity = new int[sources.length];
            for (int i = 0; i < identity.length; i++) {
                identity[i] = i;
            }
            a.select(identity);
            assertClose(b.step(next), a.step(next), 0f, "identity select");
        }
    }

    @Test
    void selectRejectsRowsThatAreNotLive() {
        try (DecoderSession session = split.start(sources)) {
            session.step(filled(sources.length, start));
            assertThrows(IndexOutOfBoundsException.class, () -> session.select(new int[] {0, sources.length}));
        }
    }

    @Test
    void quantizedVariantLoadsAndRuns() {
        ModelOptions int8 = ModelOptions.builder().optPrecision(Precision.INT8).optIntraOpThreads(1).build();
        try (OnnxSeq2SeqModel model = OnnxSeq2SeqModel.load(TinyModels.MARIAN_XENOVA, int8)) {
            assertTrue(model.folder().decoderMerged().getFileName().toString().endsWith("_quantized.onnx"));
            List<float[][]> steps = run(model, sources, 4);
            for (float[][] logits : steps) {
                for (float[] row : logits) {
                    assertEquals(model.vocabSize(), row.length);
                    for (float v : row) {
                        assertTrue(Float.isFinite(v), "finite logits");
                    }
                }
            }
        }
    }

    @Test
    void oneModelServesManyThreadsEachWithItsOwnSessions() throws Exception {
        List<float[][]> reference = run(split, sources, 4);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<List<float[][]>>> results = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                results.add(pool.submit(() -> run(split, sources, 4)));
            }
            for (Future<List<float[][]>> result : results) {
                assertSame(reference, result.get(), "concurrent session");
            }
        } finally {
            pool.shutdown();
        }
    }

    @Test
    void raggedRowsArePaddedSoEachRowMatchesItsOwnBatch() {
        List<float[][]> batch = run(merged, sources, 3);
        for (int r = 0; r < sources.length; r += 3) {
            List<float[][]> alone = run(merged, new long[][] {sources[r]}, 3);
            for (int s = 0; s < 3; s++) {
                assertClose(new float[][] {batch.get(s)[r]}, alone.get(s), TOLERANCE, "row " + r + " step " + s);
            }
        }
    }

    @Test
    void stepAfterCloseAndWrongTokenCountAreRejected() {
        DecoderSession session = split.start(sources);
        assertThrows(IllegalArgumentException.class, () -> session.step(new long[] {start}));
        session.close();
        session.close();
        assertThrows(IllegalStateException.class, () -> session.step(filled(sources.length, start)));
    }

    @Test
    void emptyRowsAndOverlongRowsAreRejectedClearly() {
        IllegalArgumentException empty = assertThrows(IllegalArgumentException.class,
                () -> split.start(new long[][] {{5, 0}, {}}));
        assertTrue(empty.getMessage().contains("row 1 is empty"), empty.getMessage());
        IllegalArgumentException tooLong = assertThrows(IllegalArgumentException.class,
                () -> split.start(new long[][] {new long[600]}));
        assertTrue(tooLong.getMessage().contains("max_position_embeddings"), tooLong.getMessage());
    }

    /** Greedy-feeds the reference argmax of the first model so that every model sees the same tokens. */
    static List<float[][]> run(OnnxSeq2SeqModel model, long[][] inputs, int steps) {
        List<float[][]> out = new ArrayList<>();
        try (DecoderSession session = model.start(inputs)) {
            long[] tokens = filled(inputs.length, start);
            for (int s = 0; s < steps; s++) {
                float[][] logits = session.step(tokens);
                out.add(logits);
                tokens = argmax(logits);
            }
        }
        return out;
    }

    static void assertSame(List<float[][]> expected, List<float[][]> actual, String what) {
        assertEquals(expected.size(), actual.size());
        for (int s = 0; s < expected.size(); s++) {
            assertClose(expected.get(s), actual.get(s), TOLERANCE, what + " step " + s);
        }
    }

    static void assertClose(float[][] expected, float[][] actual, float tolerance, String what) {
        assertEquals(expected.length, actual.length, what + ": rows");
        for (int r = 0; r < expected.length; r++) {
            assertEquals(expected[r].length, actual[r].length, what + ": vocab");
            for (int v = 0; v < expected[r].length; v++) {
                if (Math.abs(expected[r][v] - actual[r][v]) > tolerance) {
                    throw new AssertionError(what + ": row " + r + " token " + v + " expected " + expected[r][v]
                            + " got " + actual[r][v]);
                }
            }
        }
    }

    static long[] argmax(float[][] logits) {
        long[] ids = new long[logits.length];
        for (int r = 0; r < logits.length; r++) {
            int best = 0;
            for (int v = 1; v < logits[r].length; v++) {
                if (logits[r][v] > logits[r][best]) {
                    best = v;
                }
            }
            ids[r] = best;
        }
        return ids;
    }

    static long[] filled(int n, long value) {
        long[] a = new long[n];
        java.util.Arrays.fill(a, value);
        return a;
    }
}
