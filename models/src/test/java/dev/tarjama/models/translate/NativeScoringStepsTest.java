package dev.tarjama.models.translate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tarjama.models.generate.BestTokens;
import dev.tarjama.models.generate.DecoderSession;
import dev.tarjama.models.generate.Generation;
import dev.tarjama.models.generate.GenerationConfig;
import dev.tarjama.models.generate.SearchStrategy;
import dev.tarjama.models.generate.Seq2SeqModel;
import dev.tarjama.models.generate.TopLogProbs;
import dev.tarjama.models.onnx.ModelBundle;
import dev.tarjama.models.onnx.ModelOptions;
import dev.tarjama.models.testing.TinyModels;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Steps whose processors only ban tokens leave the logits in ONNX Runtime: beam search takes each
 * row's best entries ({@link DecoderSession#stepTopLogSoftmax}) instead of whole log-softmax rows,
 * greedy search each row's best token and softmax sum ({@link DecoderSession#stepBestTokens})
 * instead of the logits. Compared with the same model with those steps hidden, for every golden
 * setting, one sentence at a time and batched: beam results are the whole-row ones bit for bit
 * (same ids, same scores); greedy ones have the same ids and scores within float rounding (the
 * softmax sum is float32 there, float64 in Java).
 */
class NativeScoringStepsTest {

    @Test
    void bestEntriesGiveTheSameBeamsAndScoresAsWholeRowsForEveryGoldenSetting() throws Exception {
        try (ModelBundle bundle = ModelBundle.load(TinyModels.MARIAN_XENOVA, ModelOptions.builder().build())) {
            Counting sparse = new Counting(bundle.model(), true);
            Counting whole = new Counting(bundle.model(), false);
            whole.logSoftmax = true;
            int settings = 0;
            for (JsonNode file : GoldenGenerationTest.files().values()) {
                for (String setting : (Iterable<String>) file.get("settings")::fieldNames) {
                    GenerationConfig config = GoldenGenerationTest.config(setting, "beam");
                    List<long[]> inputs = new ArrayList<>();
                    file.get("cases").forEach(c -> inputs.add(GoldenGenerationTest.longs(c.get("input_ids"))));
                    List<long[][]> runs = new ArrayList<>();
                    runs.add(inputs.toArray(new long[0][]));
                    inputs.forEach(i -> runs.add(new long[][] {i}));
                    for (long[][] run : runs) {
                        List<Generation> expected = SearchStrategy.of(config).generate(whole, run, config);
                        List<Generation> actual = SearchStrategy.of(config).generate(sparse, run, config);
                        for (int i = 0; i < run.length; i++) {
                            assertArrayEquals(expected.get(i).ids(), actual.get(i).ids(), setting + " row " + i);
                            assertEquals(expected.get(i).score(), actual.get(i).score(), 0.0, setting + " row " + i);
                        }
                    }
                    settings++;
                }
            }
            assertTrue(settings >= 5, "settings compared: " + settings);
            assertEquals(0, whole.topSteps.get(), "the whole-row side never asked for best entries");
            assertTrue(sparse.topSteps.get() > 0, "no step took the best-entries path");
            // Forced EOS, repetition penalties and renormalisation need whole rows.
            assertTrue(sparse.wholeSteps.get() > 0, "no step needed whole rows");
        }
    }

    @Test
    void bestTokensGiveTheSameTokensAsWholeLogitRowsForEveryGoldenSetting() throws Exception {
        try (ModelBundle bundle = ModelBundle.load(TinyModels.MARIAN_OPTIMUM, ModelOptions.builder().build())) {
            Counting sparse = new Counting(bundle.model(), true);
            Counting whole = new Counting(bundle.model(), false);
            double worst = 0;
            for (JsonNode file : GoldenGenerationTest.files().values()) {
                for (String setting : (Iterable<String>) file.get("settings")::fieldNames) {
                    GenerationConfig config = GoldenGenerationTest.config(setting, "greedy");
                    List<long[]> inputs = new ArrayList<>();
                    file.get("cases").forEach(c -> inputs.add(GoldenGenerationTest.longs(c.get("input_ids"))));
                    List<long[][]> runs = new ArrayList<>();
                    runs.add(inputs.toArray(new long[0][]));
                    inputs.forEach(i -> runs.add(new long[][] {i}));
                    for (long[][] run : runs) {
                        List<Generation> expected = SearchStrategy.of(config).generate(whole, run, config);
                        List<Generation> actual = SearchStrategy.of(config).generate(sparse, run, config);
                        for (int i = 0; i < run.length; i++) {
                            assertArrayEquals(expected.get(i).ids(), actual.get(i).ids(), setting + " row " + i);
                            worst = Math.max(worst, Math.abs(expected.get(i).score() - actual.get(i).score()));
                        }
                    }
                }
            }
            assertTrue(worst < 1e-5, "largest score difference " + worst);
            assertEquals(0, whole.bestSteps.get(), "the whole-row side never asked for best tokens");
            assertTrue(sparse.bestSteps.get() > 0, "no step took the best-tokens path");
            assertTrue(sparse.logitSteps.get() > 0, "no step needed the logits (forced EOS, penalties)");
        }
    }

    /** The model as is, or with its native scoring steps hidden; counts which step each search used. */
    private static final class Counting implements Seq2SeqModel {
        final Seq2SeqModel model;
        final boolean nativeSteps;
        /** With the native steps hidden: still offer the whole-row log-softmax (beam's comparison). */
        boolean logSoftmax;
        final AtomicInteger topSteps = new AtomicInteger();
        final AtomicInteger wholeSteps = new AtomicInteger();
        final AtomicInteger bestSteps = new AtomicInteger();
        final AtomicInteger logitSteps = new AtomicInteger();

        Counting(Seq2SeqModel model, boolean nativeSteps) {
            this.model = model;
            this.nativeSteps = nativeSteps;
        }

        @Override
        public int vocabSize() {
            return model.vocabSize();
        }

        @Override
        public int searchThreads() {
            return model.searchThreads();
        }

        @Override
        public DecoderSession start(long[][] inputIds) {
            DecoderSession session = model.start(inputIds);
            return new DecoderSession() {
                @Override
                public int rows() {
                    return session.rows();
                }

                @Override
                public float[][] step(long[] tokens) {
                    logitSteps.incrementAndGet();
                    return session.step(tokens);
                }

                @Override
                public boolean logSoftmaxInSession() {
                    return (nativeSteps || logSoftmax) && session.logSoftmaxInSession();
                }

                @Override
                public float[][] stepLogSoftmax(long[] tokens) {
                    wholeSteps.incrementAndGet();
                    return session.stepLogSoftmax(tokens);
                }

                @Override
                public boolean topLogSoftmaxInSession() {
                    return nativeSteps && session.topLogSoftmaxInSession();
                }

                @Override
                public TopLogProbs stepTopLogSoftmax(long[] tokens, int k) {
                    topSteps.incrementAndGet();
                    return session.stepTopLogSoftmax(tokens, k);
                }

                @Override
                public boolean bestTokensInSession() {
                    return nativeSteps && session.bestTokensInSession();
                }

                @Override
                public BestTokens stepBestTokens(long[] tokens, int[][] bans) {
                    bestSteps.incrementAndGet();
                    return session.stepBestTokens(tokens, bans);
                }

                @Override
                public void select(int[] rows) {
                    session.select(rows);
                }

                @Override
                public void close() {
                    session.close();
                }
            };
        }
    }
}
