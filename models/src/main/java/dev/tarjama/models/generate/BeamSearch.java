package dev.tarjama.models.generate;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Beam search with HF 4.38's {@code BeamSearchScorer} semantics (docs/generation.md): {@code numBeams}
 * beams per source row, all rows in one decoder session, finished rows leaving the batch. With
 * {@code numBeams = 1} it is a one-beam beam search, not greedy: choose with
 * {@link SearchStrategy#of}.
 */
public final class BeamSearch implements SearchStrategy {

    @Override
    public List<Generation> generate(Seq2SeqModel model, long[][] inputIds, GenerationConfig config) {
        Generations.checkInputs(inputIds);
        int n = inputIds.length;
        if (n == 0) {
            return List.of();
        }
        int k = config.numBeams();
        int vocab = model.vocabSize();
        if (vocab < 2) {
            throw new IllegalArgumentException("beam search needs a vocabulary of at least 2, got " + vocab);
        }
        if ((long) k * vocab > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("numBeams * vocabSize exceeds the int range: " + k + " * " + vocab);
        }
        LogitsProcessor processors = LogitsProcessorList.from(config);
        int threads = model.searchThreads();
        int eos = (int) Math.min(config.eosTokenId(), Integer.MAX_VALUE);
        Generation[] results = new Generation[n];
        List<SourceBeams> live = new ArrayList<>(n);
        for (int s = 0; s < n; s++) {
            int maxLength = config.maxLengthFor(inputIds[s].length);
            live.add(new SourceBeams(s, k, maxLength, config.decoderStartTokenId(),
                    new BeamHypotheses(k, config.lengthPenalty(), config.earlyStopping(), maxLength)));
        }
        int[] parent = new int[k];
        long[] token = new long[k];
        float[] nextScore = new float[k];
        // Until the first select the session has one row per source: its k beams are identical.
        boolean expanded = false;
        try (DecoderSession session = model.start(inputIds)) {
            // Log-probabilities from the session where it computes them (ONNX Runtime, vectorised),
            // else from the logits here.
            boolean sessionLogSoftmax = session.logSoftmaxInSession();
            boolean sessionTopK = session.topLogSoftmaxInSession();
            while (!live.isEmpty()) {
                int rowsPerSource = expanded ? k : 1;
                long[] tokens = new long[live.size() * rowsPerSource];
                for (int a = 0; a < live.size(); a++) {
                    SourceBeams src = live.get(a);
                    for (int b = 0; b < rowsPerSource; b++) {
                        tokens[a * rowsPerSource + b] = src.history[b][src.length - 1];
                    }
                }
                List<SourceBeams> sources = live;
                int perSource = rowsPerSource;
                int[][] bans = sessionTopK ? bans(sources, perSource, processors, vocab) : null;
                int keep = bans == null ? 0 : 2 * k + Generations.longest(bans);
                if (bans != null && keep <= vocab) {
                    // The processors only ban: each row's best 2k entries that survive the bans are all
                    // its candidates, so only those come back from the session.
                    TopLogProbs best = session.stepTopLogSoftmax(tokens, keep);
                    Generations.checkRows(best.rows(), tokens.length);
                    long wall = StepProfile.start();
                    Parallel.forEach(threads, sources.size(), (long) tokens.length * keep,
                            a -> sources.get(a).candidates(perSource, vocab, best, bans, a * perSource));
                    StepProfile.add(StepProfile.Phase.JAVA_ROWS, wall);
                } else {
                    float[][] logits = sessionLogSoftmax ? Generations.stepLogSoftmax(session, tokens, vocab)
                            : Generations.step(session, tokens, vocab);
                    // Rows, then sources, depend on their own data only: computed on all cores.
                    long wall = StepProfile.start();
                    long entries = (long) logits.length * vocab;
                    Parallel.forEach(threads, logits.length, entries, r -> sources.get(r / perSource).process(logits[r],
                            r % perSource, processors, sessionLogSoftmax));
                    Parallel.forEach(threads, sources.size(), entries, a -> sources.get(a).candidates(perSource, vocab));
                    StepProfile.add(StepProfile.Phase.JAVA_ROWS, wall);
                }
                List<SourceBeams> next = new ArrayList<>(live.size());
                int[] select = new int[live.size() * k];
                int selected = 0;
                for (int a = 0; a < live.size(); a++) {
                    SourceBeams src = live.get(a);
                    TopCandidates top = src.top;
                    int collected = 0;
                    for (int rank = 0; rank < top.size() && collected < k; rank++) {
                        int flat = top.index(rank);
                        int b = flat / vocab;
                        int v = flat - b * vocab;
                        if (v == eos) {
                            // An EOS outside the top k would not have been a beam either.
                            if (rank >= k) {
                                continue;
                            }
                            long[] ids = Arrays.copyOfRange(src.history[b], 1, src.length + 1);
                            ids[ids.length - 1] = eos;
                            src.hypotheses.add(ids, top.score(rank), src.length, true);
                        } else {
                            parent[collected] = b;
                            token[collected] = v;
                            nextScore[collected] = top.score(rank);
                            collected++;
                        }
                    }
                    if (collected < k) {
                        throw new IllegalStateException("beam search found " + collected
                                + " continuations for " + k + " beams");
                    }
                    src.steps++;
                    if (src.hypotheses.isDone(top.score(0), src.length)) {
                        results[src.source] = src.result();
                        continue;
                    }
                    src.advance(parent, token, nextScore);
                    if (src.length >= src.maxLength) {
                        src.finalizeBeams();
                        results[src.source] = src.result();
                        continue;
                    }
                    next.add(src);
                    for (int j = 0; j < k; j++) {
                        select[selected++] = a * rowsPerSource + (expanded ? parent[j] : 0);
                    }
                }
                live = next;
                if (!live.isEmpty()) {
                    int[] rows = Arrays.copyOf(select, selected);
                    if (!isIdentity(rows, tokens.length)) {
                        session.select(rows);
                    }
                }
                expanded = true;
            }
        }
        return new ArrayList<>(Arrays.asList(results));
    }

    /** {@link Generations#bans} for the live rows, source by source and beam by beam. */
    private static int[][] bans(List<SourceBeams> sources, int perSource, LogitsProcessor processors, int vocab) {
        int rows = sources.size() * perSource;
        long[][] histories = new long[rows][];
        int[] lengths = new int[rows];
        int[] maxLengths = new int[rows];
        for (int a = 0; a < sources.size(); a++) {
            SourceBeams src = sources.get(a);
            for (int b = 0; b < perSource; b++) {
                histories[a * perSource + b] = src.history[b];
                lengths[a * perSource + b] = src.length;
                maxLengths[a * perSource + b] = src.maxLength;
            }
        }
        return Generations.bans(processors, vocab, histories, lengths, maxLengths);
    }

    private static boolean isIdentity(int[] rows, int liveRows) {
        if (rows.length != liveRows) {
            return false;
        }
        for (int i = 0; i < rows.length; i++) {
            if (rows[i] != i) {
                return false;
            }
        }
        return true;
    }

    /** The k running beams of one source row. */
    private static final class SourceBeams {
        final int source;
        final int maxLength;
        final BeamHypotheses hypotheses;
        final float[] beamScores;
        /** This step's best 2k candidates and the processed rows they come from. */
        final TopCandidates top;
        final float[][] processed;
        long[][] history;
        long[][] spare;
        int length = 1;
        int steps;

        SourceBeams(int source, int k, int maxLength, long startToken, BeamHypotheses hypotheses) {
            this.source = source;
            this.maxLength = maxLength;
            this.hypotheses = hypotheses;
            int capacity = Math.min(maxLength, 64);
            history = new long[k][capacity];
            spare = new long[k][capacity];
            beamScores = new float[k];
            top = new TopCandidates(2 * k);
            processed = new float[k][];
            for (int b = 0; b < k; b++) {
                history[b][0] = startToken;
                // Only beam 0 is live at first, so the first step does not pick k copies of one token.
                beamScores[b] = b == 0 ? 0f : -1e9f;
            }
        }

        /**
         * Beam {@code b}'s logits {@code row}: log-softmax (unless the session did it already), then
         * the processors, into {@link #processed}.
         */
        void process(float[] row, int b, LogitsProcessor processors, boolean isLogSoftmax) {
            long t = StepProfile.startCpu();
            if (!isLogSoftmax) {
                Scores.logSoftmaxInPlace(row);
                t = StepProfile.add(StepProfile.Phase.LOG_SOFTMAX, t);
            }
            processed[b] = processors.processOwned(history[b], length, maxLength, row);
            StepProfile.add(StepProfile.Phase.PROCESSORS, t);
        }

        /**
         * The best 2k candidates of this source into {@link #top}: processed rows plus beam scores,
         * over its {@code rows} processed rows (one before the first select, then k).
         */
        void candidates(int rows, int vocab) {
            int k = processed.length;
            for (int b = rows; b < k; b++) {
                processed[b] = processed[0];
            }
            long t = StepProfile.startCpu();
            top.clear();
            for (int b = 0; b < k; b++) {
                // Beam-major, so flat indices only grow, as offerAll requires.
                top.offerAll(processed[b], beamScores[b], b * vocab);
            }
            top.sortBestFirst();
            StepProfile.add(StepProfile.Phase.SELECT, t);
        }

        /**
         * The same from each row's best entries ({@code best}, rows {@code firstRow..}), skipping the
         * row's {@code bans}: a beam's best 2k unbanned entries are the only ones of its row that
         * can be among the source's best 2k candidates, and they are offered exactly as the whole
         * processed row would offer them.
         */
        void candidates(int rows, int vocab, TopLogProbs best, int[][] bans, int firstRow) {
            int k = processed.length;
            long t = StepProfile.startCpu();
            top.clear();
            for (int b = 0; b < k; b++) {
                // Before the first select beams 1..k-1 are copies of row 0 (with beam score -1e9).
                int row = firstRow + (b < rows ? b : 0);
                float[] values = best.values()[row];
                int[] indices = best.indices()[row];
                int[] banned = bans[row];
                int offered = 0;
                for (int j = 0; j < values.length && offered < 2 * k; j++) {
                    if (banned.length > 0 && Arrays.binarySearch(banned, indices[j]) >= 0) {
                        continue;
                    }
                    top.offer(values[j] + beamScores[b], b * vocab + indices[j]);
                    offered++;
                }
            }
            top.sortBestFirst();
            StepProfile.add(StepProfile.Phase.SELECT, t);
        }

        void advance(int[] parent, long[] token, float[] nextScore) {
            for (int j = 0; j < spare.length; j++) {
                if (spare[j].length < length + 1) {
                    spare[j] = new long[Math.min(maxLength, 2 * (length + 1))];
                }
                System.arraycopy(history[parent[j]], 0, spare[j], 0, length);
                spare[j][length] = token[j];
                beamScores[j] = nextScore[j];
            }
            long[][] swap = history;
            history = spare;
            spare = swap;
            length++;
        }

        void finalizeBeams() {
            for (int b = 0; b < history.length; b++) {
                hypotheses.add(Arrays.copyOfRange(history[b], 1, length), beamScores[b], length - 1, false);
            }
        }

        Generation result() {
            BeamHypotheses.Hypothesis best = hypotheses.best();
            long[] ids = best.ids();
            return new Generation(ids, best.sumLogprobs() / ids.length, best.endedWithEos(), steps);
        }
    }
}
