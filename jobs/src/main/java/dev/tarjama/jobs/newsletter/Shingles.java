package dev.tarjama.jobs.newsletter;

import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/**
 * Word shingles of a text and their Jaccard similarity, for spotting the same story reprinted.
 * Words are lower-cased runs of letters and digits; shingles are {@link #SIZE} consecutive words
 * (a text shorter than that is one shingle of all its words). Exact Jaccard rather than MinHash: a
 * newsletter compares each candidate with at most its maximum number of kept items.
 */
public final class Shingles {
    /** Words per shingle. */
    public static final int SIZE = 3;

    private Shingles() {}

    public static Set<String> of(String text) {
        String[] words = text == null ? new String[0]
                : text.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}]+");
        java.util.List<String> kept = new java.util.ArrayList<>();
        for (String w : words) {
            if (!w.isEmpty()) {
                kept.add(w);
            }
        }
        Set<String> shingles = new HashSet<>();
        if (kept.isEmpty()) {
            return shingles;
        }
        if (kept.size() < SIZE) {
            shingles.add(String.join(" ", kept));
            return shingles;
        }
        for (int i = 0; i + SIZE <= kept.size(); i++) {
            shingles.add(String.join(" ", kept.subList(i, i + SIZE)));
        }
        return shingles;
    }

    /** |a ∩ b| / |a ∪ b|; 0 when both are empty (empty texts are never duplicates). */
    public static double jaccard(Set<String> a, Set<String> b) {
        if (a.isEmpty() && b.isEmpty()) {
            return 0;
        }
        Set<String> small = a.size() <= b.size() ? a : b;
        Set<String> large = small == a ? b : a;
        int common = 0;
        for (String s : small) {
            if (large.contains(s)) {
                common++;
            }
        }
        return (double) common / (a.size() + b.size() - common);
    }
}
