package dev.tarjama.models.summarize;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tarjama.models.translate.ArticleTranslation;
import dev.tarjama.models.translate.SegmentTranslation;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Behaviour of {@link ExtractiveSummarizer} on small hand-made articles. */
class ExtractiveSummarizerTest {

    private static ExtractiveSummarizer summarizer(SummaryBudget budget, double leadBias) {
        return new ExtractiveSummarizer(SummaryOptions.builder().optBudget(budget).optLeadBias(leadBias).build());
    }

    private static List<String> chosen(ExtractiveSummary summary) {
        return summary.sentences().stream().map(s -> s.paragraph() + "/" + s.index()).collect(Collectors.toList());
    }

    @Test
    void withEqualCentralityTheEarlierSentenceScoresHigher() {
        // Sentences 0 and 2 are the same text, so the graph cannot tell them apart; only position can.
        String text = "ارتفعت أسعار النفط في الأسواق العالمية\nهطلت أمطار غزيرة على المدينة\n"
                + "ارتفعت أسعار النفط في الأسواق العالمية\nتراجعت أسعار الذهب في الأسواق";
        try (ExtractiveSummarizer lead = summarizer(SummaryBudget.sentences(1), 0.5);
                ExtractiveSummarizer plain = summarizer(SummaryBudget.sentences(1), 0.0)) {
            List<RankedSentence> biased = lead.rank(text);
            List<RankedSentence> unbiased = plain.rank(text);
            assertEquals(unbiased.get(0).score(), unbiased.get(2).score(), 1e-9, "without lead bias the twins are equal");
            assertTrue(biased.get(0).score() > biased.get(2).score() + 1e-6, "lead bias favours the earlier twin");
            assertEquals(List.of("0/0"), chosen(lead.summarize(text)));
        }
    }

    @Test
    void leadBiasOutweighsAModestCentralityEdgeOfALaterSentence() {
        // Sentence 2 repeats the opening and adds words shared with sentence 3, so it is more central.
        // Damping 0.5 gives the restart vector (where the lead bias lives) half of the weight.
        String text = "ارتفعت أسعار النفط في الأسواق العالمية\nهطلت أمطار غزيرة على المدينة\n"
                + "ارتفعت أسعار النفط في الأسواق العالمية بعد قرار أوبك\nقرار أوبك يرفع أسعار النفط";
        SummaryOptions base = SummaryOptions.builder().optBudget(SummaryBudget.sentences(1)).optDamping(0.5).build();
        try (ExtractiveSummarizer lead = new ExtractiveSummarizer(base.toBuilder().optLeadBias(0.5).build());
                ExtractiveSummarizer plain = new ExtractiveSummarizer(base.toBuilder().optLeadBias(0.0).build())) {
            assertEquals(List.of("0/2"), chosen(plain.summarize(text)), "plain TextRank picks the most central");
            assertEquals(List.of("0/0"), chosen(lead.summarize(text)), "news lead bias picks the opening");
        }
    }

    @Test
    void sentencesSharingStemsOutrankAnEarlierUnrelatedOne() {
        // The shared words differ in their clitics (ال، وال، لل، ب) and suffixes, so only light
        // stemming and normalization link them; without links the opening sentence would win on position.
        String text = "هطلت أمطار غزيرة على المدينة الساحلية أمس\n"
                + "أعلنت الحكومة خطة لدعم الاقتصاد والصادرات\n"
                + "وقالت مصادر إن للحكومة رؤية جديدة للاقتصاد\n"
                + "والحكومة تراهن على صادرات النفط وبالاقتصاد";
        try (ExtractiveSummarizer summarizer = summarizer(SummaryBudget.sentences(1), SummaryOptions.DEFAULT_LEAD_BIAS)) {
            List<RankedSentence> ranked = summarizer.rank(text);
            assertEquals(3, ranked.get(0).rank(), "the unrelated opening ranks last: " + ranked);
            assertEquals(List.of("0/1"), chosen(summarizer.summarize(text)));
        }
    }

