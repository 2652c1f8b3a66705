package dev.tarjama.models.text;

import dev.tarjama.models.testing.SharedData;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class SentenceSplitterTest {

    private final SentenceSplitter splitter = new SentenceSplitter();

    private List<String> texts(String text) {
        return splitter.sentences(text).stream().map(Sentence::text).collect(Collectors.toList());
    }

    @Test
    void endsSentencesAtEveryTerminator() {
        assertEquals(List.of("وصل الوفد.", "هل وصل؟", "نعم!", "Really?", "ثم؛", "انتظر…", "ثم ماذا...", "انتهى"),
                texts("وصل الوفد. هل وصل؟ نعم! Really? ثم؛ انتظر… ثم ماذا... انتهى"));
    }

    @Test
    void semicolonRuleIsConfigurable() {
        SentenceSplitter keep = new SentenceSplitter(SentenceRules.defaults().withSemicolonEndsSentence(false));
        assertEquals(1, keep.sentences("قال الوزير؛ لن نتراجع.").size());
        assertEquals(2, splitter.sentences("قال الوزير؛ لن نتراجع.").size());
    }

    @Test
    void lineBreaksEndSentencesAndBlankLinesEndParagraphs() {
        String text = "العنوان\n\nالجملة الأولى. الجملة الثانية\nالسطر الثاني.\n\nفقرة أخيرة.";
        List<Paragraph> paragraphs = splitter.split(text);
        assertEquals(3, paragraphs.size());
        assertEquals(List.of("الجملة الأولى.", "الجملة الثانية", "السطر الثاني."),
                paragraphs.get(1).sentences().stream().map(Sentence::text).collect(Collectors.toList()));
        Sentence s = paragraphs.get(1).sentences().get(2);
        assertEquals(1, s.paragraph());
        assertEquals(2, s.index());
        assertEquals(s.text(), text.substring(s.start(), s.end()));
        assertEquals(2, paragraphs.get(2).index());
        assertEquals(0, paragraphs.get(2).sentences().get(0).index());
    }

    @Test
    void doesNotSplitInsideNumbers() {
        assertEquals(1, splitter.sentences("بلغ النمو 3.5 في المئة و٣٫٥ و٣.٥ و1.000 دولار.").size());
    }

    @Test
    void doesNotSplitAfterAbbreviations() {
        assertEquals(List.of("Mr. Smith met Dr. Jones in the U.S. Army base.", "J. K. Rowling agreed."),
                texts("Mr. Smith met Dr. Jones in the U.S. Army base. J. K. Rowling agreed."));
        assertEquals(List.of("التقى د. محمد بـ م. أحمد و أ. علي.", "ثم غادر."),
                texts("التقى د. محمد بـ م. أحمد و أ. علي. ثم غادر."));
    }

    @Test
    void aLatinCapitalBeforeArabicTextEndsTheSentence() {
        assertEquals(2, splitter.sentences("حصل الطلاب على A. يبين هذا التفوق.").size());
    }

    @Test
    void listMarkersAtLineStartDoNotSplit() {
        assertEquals(List.of("1. البند الأول", "2. البند الثاني"), texts("1. البند الأول\n2. البند الثاني"));
    }

    @Test
    void closingQuotesAndBracketsStayWithTheirSentence() {
        assertEquals(List.of("قال: «لن نتراجع.»", "ثم غادر."), texts("قال: «لن نتراجع.» ثم غادر."));
        assertEquals(List.of("قال: \"لن نتراجع.\"", "ثم غادر."), texts("قال: \"لن نتراجع.\" ثم غادر."));
        assertEquals(List.of("(وهذا مؤكد.)", "ثم غادر."), texts("(وهذا مؤكد.) ثم غادر."));
        assertEquals(List.of("قال “جميع ضرباتنا دقيقة” .", "ثم غادر."), texts("قال “جميع ضرباتنا دقيقة” . ثم غادر."));
    }

    @Test
    void aTerminatorWhoseQuoteClosesWithinAWordDoesNotSplit() {
        assertEquals(List.of("قال: «لا. أبدا» وغادر."), texts("قال: «لا. أبدا» وغادر."));
        assertEquals(List.of("قال: «لن نتراجع عن موقفنا.", "سنواصل العمل حتى النهاية» وغادر."),
                texts("قال: «لن نتراجع عن موقفنا. سنواصل العمل حتى النهاية» وغادر."));
    }

    @Test
    void shortAttributionAfterAQuestionOrExclamationContinuesTheSentence() {
        assertEquals(1, splitter.sentences("\"هل أحصل على خصم؟\" تساءلت.").size());
        assertEquals(1, splitter.sentences("\"لقد رأيت سمكة قرش في المياه!\" كما أضاف هام.").size());
        assertEquals(1, splitter.sentences("\"Bitten!\" he said.").size());
        assertEquals(2, splitter.sentences("\"ما الذي يجعلك تعتقد ذلك؟\" أجاب مواطن عالمي بأن الطريق طويل.").size(),
                "a verb-initial sentence after the quote is a new sentence");
        assertEquals(2, splitter.sentences("\"لقد ألقينا نظرة على الأرقام.\" قالت ساندرز إن الجلسات ستستمر.").size(),
                "a full stop inside the quote always ends the sentence");
    }

    @Test
    void gluedArabicSentencesSplitButDomainsDoNot() {
        assertEquals(2, splitter.sentences("انتهى الاجتماع.وبدأ المؤتمر.").size());
        assertEquals(1, splitter.sentences("زوروا example.com أو jo@samaritans.org للمزيد.").size());
    }

    @Test
    void emojiAndTextWithoutArabicSplitCleanly() {
        assertEquals(List.of("رائع \uD83D\uDE00!", "جدا \uD83D\uDC4D\uD83C\uDFFD."), texts("رائع \uD83D\uDE00! جدا \uD83D\uDC4D\uD83C\uDFFD."));
        assertEquals(List.of("The vote is today.", "Results follow at 7 p.m. local time."),
                texts("The vote is today. Results follow at 7 p.m. local time."));
    }

    @Test
    void strayPunctuationJoinsThePreviousSentence() {
        assertEquals(List.of("انتهى. . .", "ثم بدأ."), texts("انتهى. . . ثم بدأ."));
    }

    @Test
    void nullIsRejectedAndBlankGivesNothing() {
        assertThrows(IllegalArgumentException.class, () -> splitter.split(null));
        assertEquals(List.of(), splitter.split(""));
        assertEquals(List.of(), splitter.split(" \n\n \t\n"));
    }

    @Test
    void neverLosesTextOnRealArticles() {
        ArabicCleaner cleaner = new ArabicCleaner();
        assertLossless(cleaner.clean(SharedData.text("seed-article-ar.txt")));
        for (JsonNode row : SharedData.jsonl("ntrex-ar-en-dev.jsonl")) {
            assertLossless(row.get("body_ar").asText());
        }
        for (JsonNode row : SharedData.jsonl("wikinews-ar-diacritized.jsonl")) {
            assertLossless(row.get("body").asText());
        }
        assertLossless("«أ. ب.» (١٫٥.) \"!\" ... ؟؟ \uD83D\uDE00. Mr. . U.S. ق.م. 3.");
    }

    @Test
    void diacriticsDoNotChangeWhereSentencesEnd() {
        for (JsonNode row : SharedData.jsonl("wikinews-ar-diacritized.jsonl")) {
            List<Sentence> diacritized = splitter.sentences(row.get("body").asText());
            List<Sentence> plain = splitter.sentences(row.get("body_undiacritized").asText());
            assertEquals(plain.size(), diacritized.size(), row.get("id").asText());
            for (int i = 0; i < plain.size(); i++) {
                assertEquals(ArabicNormalizer.normalize(plain.get(i).text()), ArabicNormalizer.normalize(diacritized.get(i).text()));
            }
        }
    }

    @Test
    void seedArticleHasAHeadlineParagraphAndEightBodySentences() {
        String cleaned = new ArabicCleaner().clean(SharedData.text("seed-article-ar.txt"));
        List<Paragraph> paragraphs = splitter.split(cleaned);
        assertEquals(2, paragraphs.size());
        assertEquals(1, paragraphs.get(0).sentences().size());
        assertEquals(8, paragraphs.get(1).sentences().size());
        assertTrue(paragraphs.get(1).sentences().get(1).text().endsWith("منتظم” ."));
    }

    private void assertLossless(String text) {
        List<Paragraph> paragraphs = splitter.split(text);
        StringBuilder joined = new StringBuilder();
        int lastEnd = 0;
        for (Paragraph p : paragraphs) {
            for (Sentence s : p.sentences()) {
                assertEquals(s.text(), text.substring(s.start(), s.end()));
                assertTrue(s.start() >= lastEnd, "sentences are ordered and disjoint");
                assertTrue(text.substring(lastEnd, s.start()).isBlank(), "only whitespace between sentences");
                lastEnd = s.end();
                joined.append(s.text()).append(' ');
            }
        }
        assertEquals(text.replaceAll("\\s+", ""), joined.toString().replaceAll("\\s+", ""));
    }
}
