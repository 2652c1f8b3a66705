package dev.tarjama.models.text;

import java.util.ArrayList;
import java.util.List;
import java.util.function.ToIntFunction;

/**
 * Turns sentences into chunks of at most {@code maxTokens} tokens. A sentence that fits is one
 * chunk; a longer one is cut into the fewest pieces that fit, with the sizes balanced, preferring
 * cuts after {@code ، , ; ؛}, then between words, then between code points (never inside a
 * surrogate pair). Nothing is truncated. Sentences are never merged, so every chunk maps to one
 * sentence. Thread-safe if the counter is.
 *
 * <p>Costs are additive estimates (each unit counted once, minus the counter's fixed overhead,
 * measured as the count of ""), then every piece is re-counted as a whole and cut again if the
 * estimate was low. Only a single code point that alone exceeds the limit is emitted over it.
 */
public final class SegmentPacker {

    private final ToIntFunction<String> counter;
    private final int maxTokens;
    private final int overhead;

    /**
     * @param counter tokens of a text, as the model will see it (the real tokenizer; tests may count words)
     * @param maxTokens the most tokens one chunk may have; at least 1
     */
    public SegmentPacker(ToIntFunction<String> counter, int maxTokens) {
        if (counter == null || maxTokens < 1) {
            throw new IllegalArgumentException("need a counter and maxTokens >= 1, got " + maxTokens);
        }
        this.counter = counter;
        this.maxTokens = maxTokens;
        this.overhead = Math.max(0, counter.applyAsInt(""));
    }

    /** Chunks of all {@code sentences}, in order. */
    public List<Chunk> pack(List<Sentence> sentences) {
        List<Chunk> chunks = new ArrayList<>(sentences.size());
        for (Sentence s : sentences) {
            chunks.addAll(pack(s));
        }
        return chunks;
    }

    /** Chunks of all sentences of all {@code paragraphs}, in order. */
    public List<Chunk> packParagraphs(List<Paragraph> paragraphs) {
        List<Chunk> chunks = new ArrayList<>();
        for (Paragraph p : paragraphs) {
            chunks.addAll(pack(p.sentences()));
        }
        return chunks;
    }

    /** The chunks of one sentence. */
    public List<Chunk> pack(Sentence sentence) {
        String text = sentence.text();
        int tokens = counter.applyAsInt(text);
        if (tokens <= maxTokens) {
            return List.of(new Chunk(sentence.paragraph(), sentence.index(), 0, 1, text, tokens));
        }
        List<int[]> units = new ArrayList<>();
        for (int[] clause : clauses(text)) {
            refine(text, clause, units);
        }
        List<String> pieces = new ArrayList<>();
        for (List<int[]> group : partition(text, units)) {
            emitVerified(text, group, pieces);
        }
        List<Chunk> chunks = new ArrayList<>(pieces.size());
        for (int i = 0; i < pieces.size(); i++) {
            String piece = pieces.get(i);
            chunks.add(new Chunk(sentence.paragraph(), sentence.index(), i, pieces.size(), piece, counter.applyAsInt(piece)));
        }
        return chunks;
    }

    /** Unit = {start, end, estimated cost}; start/end are offsets into the sentence text. */
    private int cost(String text, int start, int end) {
        return Math.max(0, counter.applyAsInt(text.substring(start, end).strip()) - overhead);
    }

    /** Spans ending after each clause mark (a comma between digits is a thousands separator, not a clause). */
    private static List<int[]> clauses(String text) {
        List<int[]> spans = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean mark = c == '،' || c == '؛' || c == ';'
                    || (c == ',' && !(i > 0 && i + 1 < text.length()
                            && ArabicChars.isDigit(text.charAt(i - 1)) && ArabicChars.isDigit(text.charAt(i + 1))));
            if (mark && i + 1 < text.length()) {
                spans.add(new int[] {start, i + 1});
                start = i + 1;
            }
        }
        spans.add(new int[] {start, text.length()});
        return spans;
    }

    /** Adds the span as one unit if it fits, else its words, else its code points. */
    private void refine(String text, int[] span, List<int[]> units) {
        if (isBlank(text, span[0], span[1])) {
            if (!units.isEmpty()) {
                units.get(units.size() - 1)[1] = span[1]; // whitespace joins the unit before it
            } else {
                units.add(new int[] {span[0], span[1], 0});
            }
            return;
        }
        int c = cost(text, span[0], span[1]);
        if (c + overhead <= maxTokens) {
            units.add(new int[] {span[0], span[1], c});
            return;
        }
        List<int[]> words = words(text, span);
        if (words.size() > 1) {
            for (int[] w : words) {
                refine(text, w, units);
            }
            return;
        }
        int i = span[0];
        while (i < span[1]) {
            int next = i + Character.charCount(text.codePointAt(i));
            while (next < span[1] && Character.isWhitespace(text.charAt(next))) {
                next++;
            }
            units.add(new int[] {i, next, cost(text, i, next)});
            i = next;
        }
    }

    /** Word spans, each word with the whitespace after it. */
    private static List<int[]> words(String text, int[] span) {
        List<int[]> out = new ArrayList<>();
        int i = span[0];
        while (i < span[1]) {
            int e = i;
            while (e < span[1] && Character.isWhitespace(text.charAt(e))) {
                e++;
            }
            while (e < span[1] && !Character.isWhitespace(text.charAt(e))) {
                e++;
            }
            while (e < span[1] && Character.isWhitespace(text.charAt(e))) {
                e++;
            }
            out.add(new int[] {i, e});
            i = e;
        }
        return out;
    }

    /**
     * Fewest groups whose estimated cost fits, then the smallest largest group among partitions with
     * that many groups (binary search on the bound, greedy fill: optimal for contiguous groups).
     */
    private List<List<int[]>> partition(String text, List<int[]> units) {
        int budget = Math.max(1, maxTokens - overhead);
        int fewest = greedy(units, budget, null);
        int lo = 0;
        for (int[] u : units) {
            lo = Math.max(lo, u[2]);
        }
        int hi = Math.max(lo, budget);
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (greedy(units, mid, null) <= fewest) {
                hi = mid;
            } else {
                lo = mid + 1;
            }
        }
        List<List<int[]>> groups = new ArrayList<>();
        greedy(units, lo, groups);
        return groups;
    }

    private static int greedy(List<int[]> units, int bound, List<List<int[]>> groups) {
        int count = 0;
        int sum = 0;
        List<int[]> current = null;
        for (int[] u : units) {
            if (current == null || (sum + u[2] > bound && !current.isEmpty())) {
                count++;
                sum = 0;
                current = new ArrayList<>();
                if (groups != null) {
                    groups.add(current);
                }
            }
            current.add(u);
            sum += u[2];
        }
        return count;
    }

    /** Re-counts the group as one text; halves it while the estimate proves too low. */
    private void emitVerified(String text, List<int[]> group, List<String> pieces) {
        String piece = text.substring(group.get(0)[0], group.get(group.size() - 1)[1]).strip();
        if (piece.isEmpty()) {
            return;
        }
        if (group.size() == 1 || counter.applyAsInt(piece) <= maxTokens) {
            pieces.add(piece);
            return;
        }
        int mid = group.size() / 2;
        emitVerified(text, group.subList(0, mid), pieces);
        emitVerified(text, group.subList(mid, group.size()), pieces);
    }

    private static boolean isBlank(String text, int from, int to) {
        for (int i = from; i < to; i++) {
            if (!Character.isWhitespace(text.charAt(i))) {
                return false;
            }
        }
        return true;
    }
}
