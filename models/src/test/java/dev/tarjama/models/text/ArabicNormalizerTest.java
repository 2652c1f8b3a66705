package dev.tarjama.models.text;

import dev.tarjama.models.testing.SharedData;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ArabicNormalizerTest {

    @Test
    void removesEveryHarakaAndSuperscriptAlef() {
        StringBuilder marks = new StringBuilder();
        for (char c = '\u064B'; c <= '\u0652'; c++) {
            marks.append(c);
        }
        assertEquals("كتب", ArabicNormalizer.normalize("ك" + marks + "ت\u0670ب"));
        assertEquals("هذا", ArabicNormalizer.normalize("هٰذَا"));
    }

    @Test
    void unifiesLetterVariantsAndRemovesTatweel() {
        assertEquals("ااااا علي مدرسه", ArabicNormalizer.normalize("أإآٱا علـــى مدرسة"));
        assertEquals("ي ك", ArabicNormalizer.normalize("ی ک"));
        assertEquals("مؤتمر شاطئ", ArabicNormalizer.normalize("مؤتمر شاطئ"), "hamza on waw/yaa is kept");
    }

    @Test
    void mapsAllDigitFamiliesToWesternDigits() {
        assertEquals("2024 2024 2024", ArabicNormalizer.normalize("٢٠٢٤ ۲۰۲۴ 2024"));
    }

    @Test
    void collapsesWhitespaceAndDropsInvisibleCharacters() {
        assertEquals("سلام عليكم", ArabicNormalizer.normalize(" \n سلام\u200F\t\u00A0\n عليكم\uFEFF "));
    }

    @Test
    void foldsPresentationFormsFromPdfText() {
        assertEquals("سلام", ArabicNormalizer.normalize("\uFEB3\uFEFC\uFEE1"));
    }

    @Test
    void normalizeDigitsKeepsLengthAndMapsSeparators() {
        assertEquals("3.5 1,000 123 45% 2024", ArabicNormalizer.normalizeDigits("٣٫٥ ١٬٠٠٠ ۱۲۳ ٤٥٪ 2024"));
        String mixed = "بلغ ٣٫٥ مليون";
        assertEquals(mixed.length(), ArabicNormalizer.normalizeDigits(mixed).length());
        assertEquals("بلغ 3.5 مليون", ArabicNormalizer.normalizeDigits(mixed), "letters and diacritics are untouched");
        assertEquals(Double.parseDouble(ArabicNormalizer.normalizeDigits("٣٫٥")), 3.5);
    }

    @Test
    void nullIsRejectedAndEmptyStaysEmpty() {
        assertThrows(IllegalArgumentException.class, () -> ArabicNormalizer.normalize(null));
        assertThrows(IllegalArgumentException.class, () -> ArabicNormalizer.normalizeDigits(null));
        assertEquals("", ArabicNormalizer.normalize(" \n\t"));
        assertEquals("", ArabicNormalizer.normalizeDigits(""));
    }

    @Test
    void diacritizedWikinewsMatchesItsUndiacritizedTwin() {
        List<JsonNode> rows = SharedData.jsonl("wikinews-ar-diacritized.jsonl");
        int words = 0;
        int same = 0;
        int identicalBodies = 0;
        for (JsonNode row : rows) {
            String diacritized = ArabicNormalizer.normalize(row.get("body").asText());
            String plain = ArabicNormalizer.normalize(row.get("body_undiacritized").asText());
            identicalBodies += diacritized.equals(plain) ? 1 : 0;
            Set<String> plainWords = new HashSet<>(Arrays.asList(plain.split(" ")));
            for (String w : diacritized.split(" ")) {
                words++;
                same += plainWords.contains(w) ? 1 : 0;
            }
            assertTrue(diacritized.chars().noneMatch(c -> ArabicNormalizer.isDiacritic((char) c)), row.get("id").asText());
        }
        double rate = (double) same / words;
        System.out.printf("Wikinews: %d/%d bodies identical after normalize, %.4f of %d words found%n",
                identicalBodies, rows.size(), rate, words);
        assertEquals(72, rows.size());
        assertEquals(rows.size(), identicalBodies, "every diacritized body normalizes to its plain twin");
        assertTrue(rate >= 0.99, "word match rate " + rate);
    }
}
