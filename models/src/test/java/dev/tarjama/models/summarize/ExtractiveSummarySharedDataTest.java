package dev.tarjama.models.summarize;

import dev.tarjama.models.testing.SharedData;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tarjama.models.text.ArabicCleaner;
import dev.tarjama.models.text.Sentence;
import dev.tarjama.models.text.SentenceSplitter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Extractive summaries of the real articles in {@code shared/data}. */
class ExtractiveSummarySharedDataTest {

    private static final ArabicCleaner CLEANER = new ArabicCleaner();
    private static final SentenceSplitter SPLITTER = new SentenceSplitter();
    private static final List<SummaryBudget> BUDGETS = List.of(
            SummaryBudget.sentences(1), SummaryBudget.sentences(3), SummaryBudget.words(25), SummaryBudget.words(80));
    private static final Map<SummaryBudget, ExtractiveSummarizer> SUMMARIZERS = new HashMap<>();

    @BeforeAll
    static void open() {
        for (SummaryBudget b : BUDGETS) {
            SUMMARIZERS.put(b, new ExtractiveSummarizer(SummaryOptions.builder().optBudget(b).build()));
        }
    }

    @AfterAll
    static void close() {
        SUMMARIZERS.values().forEach(ExtractiveSummarizer::close);
    }

    static Stream<SummaryBudget> budgets() {
        return BUDGETS.stream();
    }

    @ParameterizedTest
    @MethodSource("budgets")
    void seedArticleSummaryIsVerbatimSourceSentencesInOrderWithinBudget(SummaryBudget budget) {
        int checked = checkArticle(CLEANER.clean(SharedData.text("seed-article-ar.txt")), budget);
        assertTrue(checked > 0);
    }

    @ParameterizedTest
    @MethodSource("budgets")
    void wikinewsSummariesAreVerbatimSourceSentencesInOrderWithinBudget(SummaryBudget budget) {
        List<JsonNode> rows = SharedData.jsonl("wikinews-ar-diacritized.jsonl");
        assertEquals(72, rows.size());
        for (JsonNode row : rows) {
            checkArticle(CLEANER.clean(row.get("body").asText()), budget);
            checkArticle(CLEANER.clean(row.get("body_undiacritized").asText()), budget);
        }
    }

    @ParameterizedTest
    @MethodSource("budgets")
    void ntrexSummariesAreVerbatimSourceSentencesInOrderWithinBudget(SummaryBudget budget) {
        List<JsonNode> rows = SharedData.jsonl("ntrex-ar-en-dev.jsonl");
        assertEquals(50, rows.size());
        for (JsonNode row : rows) {
            checkArticle(CLEANER.clean(row.get("body_ar").asText()), budget);
        }
    }

    @Test
    void diacritizedAndUndiacritizedTwinsGetTheSameSelection() {
        ExtractiveSummarizer summarizer = SUMMARIZERS.get(SummaryBudget.sentences(3));
        int compared = 0;
        for (JsonNode row : SharedData.jsonl("wikinews-ar-diacritized.jsonl")) {
            List<Sentence> diacritized = SPLITTER.sentences(CLEANER.clean(row.get("body").asText()));
            List<Sentence> plain = SPLITTER.sentences(CLEANER.clean(row.get("body_undiacritized").asText()));
            assertEquals(positions(diacritized), positions(plain), row.get("id").asText() + ": the twins split alike");
            List<RankedSentence> a = summarizer.summarize(diacritized).sentences();
            List<RankedSentence> b = summarizer.summarize(plain).sentences();
            assertEquals(selectedPositions(b), selectedPositions(a), row.get("id").asText());
            for (int i = 0; i < a.size(); i++) {
                assertEquals(b.get(i).score(), a.get(i).score(), 1e-12, row.get("id").asText());
            }
            compared++;
        }
        assertEquals(72, compared);
    }

    @Test
    void oneInstanceSharedByThreadsGivesTheSameSummariesAsOneThread() throws Exception {
        ExtractiveSummarizer shared = SUMMARIZERS.get(SummaryBudget.sentences(3));
        List<String> texts = new ArrayList<>();
        for (JsonNode row : SharedData.jsonl("ntrex-ar-en-dev.jsonl")) {
            texts.add(CLEANER.clean(row.get("body_ar").asText()));
        }
        List<ExtractiveSummary> expected = texts.stream().map(shared::summarize).toList();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<ExtractiveSummary>> futures = new ArrayList<>();
            for (int round = 0; round < 4; round++) {
                for (String t : texts) {
                    futures.add(pool.submit(() -> shared.summarize(t)));
                }
            }
            for (int i = 0; i < futures.size(); i++) {
                assertEquals(expected.get(i % texts.size()), futures.get(i).get());
            }
        } finally {
            pool.shutdownNow();
        }
    }

    /** Checks one article; returns the number of chosen sentences. */
    private static int checkArticle(String cleaned, SummaryBudget budget) {
        List<Sentence> source = SPLITTER.sentences(cleaned);
        Map<String, String> byPosition = new HashMap<>();
        for (Sentence s : source) {
            byPosition.put(s.paragraph() + "/" + s.index(), s.text());
        }
        ExtractiveSummary summary = SUMMARIZERS.get(budget).summarize(cleaned);
        List<RankedSentence> chosen = summary.sentences();
        assertEquals(source.size(), summary.sourceSentences());
        assertFalse(chosen.isEmpty() && !source.isEmpty(), "a non-empty article gets a summary");
        String previous = null;
        int previousOrder = -1;
        for (RankedSentence s : chosen) {
            String key = s.paragraph() + "/" + s.index();
            assertEquals(byPosition.get(key), s.text(), "verbatim sentence of the cleaned source at " + key);
            assertTrue(cleaned.contains(s.text()));
            int order = indexOf(source, s);
            assertTrue(order > previousOrder, "source order: " + key + " after " + previous);
            previousOrder = order;
            previous = key;
        }
        int cost = chosen.stream().mapToInt(s -> budget.cost(s.text())).sum();
        if (summary.overBudget()) {
            assertEquals(1, chosen.size());
            assertTrue(source.stream().allMatch(s -> budget.cost(s.text()) > budget.limit()), "over budget only when nothing fits");
        } else {
            assertTrue(cost <= budget.limit(), cost + " > " + budget);
        }
        if (budget.unit() == SummaryBudget.Unit.SENTENCES) {
            assertEquals(Math.min(budget.limit(), source.size()), chosen.size(), "a sentence budget is filled");
        }
        return chosen.size();
    }

    private static int indexOf(List<Sentence> source, RankedSentence s) {
        for (int i = 0; i < source.size(); i++) {
            if (source.get(i).paragraph() == s.paragraph() && source.get(i).index() == s.index()) {
                return i;
            }
        }
        throw new AssertionError("not a source position: " + s);
    }

    private static List<String> positions(List<Sentence> sentences) {
        List<String> out = new ArrayList<>();
        sentences.forEach(s -> out.add(s.paragraph() + "/" + s.index()));
        return out;
    }

    private static List<String> selectedPositions(List<RankedSentence> sentences) {
        List<String> out = new ArrayList<>();
        sentences.forEach(s -> out.add(s.paragraph() + "/" + s.index()));
        return out;
    }
}
