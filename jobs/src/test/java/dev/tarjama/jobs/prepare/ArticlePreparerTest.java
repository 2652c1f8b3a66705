package dev.tarjama.jobs.prepare;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tarjama.jobs.input.InputRecord;
import dev.tarjama.jobs.input.InputRef;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class ArticlePreparerTest {
    private final ArticlePreparer preparer = new ArticlePreparer(1000, 0.3, LocalDate.of(2025, 1, 15));

    private static InputRecord record(String id, String title, String body, String published) {
        return new InputRecord(id, title, body, null, null, published, InputRef.byteOffset("f.jsonl", 0), null);
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
        assertFalse(preparer.prepare(record("a", "عنوان", "نص", "2024-06-01")).dtFromRunDate());
        PreparedArticle undated = preparer.prepare(record("a", "عنوان", "نص", null));
        assertEquals("2025-01-15", undated.dt());
        assertTrue(undated.dtFromRunDate(), "the writer can tell an undated article's dt from a published one");
        PreparedArticle bad = preparer.prepare(record("a", "عنوان", "نص", "last Tuesday"));
        assertEquals("2025-01-15", bad.dt());
        assertTrue(bad.dtFromRunDate());
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
        PreparedArticle malformed = preparer.prepare(InputRecord.malformed(null, InputRef.byteOffset("f.jsonl", 42), "not valid JSON"));
        assertEquals("ref:f.jsonl@42", malformed.articleId());
        assertEquals(Status.MALFORMED_RECORD, malformed.verdict().reason());
        assertEquals(0, malformed.cost());
    }

    private PreparedArticle at(String id, String file, long offset, String body) {
        return preparer.prepare(new InputRecord(id, "عنوان", body, null, null, null, InputRef.byteOffset(file, offset),
                null));
    }

    @Test
    void ofRecordsSharingAnIdTheLastInInputOrderIsKeptComparingOffsetsAsNumbers() {
        PreparedArticle at88 = at("x", "y.jsonl", 88, "نص أول");
        PreparedArticle at1040 = at("x", "y.jsonl", 1040, "نص مصحح");
        // As text "y.jsonl@88" sorts after "y.jsonl@1040": the comparison must be numeric.
        List<PreparedArticle> settled = InputResolver.settle(List.of(at1040, at88), null);
        assertEquals("y.jsonl@1040", settled.get(0).inputRef());
        assertNull(settled.get(0).verdict());
        assertEquals(Status.DUPLICATE_ID, settled.get(1).verdict().reason());
        assertEquals("y.jsonl@88", settled.get(1).inputRef());
        assertTrue(settled.get(1).verdict().message().contains("y.jsonl@1040"), settled.get(1).verdict().message());
    }

    @Test
    void filesComeInPathOrderBeforeOffsets() {
        PreparedArticle early = at("x", "a/y.jsonl", 5000, "نص أول");
        PreparedArticle late = at("x", "b/y.jsonl", 10, "نص ثان");
        assertEquals("b/y.jsonl@10", InputResolver.settle(List.of(late, early), null).get(0).inputRef());
        assertEquals("b/y.jsonl@10", InputResolver.settle(List.of(early, late), null).get(0).inputRef());
    }

    @Test
    void aRecordThatCouldNotBeReadNeverReplacesOneThatCould() {
        PreparedArticle good = at("x", "y.jsonl", 88, "نص");
        PreparedArticle broken = preparer.prepare(new InputRecord("x", null, null, null, null, null,
                InputRef.byteOffset("y.jsonl", 1040), "wrong types"));
        List<PreparedArticle> settled = InputResolver.settle(List.of(broken, good), null);
        assertEquals("y.jsonl@88", settled.get(0).inputRef());
        assertNull(settled.get(0).verdict());
        assertEquals(Status.DUPLICATE_ID, settled.get(1).verdict().reason());
        assertTrue(settled.get(1).verdict().message().contains("wrong types"), "its own problem is kept in the message");
    }
}
