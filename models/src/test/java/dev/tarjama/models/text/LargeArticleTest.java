package dev.tarjama.models.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Guards against quadratic behaviour: a 20,000-word article (and a 20,000-word "sentence" with no
 * punctuation at all) must go through the whole text preparation in well under the limit. The limit
 * is generous on purpose (shared CI cores); a quadratic pass over ~120,000 characters would need
 * ~10^10 steps and blow it. Speed itself is measured by the bench command, not here.
 */
class LargeArticleTest {

    private static final String[] WORDS = {"أكد", "نائب", "وزير", "الدفاع", "أن", "سلاح", "الجو", "على", "اتصال", "مستمر",
        "مع", "الجيش", "خلال", "الضربات", "٣٫٥", "مليون", "«قال", "لا»", "د.", "محمد", "\uD83D\uDE00", "<b>مهم</b>", "&amp;"};

    private static String article(int words, boolean punctuated) {
        StringBuilder sb = new StringBuilder("الشريط الاخباريسلايدسورية\n\nعنوان\n\n");
        for (int i = 0; i < words; i++) {
            sb.append(WORDS[i % WORDS.length]);
            if (punctuated && i % 25 == 24) {
                sb.append(i % 100 == 99 ? ".\n\n" : i % 50 == 49 ? "؟ " : ". ");
            } else if (punctuated && i % 7 == 6) {
                sb.append("، ");
            } else {
                sb.append(' ');
            }
        }
        return sb.toString();
    }

    private static int prepare(String raw) {
        String cleaned = new ArabicCleaner().clean(raw);
        List<Paragraph> paragraphs = new SentenceSplitter().split(cleaned);
        List<Chunk> chunks = new SegmentPacker(SegmentPackerTest.WORDS_PLUS_EOS, 64).packParagraphs(paragraphs);
        List<Batch> batches = new BatchPlanner(2048, 32).plan(List.of(chunks));
        assertTrue(chunks.stream().allMatch(c -> c.tokens() <= 64));
        assertEquals(chunks.size(), batches.stream().mapToInt(Batch::rows).sum());
        Reassembled r = Reassembler.reassemble(0, chunks, java.util.Map.of());
        assertEquals(chunks.size(), r.missingPieces());
        return chunks.size();
    }

    @Test
    void aTwentyThousandWordArticleIsPreparedQuickly() {
        String raw = article(20_000, true);
        int chunks = assertTimeoutPreemptively(Duration.ofSeconds(10), () -> prepare(raw));
        assertTrue(chunks >= 700, "about one chunk per sentence (800 terminators, some inside quotes): " + chunks);
    }

    @Test
    void twentyThousandWordsWithoutPunctuationArePackedWithoutTruncation() {
        String raw = article(20_000, false).replace("د.", "د");
        int chunks = assertTimeoutPreemptively(Duration.ofSeconds(10), () -> prepare(raw));
        assertTrue(chunks >= 20_000 / 63, "pieces: " + chunks);
    }

    @Test
    void pathologicalLinesStayLinear() {
        String dots = "a.".repeat(100_000);
        String quotes = "«لا. ".repeat(30_000);
        String oneLine = "الشريط الاخباري" + "كلمة ".repeat(100_000);
        assertTimeoutPreemptively(Duration.ofSeconds(10), () -> {
            assertEquals(1, new SentenceSplitter().sentences(dots).size());
            assertTrue(new SentenceSplitter().sentences(quotes).size() > 1);
            assertTrue(new ArabicCleaner().clean(oneLine).startsWith("كلمة"));
        });
    }
}
