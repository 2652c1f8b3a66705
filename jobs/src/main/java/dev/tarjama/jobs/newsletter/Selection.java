package dev.tarjama.jobs.newsletter;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which candidates make the newsletter, and why the others did not.
 *
 * @param candidates every {@code ok} row of the date range
 * @param selected the newsletter's articles, newest first
 * @param duplicates candidates collapsed into an earlier (newer) kept article
 * @param cappedPerSource candidates left out because their source had its quota
 * @param overMax candidates left out because the newsletter was full
 * @param flagged candidates left out because a flag says their English needs review ({@link ReviewFlags});
 *     empty when the editor asked for them ({@code includeFlagged})
 */
public record Selection(int candidates, List<Candidate> selected, List<Duplicate> duplicates,
        int cappedPerSource, int overMax, List<Candidate> flagged) {

    /** A collapsed near-duplicate: {@code articleId} is the same story as the kept {@code keptId}. */
    public record Duplicate(String articleId, String keptId, double similarity) {}

    /** True when any selected article was translated by the smoke model. */
    public boolean anySmoke() {
        return selected.stream().anyMatch(Candidate::smoke);
    }

    /**
     * Newest first: {@code published_at} descending (rows without one last), then {@code processed_at}
     * descending, then rows with summaries first, then {@code article_id}, so the order is total.
     */
    public static final Comparator<Candidate> NEWEST_FIRST = Comparator
            .comparing(Candidate::publishedAt, Comparator.nullsLast(Comparator.reverseOrder()))
            .thenComparing(Candidate::processedAt, Comparator.nullsLast(Comparator.reverseOrder()))
            .thenComparing(c -> !c.hasSummaries())
            .thenComparing(Candidate::articleId);

    /**
     * Walks the candidates newest first; each is compared (word-shingle Jaccard of its English
     * headline and summary) with the articles kept so far and collapsed into the first with
     * similarity at or above {@code options.similarity()}, so the newest (then best) version of a
     * story is the one kept. Then the per-source cap, then the maximum. Rows flagged for review
     * are set aside first, unless {@code options.includeFlagged()}: a clean version of a story then
     * wins over a flagged one.
     */
    public static Selection of(List<Candidate> rows, NewsletterOptions options) {
        List<Candidate> sorted = new ArrayList<>();
        List<Candidate> flagged = new ArrayList<>();
        for (Candidate c : rows) {
            (options.includeFlagged() || c.reviewFlags().isEmpty() ? sorted : flagged).add(c);
        }
        sorted.sort(NEWEST_FIRST);
        flagged.sort(NEWEST_FIRST);
        List<Candidate> selected = new ArrayList<>();
        List<Set<String>> keptShingles = new ArrayList<>();
        List<Duplicate> duplicates = new ArrayList<>();
        Map<String, Integer> perSource = new HashMap<>();
        int capped = 0;
        int overMax = 0;
        for (Candidate c : sorted) {
            Set<String> shingles = Shingles.of(englishText(c));
            Duplicate duplicate = null;
            for (int i = 0; i < selected.size() && duplicate == null; i++) {
                double similarity = Shingles.jaccard(shingles, keptShingles.get(i));
                if (similarity >= options.similarity()) {
                    duplicate = new Duplicate(c.articleId(), selected.get(i).articleId(), similarity);
                }
            }
            if (duplicate != null) {
                duplicates.add(duplicate);
                continue;
            }
            String source = c.source() == null ? "" : c.source();
            if (perSource.getOrDefault(source, 0) >= options.perSource()) {
                capped++;
                continue;
            }
            if (selected.size() >= options.max()) {
                overMax++;
                continue;
            }
            perSource.merge(source, 1, Integer::sum);
            selected.add(c);
            keptShingles.add(shingles);
        }
        return new Selection(rows.size(), List.copyOf(selected), List.copyOf(duplicates), capped, overMax,
                List.copyOf(flagged));
    }

    /** The text compared for near-duplicates: English headline and the summary the reader sees. */
    static String englishText(Candidate c) {
        return (c.titleEn() == null ? "" : c.titleEn()) + " " + Summaries.of(c.summaryEn(), c.bodyEn());
    }
}
