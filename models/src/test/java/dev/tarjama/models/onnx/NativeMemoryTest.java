package dev.tarjama.models.onnx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.BaseNDManager;
import ai.djl.ndarray.NDManager;
import dev.tarjama.models.generate.DecoderSession;
import dev.tarjama.models.testing.TinyModels;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.lang.reflect.Field;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Many sessions on one model must not grow the process: every tensor, manager and predictor a
 * session makes is closed with it. Checked exactly on DJL's resource lists, loosely on the
 * resident set (glibc arenas make it wobble by tens of MB).
 */
class NativeMemoryTest {

    @Test
    void manySessionsLeaveNoResourcesBehindAndKeepTheResidentSetFlat() throws Exception {
        ModelOptions options = ModelOptions.builder().optIntraOpThreads(1).optProbeOnLoad(false).build();
        ModelOptions uncached = options.toBuilder().optUseCache(false).build();
        try (OnnxSeq2SeqModel split = OnnxSeq2SeqModel.load(TinyModels.MARIAN_OPTIMUM, options);
                OnnxSeq2SeqModel merged = OnnxSeq2SeqModel.load(TinyModels.MARIAN_XENOVA, options);
                OnnxSeq2SeqModel baseline = OnnxSeq2SeqModel.load(TinyModels.MARIAN_XENOVA, uncached)) {
            OnnxSeq2SeqModel[] models = {split, merged, baseline};
            long[][] sources = TinyModels.marianCases().stream().map(TinyModels.Case::inputIds).toArray(long[][]::new);
            List<Integer> resourcesBefore = resourceCounts(models);
            churn(models, sources, 30);
            List<Long> resident = new ArrayList<>();
            for (int chunk = 0; chunk < 6; chunk++) {
                churn(models, sources, 25);
                resident.add(residentMb());
            }
            assertEquals(resourcesBefore, resourceCounts(models), "open DJL resources under the models' managers");
            long early = median(resident.subList(0, 3));
            long late = median(resident.subList(resident.size() - 3, resident.size()));
            assertTrue(late - early < 64, "resident set (MB) after each chunk of 75 sessions: " + resident);
        }
    }

    @Test
    void aLongSessionHoldsTheSameNumberOfTensorsAtEveryStep() throws Exception {
        ModelOptions options = ModelOptions.builder().optIntraOpThreads(1).optProbeOnLoad(false).build();
        long[][] sources = TinyModels.marianCases().stream().map(TinyModels.Case::inputIds).toArray(long[][]::new);
        for (ModelOptions o : new ModelOptions[] {options, options.toBuilder().optUseCache(false).build()}) {
            for (Path folder : new Path[] {TinyModels.MARIAN_OPTIMUM, TinyModels.MARIAN_XENOVA}) {
                try (OnnxSeq2SeqModel model = OnnxSeq2SeqModel.load(folder, o);
                        DecoderSession session = model.start(sources)) {
                    NDManager manager = ((EncodedSession) session).manager;
                    long[] tokens = OnnxSeq2SeqModelTest.filled(sources.length, model.config().decoderStartTokenId());
                    List<Integer> counts = new ArrayList<>();
                    for (int step = 0; step < 40; step++) {
                        tokens = nextTokens(session, tokens, step);
                        if (step % 10 == 5) {
                            session.select(new int[] {0, 2, 1, 3, 4, 5, 6, 7});
                            tokens = new long[] {tokens[0], tokens[2], tokens[1], tokens[3], tokens[4], tokens[5],
                                tokens[6], tokens[7]};
                        }
                        // From step 3 on the session also holds the best-token step's ban bias.
                        if (step >= 3) {
                            counts.add(resourceCount(manager));
                        }
                    }
                    assertEquals(1, counts.stream().distinct().count(),
                            folder + " " + o + ": tensors held per step " + counts);
                }
            }
        }
    }

    /**
     * Every kind of step in turn where the session has them (logits; log-softmax rows, their top k
     * and best tokens, all computed in ONNX Runtime), with bans that change now and then so the
     * best-token step's bias is made, kept and replaced.
     */
    private static long[] nextTokens(DecoderSession session, long[] tokens, int step) {
        int kind = session.logSoftmaxInSession() ? step % 4 : 0;
        if (kind == 1) {
            return OnnxSeq2SeqModelTest.argmax(session.stepLogSoftmax(tokens));
        }
        long[] next = new long[tokens.length];
        if (kind == 2) {
            int[][] best = session.stepTopLogSoftmax(tokens, 3).indices();
            for (int r = 0; r < next.length; r++) {
                next[r] = best[r][0];
            }
            return next;
        }
        if (kind == 3) {
            int[][] bans = new int[tokens.length][];
            for (int r = 0; r < bans.length; r++) {
                bans[r] = step % 8 == 3 ? new int[] {r % 5} : new int[0];
            }
            int[] best = session.stepBestTokens(tokens, bans).indices();
            for (int r = 0; r < next.length; r++) {
                next[r] = best[r];
            }
            return next;
        }
        return OnnxSeq2SeqModelTest.argmax(session.step(tokens));
    }

    private static void churn(OnnxSeq2SeqModel[] models, long[][] sources, int rounds) {
        long start = models[0].config().decoderStartTokenId();
        for (int i = 0; i < rounds; i++) {
            for (OnnxSeq2SeqModel model : models) {
                try (DecoderSession session = model.start(sources)) {
                    long[] tokens = OnnxSeq2SeqModelTest.filled(sources.length, start);
                    for (int step = 0; step < 6; step++) {
                        tokens = nextTokens(session, tokens, step);
                        if (step == 2) {
                            session.select(new int[] {1, 1, 0, 4});
                            tokens = new long[] {tokens[1], tokens[1], tokens[0], tokens[4]};
                        }
                    }
                }
            }
        }
        System.gc();
    }

    private static long median(List<Long> values) {
        List<Long> sorted = new ArrayList<>(values);
        sorted.sort(null);
        return sorted.get(sorted.size() / 2);
    }

    private static List<Integer> resourceCounts(OnnxSeq2SeqModel[] models) throws ReflectiveOperationException {
        List<Integer> counts = new ArrayList<>();
        for (OnnxSeq2SeqModel model : models) {
            for (NDManager manager : model.rootManagers()) {
                counts.add(resourceCount(manager));
            }
        }
        return counts;
    }

    private static int resourceCount(NDManager manager) throws ReflectiveOperationException {
        Field resources = BaseNDManager.class.getDeclaredField("resources");
        resources.setAccessible(true);
        return ((Map<?, ?>) resources.get(manager)).size();
    }

    private static long residentMb() throws IOException {
        Path status = Path.of("/proc/self/status");
        if (!Files.exists(status)) {
            return 0; // not Linux: nothing to measure
        }
        for (String line : Files.readAllLines(status)) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024;
            }
        }
        return 0;
    }
}
