package dev.tarjama.models.generate;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * A literal, slow transcription of docs/generation.md for one source row at a time: no batching,
 * no buffers, a full sort of the candidates, recomputed logits per beam. The real searches must
 * agree with it token for token.
 */
final class ReferenceDecoder {

    private ReferenceDecoder() {}

    static float[] logSoftmax(float[] x) {
        float max = Float.NEGATIVE_INFINITY;
        for (float v : x) {
            max = Math.max(max, v);
        }
        double sum = 0;
        for (float v : x) {
            sum += Math.exp((double) v - max);
        }
        double logSum = Math.log(sum);
        float[] out = new float[x.length];
        for (int i = 0; i < x.length; i++) {
            out[i] = (float) (((double) x[i] - max) - logSum);
        }
        return out;
    }

    static long[] append(long[] history, long token) {
        long[] out = Arrays.copyOf(history, history.length + 1);
        out[history.length] = token;
        return out;
    }

    static Generation greedy(ScriptedModel model, long[] source, GenerationConfig c) {
        LogitsProcessor processors = LogitsProcessorList.from(c);
        int max = c.maxLengthFor(source.length);
        long[] history = {c.decoderStartTokenId()};
        double sum = 0;
        while (true) {
            float[] processed = processors.process(history, history.length, max,
                    model.logits(source, history));
            int best = 0;
            for (int v = 1; v < processed.length; v++) {
                if (processed[v] > processed[best]) {
                    best = v;
                }
            }
            sum += logSoftmax(processed)[best];
            history = append(history, best);
            if (best == c.eosTokenId() || history.length >= max) {
                long[] ids = Arrays.copyOfRange(history, 1, history.length);
                return new Generation(ids, sum / ids.length, best == c.eosTokenId(), ids.length);
            }
        }
    }

    private record Candidate(float score, int flat) {}

    private record Hyp(double score, long[] ids, double sum, boolean eos) {}

    static Generation beam(ScriptedModel model, long[] source, GenerationConfig c) {
        LogitsProcessor processors = LogitsProcessorList.from(c);
        int k = c.numBeams();
        int vocab = model.vocabSize();
        int max = c.maxLengthFor(source.length);
        double lp = c.lengthPenalty();
        long[][] beams = new long[k][];
        float[] beamScores = new float[k];
        for (int b = 0; b < k; b++) {
            beams[b] = new long[] {c.decoderStartTokenId()};
            beamScores[b] = b == 0 ? 0f : -1e9f;
        }
        List<Hyp> hyps = new ArrayList<>();
        double[] worst = {1e9};
        int curLen = 1;
        int steps = 0;
        while (true) {
            steps++;
            List<Candidate> all = new ArrayList<>();
            for (int b = 0; b < k; b++) {
                float[] processed = processors.process(beams[b], curLen, max,
                        logSoftmax(model.logits(source, beams[b])));
                for (int v = 0; v < vocab; v++) {
                    all.add(new Candidate(processed[v] + beamScores[b], b * vocab + v));
                }
            }
            all.sort(Comparator.comparing((Candidate x) -> x.score()).reversed()
                    .thenComparingInt(Candidate::flat));
            List<Candidate> top = all.subList(0, 2 * k);
            long[][] nextBeams = new long[k][];
            float[] nextScores = new float[k];
            int collected = 0;
            for (int rank = 0; rank < top.size(); rank++) {
                Candidate cand = top.get(rank);
                int b = cand.flat() / vocab;
                int v = cand.flat() % vocab;
                if (v == c.eosTokenId()) {
                    if (rank >= k) {
                        continue;
                    }
                    long[] ids = append(Arrays.copyOfRange(beams[b], 1, beams[b].length), v);
                    add(hyps, worst, k, lp, ids, cand.score(), curLen, true);
                } else {
                    nextBeams[collected] = append(beams[b], v);
                    nextScores[collected] = cand.score();
                    collected++;
                }
                if (collected == k) {
                    break;
                }
            }
            // HF's is_done: "never" with lp > 0 bounds the attainable score by the longest generation.
            int attainable = c.earlyStopping() == EarlyStopping.NEVER && lp > 0 ? max - 1 : curLen;
            boolean done = hyps.size() >= k && (c.earlyStopping() == EarlyStopping.WHEN_FULL
                    || worst[0] >= top.get(0).score() / Math.pow(attainable, lp));
            if (!done) {
                beams = nextBeams;
                beamScores = nextScores;
                curLen++;
                if (curLen >= max) {
                    for (int b = 0; b < k; b++) {
                        add(hyps, worst, k, lp, Arrays.copyOfRange(beams[b], 1, curLen), beamScores[b],
                                curLen - 1, false);
                    }
                    done = true;
                }
            }
            if (done) {
                List<Hyp> sorted = new ArrayList<>(hyps);
                sorted.sort(Comparator.comparingDouble(Hyp::score)); // stable, as Python's sorted
                Hyp best = sorted.get(sorted.size() - 1);
                return new Generation(best.ids(), best.sum() / best.ids().length, best.eos(), steps);
            }
        }
    }

    /** HF's BeamHypotheses.add, transcribed. */
    private static void add(List<Hyp> hyps, double[] worst, int k, double lp, long[] ids, double sum,
            int genLen, boolean eos) {
        double score = sum / Math.pow(genLen, lp);
        if (hyps.size() < k || score > worst[0]) {
            hyps.add(new Hyp(score, ids, sum, eos));
            if (hyps.size() > k) {
                Integer[] order = new Integer[hyps.size()];
                for (int i = 0; i < order.length; i++) {
                    order[i] = i;
                }
                Arrays.sort(order, Comparator.comparingDouble((Integer i) -> hyps.get(i).score())
                        .thenComparingInt(i -> i));
                double second = hyps.get(order[1]).score();
                hyps.remove((int) order[0]);
                worst[0] = second;
            } else {
                worst[0] = Math.min(score, worst[0]);
            }
        }
    }
}
