package dev.tarjama.jobs.newsletter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Newest first, reprints collapsed into the newest version, per-source cap, maximum. */
class SelectionTest {

    private static List<String> ids(List<Candidate> rows) {
        return rows.stream().map(Candidate::articleId).toList();
    }

    @Test
    void newestFirstWithUndatedRowsLastAndTheReprintCollapsedIntoTheNewerStory() {
        Selection s = Selection.of(Fixtures.week(), NewsletterOptions.defaults("x"));
        assertEquals(List.of("heat-2", "lib-1", "clinic-3"), ids(s.selected()));
        assertEquals(1, s.duplicates().size());
        Selection.Duplicate d = s.duplicates().get(0);
        assertEquals("lib-1-reprint", d.articleId());
        assertEquals("lib-1", d.keptId());
        assertEquals(1.0, d.similarity(), 1e-9);
        assertEquals(4, s.candidates());
    }

    @Test
    void aStoryBelowTheThresholdIsKeptAndOneAboveIsCollapsed() {
        String base = "Parliament approves the new budget after a long debate on taxes and public spending";
        Candidate a = Fixtures.row("a", "s1", null, "2025-03-02T10:00:00Z", "أ", base, "م", "Members voted late.", null, null);
        Candidate near = Fixtures.row("b", "s2", null, "2025-03-02T09:00:00Z", "ب", base, "م", "Members voted late at night.", null, null);
        Candidate other = Fixtures.row("c", "s3", null, "2025-03-02T08:00:00Z", "ج",
                "Football team wins friendly match three goals to one", "م", "The coach praised the players.", null, null);
        double similarity = Shingles.jaccard(Shingles.of(Selection.englishText(a)), Shingles.of(Selection.englishText(near)));
        assertTrue(similarity > 0.5 && similarity < 0.9, "near, not equal: " + similarity);
        Selection s = Selection.of(List.of(other, near, a), NewsletterOptions.defaults("x"));
        assertEquals(List.of("a", "c"), ids(s.selected()));
        assertEquals("a", s.duplicates().get(0).keptId());
        Selection strict = Selection.of(List.of(other, near, a), new NewsletterOptions("x", null, null, null, 20, 5,
                null, 0.95, null, false));
        assertEquals(List.of("a", "b", "c"), ids(strict.selected()));
    }

    @Test
    void perSourceCapAndMaximumAreCountedApart() {
        List<Candidate> rows = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            rows.add(Fixtures.row("a" + i, "A", null, "2025-03-02T1" + i + ":00:00Z", "خبر", "story number " + i
                    + " about topic " + "abcdef".charAt(i), "م", "unique summary " + i + " " + "xyzuvw".charAt(i), null, null));
        }
        rows.add(Fixtures.row("b0", "B", null, "2025-03-01T10:00:00Z", "خبر", "a different headline", "م",
                "a different story entirely", null, null));
        rows.add(Fixtures.row("c0", "C", null, "2025-03-01T09:00:00Z", "خبر", "yet one more headline", "م",
                "a third story with words", null, null));
        Selection s = Selection.of(rows, NewsletterOptions.defaults("x").withLimits(4, 3));
        assertEquals(List.of("a5", "a4", "a3", "b0"), ids(s.selected()));
        assertEquals(3, s.cappedPerSource());
        assertEquals(1, s.overMax());
        assertEquals(rows.size(), s.selected().size() + s.duplicates().size() + s.cappedPerSource() + s.overMax());
    }

    @Test
    void summaryFallsBackToTheFirstSentencesOfTheBody() {
        assertEquals("The summary.", Summaries.of(" The summary. ", "Body one. Body two."));
        assertEquals("Body one. Body two.", Summaries.of(null, "Body one. Body two. Body three."));
        assertEquals("قال الوزير إن الخطة جاهزة. وأضاف أنها تبدأ غداً؟",
                Summaries.of("  ", "قال الوزير إن الخطة جاهزة. وأضاف أنها تبدأ غداً؟ وتستمر عاماً."));
        String longSentence = "word ".repeat(200).strip() + ".";
        String cut = Summaries.of(null, longSentence);
        assertTrue(cut.length() <= Summaries.MAX_CHARS && cut.endsWith("…"), cut);
        assertEquals("", Summaries.of(null, null));
    }

    private static Candidate flagged(Candidate c, String... flags) {
        return new Candidate(c.articleId(), c.source(), c.url(), c.publishedAt(), c.processedAt(), c.dt(), c.titleAr(),
                c.titleEn(), c.summaryAr(), c.summaryEn(), c.bodyAr(), c.bodyEn(),
                new Candidate.Provenance("opus-mt-ar-en", "r1", null, null, List.of(flags)));
    }

    @Test
    void aRowFlaggedForReviewIsLeftOutUnlessAskedForAndACleanReprintTakesItsPlace() {
        List<Candidate> rows = new ArrayList<>(Fixtures.week());
        rows.set(0, flagged(rows.get(0), "split", "repetition_loop"));   // lib-1, newer than its reprint
        rows.set(1, flagged(rows.get(1), "split", "summary_input_truncated:900->512", "id_from_hash"));
        Selection s = Selection.of(rows, NewsletterOptions.defaults("x"));
        assertEquals(List.of("heat-2", "lib-1-reprint", "clinic-3"), ids(s.selected()), "processing notes are no reason");
        assertEquals(List.of("lib-1"), ids(s.flagged()));
        assertEquals(List.of("repetition_loop"), s.flagged().get(0).reviewFlags());
        assertEquals(s.candidates(), s.selected().size() + s.duplicates().size() + s.flagged().size());

        Selection all = Selection.of(rows, NewsletterOptions.defaults("x").withIncludeFlagged(true));
        assertEquals(List.of("heat-2", "lib-1", "clinic-3"), ids(all.selected()));
        assertTrue(all.flagged().isEmpty());
        NewsletterView view = NewsletterView.of("t", Fixtures.PROCESSED.atZone(java.time.ZoneOffset.UTC).toLocalDate(),
                Fixtures.PROCESSED.atZone(java.time.ZoneOffset.UTC).toLocalDate(), all.selected());
        assertEquals("repetition_loop", view.items().get(1).needsReview());
        assertEquals(null, view.items().get(0).needsReview());
        assertEquals(List.of("translation: opus-mt-ar-en (revision r1)"), view.models());
        assertEquals(null, view.smokeWarning(), "no smoke row, no banner");
    }

    @Test
    void reviewFlagsAreTheOnesThatSayTheEnglishMayBeWrong() {
        assertEquals(List.of("max_length", "arabic_in_output", "numbers_missing", "length_ratio_low",
                "summary_number_not_in_source:25", "summary_name_not_in_source:Amman"),
                ReviewFlags.of(List.of("split", "max_length", "arabic_in_output", "numbers_missing", "length_ratio_low",
                        "summary_number_not_in_source:25", "summary_name_not_in_source:Amman", "summary_chunked:3",
                        "summary_over_budget", "bad_published_at")));
    }

    @Test
    void directionalFormattingCharactersAreRemovedAndMarksKept() {
        assertEquals("evil wire \u200F· x", Bidi.clean("\u202Eevil wire \u2067\u200F· x\u202C\u2069"));
        assertEquals(null, Bidi.clean(null));
    }
}