    @Test
    void latinTextIsMatchedCaseInsensitively() {
        String text = "Heavy rain fell on the coastal city yesterday.\n"
                + "The GOVERNMENT announced an ECONOMY plan.\n"
                + "Sources said the Government has a new vision for the Economy.\n"
                + "the government bets on the economy.";
        try (ExtractiveSummarizer summarizer = summarizer(SummaryBudget.sentences(1), SummaryOptions.DEFAULT_LEAD_BIAS)) {
            assertEquals(3, summarizer.rank(text).get(0).rank());
        }
    }

    @Test
    void unrelatedSentencesRankByPosition() {
        String text = "هطلت أمطار غزيرة\nفاز الفريق بالبطولة\nافتتح متحف جديد\nارتفعت أسعار الذهب";
        try (ExtractiveSummarizer summarizer = new ExtractiveSummarizer()) {
            List<RankedSentence> ranked = summarizer.rank(text);
            for (int i = 0; i < ranked.size(); i++) {
                assertEquals(i, ranked.get(i).rank());
            }
            assertEquals(1.0, ranked.stream().mapToDouble(RankedSentence::score).sum(), 1e-9, "scores are a distribution");
        }
    }

    @Test
    void anArticleWithinTheBudgetIsReturnedWhole() {
        String text = "الجملة الأولى هنا.\n\nالجملة الثانية هناك. والثالثة بعدها.";
        try (ExtractiveSummarizer summarizer = summarizer(SummaryBudget.sentences(3), 0.5)) {
            ExtractiveSummary summary = summarizer.summarize(text);
            assertEquals(List.of("0/0", "1/0", "1/1"), chosen(summary));
            assertEquals("الجملة الأولى هنا. الجملة الثانية هناك. والثالثة بعدها.", summary.text());
        }
    }

    @Test
    void anEmptyArticleGivesAnEmptySummary() {
        try (ExtractiveSummarizer summarizer = new ExtractiveSummarizer()) {
            assertEquals(ExtractiveSummary.empty(), summarizer.summarize(""));
            assertEquals(ExtractiveSummary.empty(), summarizer.summarize("  \n\n "));
            BilingualSummary none = summarizer.summarizeSegments(List.of());
            assertEquals("", none.arabic());
            assertEquals("", none.english());
            assertThrows(IllegalArgumentException.class, () -> summarizer.summarize((String) null));
        }
    }

    @Test
    void aWordBudgetSkipsSentencesThatDoNotFitAndTriesLowerRanks() {
        // The opening (best by position) has 6 words; with 4 words left only shorter sentences fit.
        String text = "ارتفعت أسعار النفط في الأسواق العالمية\nأسعار النفط ترتفع\nهطلت أمطار غزيرة";
        try (ExtractiveSummarizer summarizer = summarizer(SummaryBudget.words(4), 0.5)) {
            ExtractiveSummary summary = summarizer.summarize(text);
            assertFalse(summary.overBudget());
            assertTrue(summary.words() <= 4);
            assertEquals(List.of("0/1"), chosen(summary));
        }
    }

    @Test
    void whenNoSentenceFitsTheWordBudgetTheBestOneIsTakenAndMarked() {
        String text = "ارتفعت أسعار النفط في الأسواق العالمية\nهطلت أمطار غزيرة على المدينة";
        try (ExtractiveSummarizer summarizer = summarizer(SummaryBudget.words(2), 0.5)) {
            ExtractiveSummary summary = summarizer.summarize(text);
            assertTrue(summary.overBudget());
            assertEquals(List.of("0/0"), chosen(summary));
        }
    }

    @Test
    void englishSummaryIsExactlyTheTargetsOfTheChosenSegmentsInOrder() {
        List<SegmentTranslation> segments = article();
        try (ExtractiveSummarizer summarizer = summarizer(SummaryBudget.sentences(2), 0.5)) {
            BilingualSummary summary = summarizer.summarize(new ArticleTranslation("a1", "t", "b", "T", "B", segments));
            List<RankedSentence> picks = summary.selection().sentences();
            assertEquals(2, picks.size());
            List<String> expectedEn = new ArrayList<>();
            List<String> expectedAr = new ArrayList<>();
            for (RankedSentence p : picks) {
                assertTrue(p.paragraph() >= 0, "the title is never a summary sentence");
                SegmentTranslation seg = segments.stream()
                        .filter(s -> s.paragraph() == p.paragraph() && s.sentence() == p.index()).findFirst().orElseThrow();
                assertEquals(seg.source(), p.text());
                expectedEn.add(seg.target());
                expectedAr.add(seg.source());
            }
            assertEquals(String.join(" ", expectedEn), summary.english());
            assertEquals(String.join(" ", expectedAr), summary.arabic());
            assertEquals(List.of(), summary.untranslated());
            // The central pair (paragraph 0 sentence 1 and paragraph 1 sentence 0) beats the unrelated rest.
            assertEquals("EN 0/1 oil prices rose. EN 1/0 OPEC raised oil prices.", summary.english());
        }
    }

