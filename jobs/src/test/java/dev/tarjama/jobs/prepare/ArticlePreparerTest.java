package dev.tarjama.jobs.prepare;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tarjama.jobs.input.InputRecord;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class ArticlePreparerTest {
    private final ArticlePreparer preparer = new ArticlePreparer(1000, 0.3, LocalDate.of(2025, 1, 15));

    private static InputRecord record(String id, String title, String body, String published) {
        return new InputRecord(id, title, body, null, null, published, "f.jsonl@0", null);
    }

    @Test
    void anArticleWithoutIdGetsAStableIdFromItsContent() {
        PreparedArticle a = preparer.prepare(record(null, "عنوان", "نص  الخبر", null));
        PreparedArticle b = preparer.prepare(record(null, "عنوان", "نص الخبر\n", null));
        assertTrue(a.articleId().startsWith("h-"));
        assertEquals(a.articleId(), b.articleId(), "whitespace differences hash the same");
        assertEquals(List.of("id_from_hash"), a.flags());
        assertNull(a.verdict());
    }

    @Test
    void theDatePartitionComesFromPublishedAtElseTheRunDate() {
        assertEquals("2024-12-31", preparer.prepare(record("a", "عنوان", "نص", "2025-01-01T01:00:00+03:00")).dt());
        assertEquals("2024-06-01", preparer.prepare(record("a", "عنوان", "نص", "2024-06-01 10:00:00")).dt());
        assertEquals("2024-06-01", preparer.prepare(record("a", "عنوان", "نص", "2024-06-01")).dt());
        assertEquals("2025-01-15", preparer.prepare(record("a", "عنوان", "نص", null)).dt());
        PreparedArticle bad = preparer.prepare(record("a", "عنوان", "نص", "last Tuesday"));
        assertEquals("2025-01-15", bad.dt());
        assertEquals(List.of("bad_published_at"), bad.flags());
        assertNull(bad.publishedAtMicros());
    }

    @Test
    void screeningDecidesWhatNeverReachesTheModel() {
        assertEquals(Status.TOO_LARGE, preparer.prepare(record("a", "عنوان", "ب".repeat(1001), null)).verdict().reason());
        assertEquals(Status.BINARY_CONTENT, preparer.prepare(record("a", "", "\u0000\u0001\u0002نص", null)).verdict().reason());
        assertEquals(Status.EMPTY, preparer.prepare(record("a", " ", null, null)).verdict().reason());
        assertEquals(Status.NOT_ARABIC, preparer.prepare(record("a", "Hello", "English only.", null)).verdict().reason());
        assertEquals(Status.NOT_ARABIC, preparer.prepare(record("a", "123", "456", null)).verdict().reason());
        assertNull(preparer.prepare(record("a", "عنوان", null, null)).verdict(), "a title alone is translated");
        assertNull(preparer.prepare(record("a", "عنوان الخبر عن شركة Apple", "نص عن iPhone", null)).verdict(),
                "some Latin inside Arabic text is fine");
        PreparedArticle malformed = preparer.prepare(InputRecord.malformed(null, "f.jsonl@42", "not valid JSON"));
        assertEquals("ref:f.jsonl@42", malformed.articleId());
        assertEquals(Status.MALFORMED_RECORD, malformed.verdict().reason());
        assertEquals(0, malformed.cost());
    }

    @Test
    void ofRecordsSharingAnIdTheFirstWellFormedOneIsKept() {
        PreparedArticle broken = preparer.prepare(new InputRecord("x", null, null, null, null, null, "f@0",
                "wrong types"));
        PreparedArticle later = preparer.prepare(new InputRecord("x", "عنوان", "نص", null, null, null, "f@90", null));
        PreparedArticle earlier = preparer.prepare(new InputRecord("x", "عنوان", "نص آخر", null, null, null, "f@10", null));
        List<PreparedArticle> settled = InputResolver.settle(List.of(broken, later, earlier), null);
        assertEquals("f@10", settled.get(0).inputRef());
        assertNull(settled.get(0).verdict());
        assertEquals(Status.DUPLICATE_ID, settled.get(1).verdict().reason());
        assertEquals(Status.DUPLICATE_ID, settled.get(2).verdict().reason());
        assertTrue(settled.get(2).verdict().message().contains("wrong types"));
    }
}
