package dev.tarjama.models.translate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tarjama.models.testing.SharedData;
import dev.tarjama.models.testing.TinyModels;
import dev.tarjama.models.text.ArabicCleaner;
import dev.tarjama.models.text.SentenceSplitter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Whole articles through the pipeline on the tiny Marian: every sentence accounted for, in order. */
class TranslationPipelineTest {

    private static TranslationPipeline pipeline;

    @BeforeAll
    static void open() {
        pipeline = TranslationPipeline.open(TranslatorSpec.builder()
                .setModelDir(TinyModels.MARIAN_XENOVA.toString()).optNumBeams(1).optMaxNewTokens(8)
                .optBatchLimits(2048, 16).optMemoBytes(0).build()); // no memo: each call really runs the model
    }

    @AfterAll
    static void close() {
        pipeline.close();
    }

    private static ArticleTranslation one(String title, String body) {
        return pipeline.translate(List.of(new SourceArticle("a", title, body))).get(0);
    }

    @Test
    void emptyAndWhitespaceTextGiveEmptyTranslationsWithoutError() {
        for (String text : new String[] {"", "   \n\t  \n", null}) {
            ArticleTranslation t = one(text, text);
            assertEquals("", t.titleEn());
            assertEquals("", t.bodyEn());
            assertTrue(t.segments().isEmpty());
        }
    }

    @Test
    void everySentenceOfTheBodyBecomesOneSegmentInSourceOrder() {
        String body = "قال الوزير إن المحادثات ستستأنف. وأضاف أن الوفد سيصل غدا!\n\nوفي سياق آخر، ارتفعت الأسعار 3.5 بالمئة؟";
        ArticleTranslation t = one("عنوان الخبر", body);
        List<String> sentences = new SentenceSplitter().sentences(new ArabicCleaner().clean(body))
                .stream().map(s -> s.text()).toList();
        List<SegmentTranslation> bodySegments = t.segments().stream().filter(s -> s.paragraph() >= 0).toList();
        assertEquals(sentences, bodySegments.stream().map(SegmentTranslation::source).toList());
        assertEquals(-1, t.segments().get(0).paragraph(), "title segment first");
        assertEquals(2, t.bodyEn().split("\n\n", -1).length, "paragraphs kept");
        for (SegmentTranslation s : t.segments()) {
            assertTrue(s.generatedTokens() > 0 && s.sourceTokens() > 0, "tokens counted: " + s);
            assertTrue(s.score() <= 0.0, "mean log-probability is not positive");
        }
    }

    @Test
    void htmlEmojiAndTextWithoutArabicTranslate() {
        ArticleTranslation html = one("<h1>عنوان &amp; خبر</h1>", "<p>قال الوزير 😀 إن <b>المحادثات</b> ستستأنف.</p>");
        assertFalse(html.bodyAr().contains("<"), "tags removed before translation: " + html.bodyAr());
        assertTrue(html.bodyAr().contains("😀"), "emoji kept whole");
        assertFalse(html.bodyEn().isBlank());
        ArticleTranslation english = one("Breaking news", "The minister said talks would resume next week.");
        assertEquals(1, english.segments().stream().filter(s -> s.paragraph() >= 0).count());
        assertFalse(english.bodyEn().isBlank());
    }

    @Test
    void aSentenceLongerThanTheModelLimitIsSplitAndSaysSo() {
        String longSentence = String.join("، ", java.util.Collections.nCopies(120, "قال الوزير إن المحادثات ستستأنف"));
        ArticleTranslation t = one("", longSentence + ".");
        assertEquals(1, t.segments().size(), "still one sentence");
        SegmentTranslation s = t.segments().get(0);
        assertTrue(s.notes().stream().anyMatch(n -> n.startsWith("split:")), "split recorded: " + s.notes());
        assertTrue(s.sourceTokens() > TranslationPipeline.MAX_SOURCE_TOKENS, "all pieces sent: " + s.sourceTokens());
    }

