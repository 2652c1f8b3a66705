package dev.tarjama.models.summarize;

import dev.tarjama.models.text.Sentence;
import dev.tarjama.models.text.SentenceSplitter;
import dev.tarjama.models.translate.ArticleTranslation;
import dev.tarjama.models.translate.SegmentTranslation;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Extractive news summaries: ranks an article's sentences by lead-biased TextRank over Lucene's
 * normalized, light-stemmed Arabic terms and keeps the best within a budget, in source order.
 *
 * <p>Deterministic (equal scores go to the earlier sentence). One instance is meant to be shared by
 * all task threads of a JVM: it is immutable apart from its Lucene analyzer, which is thread-safe.
 * Close it when done. The algorithm and its costs are in {@code docs/summaries.md}.
 */
public final class ExtractiveSummarizer implements AutoCloseable {

    /** Scores closer than this count as equal, so that float noise cannot beat the tie rule. */
    private static final double SCORE_QUANTUM = 1e-12;

    private final SummaryOptions options;
    private final SentenceSplitter splitter;
    private final SentenceTermAnalyzer analyzer = new SentenceTermAnalyzer();

    /** A summarizer with {@link SummaryOptions#defaults()}. */
    public ExtractiveSummarizer() {
        this(SummaryOptions.defaults());
    }

    /** A summarizer with the given options and the default sentence splitter. */
    public ExtractiveSummarizer(SummaryOptions options) {
        this(options, new SentenceSplitter());
    }

    /** A summarizer with the given options, splitting text with {@code splitter}. */
    public ExtractiveSummarizer(SummaryOptions options, SentenceSplitter splitter) {
        if (options == null || splitter == null) {
            throw new IllegalArgumentException("options and splitter must not be null");
        }
        this.options = options;
        this.splitter = splitter;
    }

    public SummaryOptions options() {
        return options;
    }

    /**
     * Summarizes a cleaned text (e.g. {@code ArticleTranslation.bodyAr}, or {@code ArabicCleaner}
     * output), split with this summarizer's splitter.
     *
     * @throws IllegalArgumentException if {@code cleanedText} is null
     */
    public ExtractiveSummary summarize(String cleanedText) {
        if (cleanedText == null) {
            throw new IllegalArgumentException("text must not be null (use \"\" for no text)");
        }
        return summarize(splitter.sentences(cleanedText));
    }

    /** Summarizes already split sentences (in source order). */
    public ExtractiveSummary summarize(List<Sentence> sentences) {
        List<Candidate> candidates = new ArrayList<>(sentences.size());
        for (Sentence s : sentences) {
            candidates.add(new Candidate(s.paragraph(), s.index(), s.text()));
        }
        return select(rankCandidates(candidates));
    }

    /**
     * The bilingual summary of a translated article: its body segments (the title, paragraph
     * {@code -1}, is never a summary sentence) ranked on their Arabic {@code source}; the English
     * summary is the {@code target} of exactly the chosen segments, in the same order.
     */
    public BilingualSummary summarize(ArticleTranslation article) {
        return summarizeSegments(article.segments());
    }

