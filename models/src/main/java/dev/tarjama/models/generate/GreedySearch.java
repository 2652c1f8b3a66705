package dev.tarjama.models.generate;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Picks the highest-scoring token at every step (HF's greedy search); ignores {@code numBeams}. */
public final class GreedySearch implements SearchStrategy {

    @Override
    public List<Generation> generate(Seq2SeqModel model, long[][] inputIds, GenerationConfig config) {
        Generations.checkInputs(inputIds);
        int n = inputIds.length;
        Generation[] results = new Generation[n];
        if (n == 0) {
            return List.of();
        }
        LogitsProcessor processors = LogitsProcessorList.from(config);
        int threads = model.searchThreads();
        long eos = config.eosTokenId();
        long[][] history = new long[n][];
        int[] length = new int[n];
        int[] maxLength = new int[n];
        double[] sumLogprob = new double[n];
        for (int s = 0; s < n; s++) {
            maxLength[s] = config.maxLengthFor(inputIds[s].length);
            history[s] = new long[Math.min(maxLength[s], 64)];
            history[s][0] = config.decoderStartTokenId();
            length[s] = 1;
        }
        // alive[i] is the source row that session row i belongs to.
        int[] alive = new int[n];
        for (int s = 0; s < n; s++) {
            alive[s] = s;
        }
        int liveCount = n;
        try (DecoderSession session = model.start(inputIds)) {
            boolean sessionBest = session.bestTokensInSession();
            while (liveCount > 0) {
                long[] tokens = new long[liveCount];
                for (int i = 0; i < liveCount; i++) {
                    int s = alive[i];
                    tokens[i] = history[s][length[s] - 1];
                }
                int[] chosen = new int[liveCount];
                float[] logprob = new float[liveCount];
                int[] rowSource = alive;
                int[][] bans = sessionBest ? bans(processors, model.vocabSize(), rowSource, liveCount, history, length,
                        maxLength) : null;
                if (bans != null) {
                    // The processors only ban: the session applies the bans and finds each row's best
                    // token and its log-probability, so no logits row comes to Java.
                    BestTokens best = session.stepBestTokens(tokens, bans);
                    Generations.checkRows(best.rows(), liveCount);
                    for (int i = 0; i < liveCount; i++) {
                        chosen[i] = best.indices()[i];
                        logprob[i] = best.logprobs()[i];
                    }
                } else {
                    float[][] logits = Generations.step(session, tokens, model.vocabSize());
                    // Rows are independent: processors, argmax and the token's log-probability on all cores.
                    long wall = StepProfile.start();
                    Parallel.forEach(threads, liveCount, (long) liveCount * model.vocabSize(), i -> {
                        int s = rowSource[i];
                        long t = StepProfile.startCpu();
                        float[] scores = processors.processOwned(history[s], length[s], maxLength[s], logits[i]);
                        t = StepProfile.add(StepProfile.Phase.PROCESSORS, t);
                        chosen[i] = Scores.argmax(scores);
                        t = StepProfile.add(StepProfile.Phase.SELECT, t);
                        // The chosen (first highest) entry is the row maximum.
                        logprob[i] = Scores.logSoftmaxAt(scores, chosen[i], scores[chosen[i]]);
                        StepProfile.add(StepProfile.Phase.LOG_SOFTMAX, t);
                    });
                    StepProfile.add(StepProfile.Phase.JAVA_ROWS, wall);
                }
                int[] keep = new int[liveCount];
                int kept = 0;
                for (int i = 0; i < liveCount; i++) {
                    int s = alive[i];
                    int token = chosen[i];
                    sumLogprob[s] += logprob[i];
                    if (length[s] == history[s].length) {
                        history[s] = Arrays.copyOf(history[s], Math.min(maxLength[s], 2 * length[s]));
                    }
                    history[s][length[s]++] = token;
                    boolean ended = token == eos;
                    if (ended || length[s] >= maxLength[s]) {
                        int generated = length[s] - 1;
                        results[s] = new Generation(Arrays.copyOfRange(history[s], 1, length[s]),
                                sumLogprob[s] / generated, ended, generated);
                        history[s] = null;
                    } else {
                        keep[kept++] = i;
                    }
                }
                if (kept > 0 && kept < liveCount) {
                    int[] rows = Arrays.copyOf(keep, kept);
                    session.select(rows);
                    for (int i = 0; i < kept; i++) {
                        alive[i] = alive[rows[i]];
                    }
                }
                liveCount = kept;
            }
        }
        return new ArrayList<>(Arrays.asList(results));
    }

    /** {@link Generations#bans} for the live rows (session row i is source row {@code alive[i]}). */
    private static int[][] bans(LogitsProcessor processors, int vocab, int[] alive, int live, long[][] history,
            int[] length, int[] maxLength) {
        long[][] histories = new long[live][];
        int[] lengths = new int[live];
        int[] maxLengths = new int[live];
        for (int i = 0; i < live; i++) {
            histories[i] = history[alive[i]];
            lengths[i] = length[alive[i]];
            maxLengths[i] = maxLength[alive[i]];
        }
        return Generations.bans(processors, vocab, histories, lengths, maxLengths);
    }
}
