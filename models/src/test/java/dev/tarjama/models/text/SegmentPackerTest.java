package dev.tarjama.models.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.function.ToIntFunction;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class SegmentPackerTest {

    static final ToIntFunction<String> WORDS = s -> s.isBlank() ? 0 : s.trim().split("\\s+").length;
    /** A tokenizer-like counter: words plus one end-of-sequence token. */
    static final ToIntFunction<String> WORDS_PLUS_EOS = s -> WORDS.applyAsInt(s) + 1;

    private static Sentence sentence(String text) {
        return new Sentence(0, 0, 0, text.length(), text);
    }

    private static List<String> pieces(List<Chunk> chunks) {
        return chunks.stream().map(Chunk::text).collect(Collectors.toList());
    }

    @Test
    void aSentenceThatFitsIsOneUnsplitChunk() {
        List<Chunk> chunks = new SegmentPacker(WORDS, 5).pack(sentence("قال الوزير إن الاجتماع انتهى"));
        assertEquals(1, chunks.size());
        Chunk c = chunks.get(0);
        assertFalse(c.split());
        assertEquals(0, c.piece());
        assertEquals(5, c.tokens());
    }

    @Test
    void aLongSentenceSplitsAtClauseMarksIntoTheFewestBalancedPieces() {
        // Clauses of 3,1,1,1,1,1 words; greedy filling would give 6+2, balanced is 4+4.
        String text = "أ ب ج، د، ه، و، ز، ح";
        List<Chunk> chunks = new SegmentPacker(WORDS, 6).pack(sentence(text));
        assertEquals(List.of("أ ب ج، د،", "ه، و، ز، ح"), pieces(chunks));
        assertTrue(chunks.stream().allMatch(Chunk::split));
        assertEquals(List.of(0, 1), chunks.stream().map(Chunk::piece).collect(Collectors.toList()));
        assertEquals(List.of(2, 2), chunks.stream().map(Chunk::pieces).collect(Collectors.toList()));
    }

    @Test
    void splitsAtLatinCommasAndSemicolonsButNotInsideNumbers() {
        List<Chunk> chunks = new SegmentPacker(WORDS, 3).pack(sentence("بلغ 299,200 نسمة; a b c"));
        assertEquals(List.of("بلغ 299,200 نسمة;", "a b c"), pieces(chunks));
    }

    @Test
    void clausesStillTooLongAreSplitBetweenWords() {
        String text = "w1 w2 w3 w4 w5 w6 w7 w8 w9 w10";
        List<Chunk> chunks = new SegmentPacker(WORDS, 4).pack(sentence(text));
        assertEquals(3, chunks.size());
        assertTrue(chunks.stream().allMatch(c -> c.tokens() <= 4));
        assertEquals(text, String.join(" ", pieces(chunks)));
    }

    @Test
    void aWordLongerThanTheLimitIsSplitBetweenCodePointsNeverInsideASurrogatePair() {
        String emoji = "\uD83D\uDE00".repeat(10) + "\uD83D\uDC4D".repeat(5);
        ToIntFunction<String> codePoints = s -> (int) s.strip().codePoints().count();
        List<Chunk> chunks = new SegmentPacker(codePoints, 4).pack(sentence(emoji));
        assertEquals(4, chunks.size());
        for (Chunk c : chunks) {
            assertTrue(c.tokens() <= 4);
            assertFalse(Character.isLowSurrogate(c.text().charAt(0)), "piece starts inside a surrogate pair");
            assertFalse(Character.isHighSurrogate(c.text().charAt(c.text().length() - 1)));
        }
        assertEquals(emoji, String.join("", pieces(chunks)));
    }

    @Test
    void aCounterWithFixedOverheadStillGetsTheFewestPiecesThatFit() {
        String text = "a b c, d e f, g h i, j k l";
        List<Chunk> chunks = new SegmentPacker(WORDS_PLUS_EOS, 7).pack(sentence(text));
        assertEquals(List.of("a b c, d e f,", "g h i, j k l"), pieces(chunks));
        assertTrue(chunks.stream().allMatch(c -> c.tokens() == 7));
    }

    @Test
    void anEstimateThatIsTooLowIsCorrectedByRecounting() {
        // Costs a word 1 alone but 2 inside a longer text: the additive estimate is too low.
        ToIntFunction<String> superAdditive = s -> {
            int w = WORDS.applyAsInt(s);
            return w <= 1 ? w : 2 * w;
        };
        String text = "a b c d e f g h";
        List<Chunk> chunks = new SegmentPacker(superAdditive, 6).pack(sentence(text));
        assertTrue(chunks.stream().allMatch(c -> c.tokens() <= 6), pieces(chunks).toString());
        assertEquals(text, String.join(" ", pieces(chunks)));
    }

    @Test
    void neverTruncatesAndKeepsParagraphAndSentenceNumbers() {
        String text = "في هذا اليوم، وصل الوفد إلى دمشق، حيث التقى بالمسؤولين، ثم عقد مؤتمرا صحفيا طويلا جدا جدا.";
        Sentence s = new Sentence(3, 7, 100, 100 + text.length(), text);
        for (int max = 1; max <= 20; max++) {
            List<Chunk> chunks = new SegmentPacker(WORDS, max).pack(s);
            assertEquals(text.replaceAll("\\s+", ""), String.join("", pieces(chunks)).replaceAll("\\s+", ""));
            for (Chunk c : chunks) {
                assertEquals(3, c.paragraph());
                assertEquals(7, c.sentence());
                assertTrue(c.tokens() <= max);
            }
        }
    }

    @Test
    void rejectsInvalidArguments() {
        assertThrows(IllegalArgumentException.class, () -> new SegmentPacker(WORDS, 0));
        assertThrows(IllegalArgumentException.class, () -> new SegmentPacker(null, 5));
    }
}