    /**
     * As {@link #summarize(ArticleTranslation)}, on a list of segments; title segments are ignored
     * and the rest are taken in (paragraph, sentence) order.
     *
     * @throws IllegalArgumentException if two body segments have the same paragraph and sentence
     */
    public BilingualSummary summarizeSegments(List<SegmentTranslation> segments) {
        List<SegmentTranslation> body = segments.stream()
                .filter(s -> s.paragraph() >= 0)
                .sorted(Comparator.comparingInt(SegmentTranslation::paragraph).thenComparingInt(SegmentTranslation::sentence))
                .collect(Collectors.toList());
        List<Candidate> candidates = new ArrayList<>(body.size());
        Set<Long> seen = new HashSet<>();
        for (SegmentTranslation s : body) {
            if (!seen.add(key(s.paragraph(), s.sentence()))) {
                throw new IllegalArgumentException("two segments at paragraph " + s.paragraph() + ", sentence " + s.sentence());
            }
            candidates.add(new Candidate(s.paragraph(), s.sentence(), s.source() == null ? "" : s.source()));
        }
        ExtractiveSummary selection = select(rankCandidates(candidates));
        List<String> english = new ArrayList<>();
        List<String> untranslated = new ArrayList<>();
        int next = 0;
        for (RankedSentence chosen : selection.sentences()) {
            while (body.get(next).paragraph() != chosen.paragraph() || body.get(next).sentence() != chosen.index()) {
                next++; // both lists are in source order
            }
            String target = body.get(next).target();
            if (target == null || target.isBlank()) {
                untranslated.add(chosen.paragraph() + "/" + chosen.index());
            } else {
                english.add(target.strip());
            }
        }
        return new BilingualSummary(selection, selection.text(), String.join(" ", english), untranslated);
    }

    /** Every sentence of a cleaned text with its score and rank, in source order. */
    public List<RankedSentence> rank(String cleanedText) {
        List<Candidate> candidates = new ArrayList<>();
        for (Sentence s : splitter.sentences(cleanedText)) {
            candidates.add(new Candidate(s.paragraph(), s.index(), s.text()));
        }
        return rankCandidates(candidates);
    }

    private List<RankedSentence> rankCandidates(List<Candidate> all) {
        // A blank segment has no words to summarize; it can only come from a segment list.
        List<Candidate> candidates = all.stream().filter(c -> !c.text().isBlank()).collect(Collectors.toList());
        List<List<String>> terms = new ArrayList<>(candidates.size());
        for (Candidate c : candidates) {
            terms.add(analyzer.terms(c.text()));
        }
        double[] scores = LeadBiasedRank.scores(terms, options);
        Integer[] order = new Integer[candidates.size()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, Comparator.<Integer>comparingLong(i -> -Math.round(scores[i] / SCORE_QUANTUM))
                .thenComparingInt(i -> i));
        int[] rank = new int[order.length];
        for (int r = 0; r < order.length; r++) {
            rank[order[r]] = r;
        }
        List<RankedSentence> ranked = new ArrayList<>(candidates.size());
        for (int i = 0; i < candidates.size(); i++) {
            Candidate c = candidates.get(i);
            ranked.add(new RankedSentence(c.paragraph(), c.index(), c.text(), scores[i], rank[i]));
        }
        return ranked;
    }

    /** Greedy by rank: a sentence that does not fit is skipped and lower-ranked ones are still tried. */
    private ExtractiveSummary select(List<RankedSentence> ranked) {
        if (ranked.isEmpty()) {
            return ExtractiveSummary.empty();
        }
        int[] byRank = new int[ranked.size()];
        for (int i = 0; i < byRank.length; i++) {
            byRank[ranked.get(i).rank()] = i;
        }
        SummaryBudget budget = options.budget();
        boolean[] chosen = new boolean[ranked.size()];
        int used = 0;
        for (int i : byRank) {
            int cost = budget.cost(ranked.get(i).text());
            if (used + cost <= budget.limit()) {
                chosen[i] = true;
                used += cost;
            }
            if (used == budget.limit()) {
                break;
            }
        }
        boolean overBudget = false;
        if (used == 0) {
            // Every sentence is longer than the word budget: the best one alone beats an empty summary.
            chosen[byRank[0]] = true;
            overBudget = true;
        }
        List<RankedSentence> out = new ArrayList<>();
        for (int i = 0; i < ranked.size(); i++) {
            if (chosen[i]) {
                out.add(ranked.get(i));
            }
        }
        return new ExtractiveSummary(out, ranked.size(), overBudget);
    }

    private static long key(int paragraph, int sentence) {
        return ((long) paragraph << 32) | (sentence & 0xffffffffL);
    }

    @Override
    public void close() {
        analyzer.close();
    }

    private record Candidate(int paragraph, int index, String text) {}
}
