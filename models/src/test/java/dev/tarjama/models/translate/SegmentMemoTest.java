package dev.tarjama.models.translate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tarjama.models.testing.TinyModels;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A repeated segment is translated once per pipeline, with the same result as without the memo. */
class SegmentMemoTest {

    private static SegmentMemo.Key key(long... ids) {
        return new SegmentMemo.Key(ids);
    }

    @Test
    void keysAreEqualByTheirTokenIds() {
        SegmentMemo<String> memo = new SegmentMemo<>(1000);
        memo.put(key(5, 6, 0), "five six", 10);
        assertEquals("five six", memo.get(key(5, 6, 0)));
        assertNull(memo.get(key(5, 6)));
    }

    @Test
    void theLeastRecentlyUsedEntriesGoOnceTheBudgetIsExceeded() {
        SegmentMemo<String> memo = new SegmentMemo<>(100);
        memo.put(key(1), "a", 40);
        memo.put(key(2), "b", 40);
        memo.get(key(1)); // 2 is now the least recently used
        memo.put(key(3), "c", 40);
        assertEquals("a", memo.get(key(1)));
        assertNull(memo.get(key(2)));
        assertEquals("c", memo.get(key(3)));
        assertEquals(80, memo.bytes());
        memo.put(key(4), "too big", 101);
        assertNull(memo.get(key(4)), "an entry over the whole budget is not kept");
        assertEquals(2, memo.size());
        SegmentMemo<String> off = new SegmentMemo<>(0);
        off.put(key(1), "a", 1);
        assertEquals(0, off.size());
    }

    private static TranslationPipeline open(long memoBytes) {
        return TranslationPipeline.open(TranslatorSpec.builder().setModelDir(TinyModels.MARIAN_XENOVA.toString())
                .optNumBeams(2).optMaxNewTokens(12).optBatchLimits(2048, 16).optMemoBytes(memoBytes).build());
    }

    /** News with boilerplate: an agency credit and a disclaimer that recur across articles. */
    private static final String CREDIT = "المصدر: وكالة الأنباء الرسمية.";
    private static final String NOTE = "جميع الحقوق محفوظة للنشر.";

    private static List<SourceArticle> articles() {
        return List.of(
                new SourceArticle("1", "أخبار اليوم", "قال الوزير إن المحادثات ستستأنف. " + CREDIT + "\n\n" + NOTE),
                new SourceArticle("2", "أخبار اليوم", "ارتفعت الأسعار في الأسواق المحلية. " + CREDIT + "\n\n" + NOTE),
                new SourceArticle("3", "الطقس", "درجات الحرارة مرتفعة اليوم. " + CREDIT));
    }

    @Test
    void repeatsAreTranslatedOnceAndGiveWhatTheModelGivesWithoutTheMemo() {
        try (TranslationPipeline memo = open(1 << 20); TranslationPipeline plain = open(0)) {
            List<ArticleTranslation> with = memo.translate(articles());
            List<ArticleTranslation> without = plain.translate(articles());
            // Repeats within the call: title "أخبار اليوم" once, CREDIT twice, NOTE once.
            assertEquals(List.of(0, 3, 1), with.stream().map(ArticleTranslation::memoHits).toList());
            assertEquals(List.of(0, 0, 0), without.stream().map(ArticleTranslation::memoHits).toList());
            assertSame(without, with);

            List<ArticleTranslation> again = memo.translate(articles());
            assertEquals(List.of(4, 4, 3), again.stream().map(ArticleTranslation::memoHits).toList(),
                    "every segment of a second call comes from the memo");
            assertSame(without, again);
        }
    }

    /** Same texts, ids and notes; scores within float noise, as for any change of batch (padding). */
    private static void assertSame(List<ArticleTranslation> expected, List<ArticleTranslation> actual) {
        assertEquals(expected.size(), actual.size());
        for (int a = 0; a < expected.size(); a++) {
            assertEquals(expected.get(a).titleEn(), actual.get(a).titleEn());
            assertEquals(expected.get(a).bodyEn(), actual.get(a).bodyEn());
            List<SegmentTranslation> e = expected.get(a).segments();
            List<SegmentTranslation> s = actual.get(a).segments();
            assertEquals(e.size(), s.size());
            for (int i = 0; i < e.size(); i++) {
                assertEquals(e.get(i).target(), s.get(i).target());
                assertArrayEquals(e.get(i).ids(), s.get(i).ids());
                assertEquals(e.get(i).notes(), s.get(i).notes());
                assertEquals(e.get(i).sourceTokens(), s.get(i).sourceTokens());
                assertEquals(e.get(i).score(), s.get(i).score(), 1e-4);
            }
        }
    }

    @Test
    void theMemoStaysWithinItsBudgetOverManyDistinctSegments() {
        try (TranslationPipeline small = open(20_000)) {
            List<SourceArticle> many = new ArrayList<>();
            String[] words = {"الوزير", "المحادثات", "الأسعار", "الحكومة", "الاقتصاد", "القاهرة", "الأسبوع"};
            for (int i = 0; i < 60; i++) {
                many.add(new SourceArticle("a" + i, "", words[i % 7] + " " + words[(i / 7) % 7] + " " + i + "."));
            }
            small.translate(many);
            // Reached through the pipeline's only memo; the estimate per entry is a few hundred bytes.
            assertTrue(small.memoBytes() <= 20_000, "memo holds " + small.memoBytes() + " bytes");
            assertTrue(small.memoBytes() > 10_000, "memo was used: " + small.memoBytes());
        }
    }
}
