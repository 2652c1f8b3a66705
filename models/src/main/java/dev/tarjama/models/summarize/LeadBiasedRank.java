package dev.tarjama.models.summarize;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Lead-biased TextRank: personalized PageRank over a sentence similarity graph whose restart
 * vector mixes a uniform prior with a harmonic decay over position. Pure arithmetic on term lists.
 */
final class LeadBiasedRank {

    private static final int MAX_ITERATIONS = 200;
    private static final double TOLERANCE = 1e-12;

    private LeadBiasedRank() {}

    /** Scores (summing to 1) of the sentences given as term lists, in the given order. */
    static double[] scores(List<List<String>> sentences, SummaryOptions options) {
        int n = sentences.size();
        if (n == 0) {
            return new double[0];
        }
        double[][] vectors = new double[n][];
        int[][] termIds = new int[n][];
        vectorize(sentences, termIds, vectors);
        int[][] neighbours = new int[n][];
        double[][] weights = new double[n][];
        link(termIds, vectors, options.similarityThreshold(), neighbours, weights);
        return pageRank(neighbours, weights, restart(n, options.leadBias()), options.damping());
    }

    /** Restart distribution: {@code (1 - lead)/n + lead * (1/(i+1)) / H_n}. */
    static double[] restart(int n, double leadBias) {
        double harmonic = 0;
        for (int i = 0; i < n; i++) {
            harmonic += 1.0 / (i + 1);
        }
        double[] p = new double[n];
        for (int i = 0; i < n; i++) {
            p[i] = (1 - leadBias) / n + leadBias * (1.0 / (i + 1)) / harmonic;
        }
        return p;
    }

    /**
     * Sparse tf-idf vectors (idf over the article's sentences, {@code ln((n+1)/df)}), unit length;
     * term ids ascending so that dot products are merges.
     */
    private static void vectorize(List<List<String>> sentences, int[][] termIds, double[][] vectors) {
        int n = sentences.size();
        Map<String, Integer> ids = new HashMap<>();
        for (List<String> terms : sentences) {
            for (String t : terms) {
                ids.putIfAbsent(t, ids.size());
            }
        }
        int[] df = new int[ids.size()];
        int[][] counts = new int[n][];
        for (int i = 0; i < n; i++) {
            TreeMap<Integer, Integer> tf = new TreeMap<>();
            for (String t : sentences.get(i)) {
                tf.merge(ids.get(t), 1, Integer::sum);
            }
            int[] sparseIds = new int[tf.size()];
            int[] sparseTf = new int[tf.size()];
            int k = 0;
            for (Map.Entry<Integer, Integer> e : tf.entrySet()) {
                sparseIds[k] = e.getKey();
                sparseTf[k++] = e.getValue();
                df[e.getKey()]++;
            }
            termIds[i] = sparseIds;
            counts[i] = sparseTf;
        }
        for (int i = 0; i < n; i++) {
            double[] v = new double[termIds[i].length];
            double norm = 0;
            for (int k = 0; k < v.length; k++) {
                v[k] = counts[i][k] * Math.log((n + 1.0) / df[termIds[i][k]]);
                norm += v[k] * v[k];
            }
            norm = Math.sqrt(norm);
            for (int k = 0; k < v.length && norm > 0; k++) {
                v[k] /= norm;
            }
            vectors[i] = v;
        }
    }

    /** Sparse adjacency lists, neighbours ascending; no dense n x n matrix, so long articles stay cheap in memory. */
    private static void link(int[][] termIds, double[][] vectors, double threshold, int[][] neighbours, double[][] weights) {
        int n = termIds.length;
        int[] count = new int[n];
        for (int i = 0; i < n; i++) {
            neighbours[i] = new int[4];
            weights[i] = new double[4];
        }
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                double s = dot(termIds[i], vectors[i], termIds[j], vectors[j]);
                // A threshold of 0 keeps any overlap but never links sentences with nothing in common.
                if (s > 0 && s >= threshold) {
                    add(neighbours, weights, count, i, j, s);
                    add(neighbours, weights, count, j, i, s);
                }
            }
        }
        for (int i = 0; i < n; i++) {
            neighbours[i] = Arrays.copyOf(neighbours[i], count[i]);
            weights[i] = Arrays.copyOf(weights[i], count[i]);
        }
    }

    private static void add(int[][] neighbours, double[][] weights, int[] count, int from, int to, double w) {
        if (count[from] == neighbours[from].length) {
            neighbours[from] = Arrays.copyOf(neighbours[from], count[from] * 2);
            weights[from] = Arrays.copyOf(weights[from], count[from] * 2);
        }
        neighbours[from][count[from]] = to;
        weights[from][count[from]++] = w;
    }

    private static double dot(int[] ia, double[] va, int[] ib, double[] vb) {
        double s = 0;
        int a = 0;
        int b = 0;
        while (a < ia.length && b < ib.length) {
            if (ia[a] == ib[b]) {
                s += va[a++] * vb[b++];
            } else if (ia[a] < ib[b]) {
                a++;
            } else {
                b++;
            }
        }
        return s;
    }

    /** Power iteration; a sentence with no links hands its mass back through the restart vector. */
    private static double[] pageRank(int[][] neighbours, double[][] weights, double[] restart, double damping) {
        int n = restart.length;
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            for (double w : weights[i]) {
                out[i] += w;
            }
        }
        double[] rank = restart.clone();
        double[] next = new double[n];
        for (int iteration = 0; iteration < MAX_ITERATIONS; iteration++) {
            double dangling = 0;
            for (int i = 0; i < n; i++) {
                if (out[i] == 0) {
                    dangling += rank[i];
                }
            }
            Arrays.fill(next, 0);
            for (int j = 0; j < n; j++) {
                if (out[j] == 0) {
                    continue;
                }
                double share = damping * rank[j] / out[j];
                for (int k = 0; k < neighbours[j].length; k++) {
                    next[neighbours[j][k]] += share * weights[j][k];
                }
            }
            double change = 0;
            for (int i = 0; i < n; i++) {
                next[i] += ((1 - damping) + damping * dangling) * restart[i];
                change += Math.abs(next[i] - rank[i]);
            }
            double[] swap = rank;
            rank = next;
            next = swap;
            if (change < TOLERANCE) {
                break;
            }
        }
        return rank;
    }
}