    @Test
    void segmentOrderInTheListDoesNotChangeTheSummary() {
        List<SegmentTranslation> shuffled = new ArrayList<>(article());
        Collections.reverse(shuffled);
        try (ExtractiveSummarizer summarizer = summarizer(SummaryBudget.sentences(2), 0.5)) {
            assertEquals(summarizer.summarizeSegments(article()), summarizer.summarizeSegments(shuffled));
        }
    }

    @Test
    void aChosenSegmentWithoutTranslationIsReportedNotInvented() {
        List<SegmentTranslation> segments = new ArrayList<>(article());
        segments.set(2, segment(0, 1, segments.get(2).source(), null));
        try (ExtractiveSummarizer summarizer = summarizer(SummaryBudget.sentences(2), 0.5)) {
            BilingualSummary summary = summarizer.summarizeSegments(segments);
            assertEquals(List.of("0/1"), summary.untranslated());
            assertEquals("EN 1/0 OPEC raised oil prices.", summary.english());
        }
    }

    @Test
    void twoSegmentsAtOnePositionAreRejected() {
        List<SegmentTranslation> segments = new ArrayList<>(article());
        segments.add(segment(0, 1, "نص", "text"));
        try (ExtractiveSummarizer summarizer = new ExtractiveSummarizer()) {
            assertThrows(IllegalArgumentException.class, () -> summarizer.summarizeSegments(segments));
        }
    }

    @Test
    void theSameInputGivesTheSameSummary() {
        try (ExtractiveSummarizer a = new ExtractiveSummarizer(); ExtractiveSummarizer b = new ExtractiveSummarizer()) {
            assertEquals(a.summarizeSegments(article()), a.summarizeSegments(article()));
            assertEquals(a.summarizeSegments(article()), b.summarizeSegments(article()));
        }
    }

    @Test
    void optionsAreValidated() {
        assertThrows(IllegalArgumentException.class, () -> SummaryOptions.builder().optLeadBias(1.5).build());
        assertThrows(IllegalArgumentException.class, () -> SummaryOptions.builder().optDamping(1.0).build());
        assertThrows(IllegalArgumentException.class, () -> SummaryOptions.builder().optSimilarityThreshold(-0.1).build());
        assertThrows(IllegalArgumentException.class, () -> SummaryBudget.words(0));
        SummaryOptions o = SummaryOptions.builder().optBudget(SummaryBudget.words(50)).build();
        assertEquals(o, o.toBuilder().build());
    }

    /** Title (a copy of the most central sentence, so it would win if it were a candidate) then two paragraphs. */
    private static List<SegmentTranslation> article() {
        return List.of(
                segment(-1, 0, "أوبك ترفع أسعار النفط", "OPEC raises oil prices"),
                segment(0, 0, "هطلت أمطار غزيرة على المدينة", "EN 0/0 heavy rain fell."),
                segment(0, 1, "ارتفعت أسعار النفط بعد قرار أوبك", "EN 0/1 oil prices rose."),
                segment(0, 2, "افتتح متحف جديد في العاصمة", "EN 0/2 a museum opened."),
                segment(1, 0, "أوبك ترفع أسعار النفط", "EN 1/0 OPEC raised oil prices."),
                segment(1, 1, "فاز الفريق المحلي بالبطولة", "EN 1/1 the team won."));
    }

    private static SegmentTranslation segment(int paragraph, int sentence, String source, String target) {
        return new SegmentTranslation(paragraph, sentence, source, target, -0.5, 10, 10, List.of(), new long[0]);
    }
}