    @Test
    void articlesTranslatedTogetherEqualArticlesTranslatedAlone() {
        List<SourceArticle> articles = List.of(
                new SourceArticle("1", "عنوان أول", "قال الوزير إن المحادثات ستستأنف. وأضاف أن الوفد سيصل غدا."),
                new SourceArticle("2", "", "ارتفعت الأسعار في الأسواق المحلية."),
                new SourceArticle("3", "خبر", ""),
                new SourceArticle("4", "عنوان رابع", "انعقد المؤتمر في دمشق؟ نعم، وحضره ٣٠ وفدا!"));
        List<ArticleTranslation> together = pipeline.translate(articles);
        assertEquals(articles.size(), together.size());
        for (int i = 0; i < articles.size(); i++) {
            assertSameTranslation(pipeline.translate(List.of(articles.get(i))).get(0), together.get(i));
        }
    }

    /** Same text and tokens; scores only within float noise, since padding changes summation order. */
    private static void assertSameTranslation(ArticleTranslation expected, ArticleTranslation actual) {
        assertEquals(expected.titleEn(), actual.titleEn(), expected.id());
        assertEquals(expected.bodyEn(), actual.bodyEn(), expected.id());
        assertEquals(expected.segments().size(), actual.segments().size());
        for (int i = 0; i < expected.segments().size(); i++) {
            SegmentTranslation e = expected.segments().get(i);
            SegmentTranslation a = actual.segments().get(i);
            assertEquals(e.target(), a.target());
            assertEquals(e.generatedTokens(), a.generatedTokens());
            assertEquals(e.notes(), a.notes());
            assertEquals(e.score(), a.score(), 1e-4);
        }
    }

    @Test
    void concurrentCallersShareOnePipelineSafely() throws Exception {
        List<SourceArticle> articles = List.of(
                new SourceArticle("1", "عنوان", "قال الوزير إن المحادثات ستستأنف. وأضاف أن الوفد سيصل غدا."),
                new SourceArticle("2", "خبر", "انعقد المؤتمر في دمشق وحضره ثلاثون وفدا."));
        List<ArticleTranslation> expected = pipeline.translate(articles);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<List<ArticleTranslation>>> futures = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                futures.add(pool.submit(() -> pipeline.translate(articles)));
            }
            for (Future<List<ArticleTranslation>> f : futures) {
                List<ArticleTranslation> got = f.get();
                for (int i = 0; i < expected.size(); i++) {
                    assertSameTranslation(expected.get(i), got.get(i));
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aTwentyThousandWordArticleIsTranslatedWholly() {
        StringBuilder body = new StringBuilder();
        String[] sentences = {"قال الوزير إن المحادثات ستستأنف الأسبوع المقبل.", "وأضاف أن الوفد سيصل غدا إلى العاصمة.",
            "وارتفعت الأسعار بنسبة 3.5 بالمئة؟"};
        int words = 0;
        for (int i = 0; words < 20_000; i++) {
            String s = sentences[i % sentences.length];
            body.append(s).append(i % 10 == 9 ? "\n\n" : " ");
            words += s.split(" ").length;
        }
        ArticleTranslation t = one("", body.toString());
        int expected = new SentenceSplitter().sentences(new ArabicCleaner().clean(body.toString())).size();
        assertEquals(expected, t.segments().size());
        assertTrue(t.segments().stream().noneMatch(s -> s.target().isEmpty()), "every sentence translated");
    }

    @Test
    void fullyDiacritizedNewsTranslates() {
        List<JsonNode> rows = SharedData.jsonl("wikinews-ar-diacritized.jsonl");
        List<SourceArticle> articles = new ArrayList<>();
        for (JsonNode row : rows.subList(0, 5)) {
            articles.add(new SourceArticle(row.path("id").asText(), row.path("title").asText(), row.path("body").asText()));
        }
        List<ArticleTranslation> out = pipeline.translate(articles);
        for (ArticleTranslation t : out) {
            assertFalse(t.segments().isEmpty());
            assertTrue(t.bodyAr().chars().anyMatch(c -> c >= 0x064B && c <= 0x0652), "diacritics kept for the model");
            assertTrue(t.segments().stream().allMatch(s -> s.generatedTokens() > 0), "every sentence sent to the model");
        }
    }

    @Test
    void rawModeRefusesTextLongerThanTheModelTakes() {
        String tooLong = String.join(" ", java.util.Collections.nCopies(2000, "الوزير"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> pipeline.translateRaw(List.of("قال", tooLong)));
        assertTrue(e.getMessage().contains("text 2 has"), e.getMessage());
    }
}
