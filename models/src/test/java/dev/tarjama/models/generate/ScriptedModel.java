package dev.tarjama.models.generate;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A fake {@link Seq2SeqModel} whose logits are a deterministic function of (source row, decoder
 * history), so batching, reordering and dropping rows cannot change them. Records what the search
 * did to its sessions.
 */
final class ScriptedModel implements Seq2SeqModel {

    /** Logits for the next token given the source row and the history (decoder start included). */
    interface LogitsFunction {
        float[] logits(long[] source, long[] history);
    }

    final int vocab;
    private final LogitsFunction function;
    final List<ScriptedSession> sessions = new ArrayList<>();

    ScriptedModel(int vocab, LogitsFunction function) {
        this.vocab = vocab;
        this.function = function;
    }

    /** Logits looked up by full history; histories not in the table get {@code fallback}. */
    static ScriptedModel table(int vocab, Map<List<Long>, float[]> table, float[] fallback) {
        return new ScriptedModel(vocab, (source, history) -> {
            float[] row = table.get(toList(history));
            return (row != null ? row : fallback).clone();
        });
    }

    /** Pseudo-random logits in [-4, 4) that depend on every source and history token. */
    static ScriptedModel hashed(int vocab, long seed) {
        return new ScriptedModel(vocab, (source, history) -> hashedLogits(vocab, seed, source, history));
    }

    static float[] hashedLogits(int vocab, long seed, long[] source, long[] history) {
        long h = seed * 0x9E3779B97F4A7C15L;
        for (long t : source) {
            h = mix(h ^ t);
        }
        h = mix(h ^ 0xABCDEFL);
        for (long t : history) {
            h = mix(h ^ t);
        }
        float[] logits = new float[vocab];
        for (int v = 0; v < vocab; v++) {
            long x = mix(h + v);
            logits[v] = (float) ((x >>> 11) * 0x1.0p-53 * 8.0 - 4.0);
        }
        return logits;
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /**
     * Logits whose softmax is the given distribution: {@code tokenProbs} alternates token and
     * probability, the remaining mass is spread evenly over the other tokens.
     */
    static float[] dist(int vocab, double... tokenProbs) {
        double[] p = new double[vocab];
        boolean[] set = new boolean[vocab];
        double used = 0;
        for (int i = 0; i < tokenProbs.length; i += 2) {
            int t = (int) tokenProbs[i];
            p[t] = tokenProbs[i + 1];
            set[t] = true;
            used += p[t];
        }
        int rest = 0;
        for (boolean s : set) {
            rest += s ? 0 : 1;
        }
        float[] logits = new float[vocab];
        for (int v = 0; v < vocab; v++) {
            logits[v] = (float) Math.log(set[v] ? p[v] : (1 - used) / rest);
        }
        return logits;
    }

    static List<Long> toList(long... ids) {
        List<Long> list = new ArrayList<>(ids.length);
        for (long id : ids) {
            list.add(id);
        }
        return list;
    }

    static Map<List<Long>, float[]> tableOf(Object... historyThenLogits) {
        Map<List<Long>, float[]> map = new HashMap<>();
        for (int i = 0; i < historyThenLogits.length; i += 2) {
            map.put(toList((long[]) historyThenLogits[i]), (float[]) historyThenLogits[i + 1]);
        }
        return map;
    }

    @Override
    public int vocabSize() {
        return vocab;
    }

    @Override
    public DecoderSession start(long[][] inputIds) {
        ScriptedSession session = new ScriptedSession(inputIds);
        sessions.add(session);
        return session;
    }

    /** The logits the model gives {@code source} after {@code history}, outside any session. */
    float[] logits(long[] source, long[] history) {
        return function.logits(source, history);
    }

    /** This model with {@code bias} applied to every logits row it returns. */
    ScriptedModel biased(Bias bias) {
        return new ScriptedModel(vocab, (source, history) -> {
            float[] row = function.logits(source, history);
            bias.apply(history, row);
            return row;
        });
    }

    /** Edits a logits row in place, given the history it follows. */
    interface Bias {
        void apply(long[] history, float[] logits);
    }

    ScriptedSession lastSession() {
        return sessions.get(sessions.size() - 1);
    }

    /** Records rows per step, select calls and closing. */
    final class ScriptedSession implements DecoderSession {
        private List<long[]> sources = new ArrayList<>();
        private List<long[]> histories = new ArrayList<>();
        final List<Integer> rowsPerStep = new ArrayList<>();
        final List<int[]> selects = new ArrayList<>();
        boolean closed;

        ScriptedSession(long[][] inputIds) {
            for (long[] row : inputIds) {
                sources.add(row.clone());
                histories.add(new long[0]);
            }
        }

        @Override
        public int rows() {
            return sources.size();
        }

        @Override
        public float[][] step(long[] tokens) {
            if (closed) {
                throw new IllegalStateException("step on a closed session");
            }
            if (tokens.length != rows()) {
                throw new IllegalArgumentException(tokens.length + " tokens for " + rows() + " rows");
            }
            rowsPerStep.add(rows());
            float[][] logits = new float[rows()][];
            for (int r = 0; r < rows(); r++) {
                long[] h = Arrays.copyOf(histories.get(r), histories.get(r).length + 1);
                h[h.length - 1] = tokens[r];
                histories.set(r, h);
                logits[r] = function.logits(sources.get(r), h);
            }
            return logits;
        }

        @Override
        public void select(int[] rows) {
            if (closed) {
                throw new IllegalStateException("select on a closed session");
            }
            selects.add(rows.clone());
            List<long[]> s = new ArrayList<>();
            List<long[]> h = new ArrayList<>();
            for (int r : rows) {
                if (r < 0 || r >= rows()) {
                    throw new IndexOutOfBoundsException("row " + r + " of " + rows());
                }
                s.add(sources.get(r));
                h.add(histories.get(r));
            }
            sources = s;
            histories = h;
        }

        @Override
        public void close() {
            closed = true;
        }
    }
}
