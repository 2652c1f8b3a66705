package dev.tarjama.models.text;

import dev.tarjama.models.testing.SharedData;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ArabicCleanerTest {

    private final ArabicCleaner cleaner = new ArabicCleaner();

    @Test
    void removesTagsAndTheContentOfScriptAndStyle() {
        String html = "<div class=\"x\"><script>var a = '<b>';</script><style>p{color:red}</style>"
                + "<b>عاجل</b> وصل <a href=\"/x\">الوفد</a> إلى دمشق<!-- ad --></div>";
        assertEquals("عاجل وصل الوفد إلى دمشق", cleaner.clean(html));
    }

    @Test
    void blockTagsBecomeParagraphsAndBrBecomesALineBreak() {
        assertEquals("العنوان\n\nالسطر الأول\nالسطر الثاني",
                cleaner.clean("<h1>العنوان</h1><p>السطر الأول<br/>السطر الثاني</p>"));
    }

    @Test
    void decodesNamedAndNumericEntitiesOnce() {
        assertEquals("«سلام» & \"كلام\" — ا ا – &lt;",
                cleaner.clean("&laquo;سلام&raquo; &amp; &quot;كلام&quot;&nbsp;&mdash; &#1575; &#x627; &#150; &amp;lt;"));
    }

    @Test
    void keepsTextThatOnlyLooksLikeMarkup() {
        assertEquals("5 < 7 و &unknown; باق", cleaner.clean("5 < 7 و &unknown; باق"));
    }

    @Test
    void removesControlZeroWidthAndBidiCharacters() {
        String invisible = "\u200B\u200C\u200D\u200E\u200F\u202A\u202B\u202C\u202D\u202E\u2066\u2067\u2068\u2069\u061C\uFEFF\u0007\u0000\u0085x";
        assertEquals("كتابx", cleaner.clean("كت" + invisible.substring(0, 8) + "اب" + invisible.substring(8)).replace("\n", ""));
        assertEquals("سلام عليكم", cleaner.clean("\uFEFFسلام\u200F \u202Bعليكم\u202C\u0001"));
    }

    @Test
    void removesTatweelButKeepsDiacriticsAndLetterForms() {
        assertEquals("جَمِيلٌ أإآى ة", cleaner.clean("جَـمِـيـلٌ أإآى ة"));
    }

    @Test
    void collapsesSpacesTrimsLinesAndKeepsParagraphBreaks() {
        String raw = "  سطر \t\u00A0 أول  \r\nسطر ثان\n \n\n\t\nفقرة ثانية   \n\n\n";
        assertEquals("سطر أول\nسطر ثان\n\nفقرة ثانية", cleaner.clean(raw));
    }

    @Test
    void keepsEmojiZwjSequencesButNotZwjBetweenLetters() {
        String family = "\uD83D\uDC68\u200D\uD83D\uDC69\u200D\uD83D\uDC67";
        assertEquals("عائلة " + family + " سعيدة", cleaner.clean("عائلة " + family + " سع\u200Dيدة"));
    }

    @Test
    void leavesTextWithoutArabicAlone() {
        assertEquals("Mr. Smith went to Washington. He said: \"yes\".",
                cleaner.clean("Mr. Smith went to  Washington.\tHe said: \"yes\"."));
    }

    @Test
    void nullIsRejectedAndBlankGivesEmpty() {
        assertThrows(IllegalArgumentException.class, () -> cleaner.clean(null));
        assertEquals("", cleaner.clean(""));
        assertEquals("", cleaner.clean(" \n\t\u00A0\u200B\n "));
    }

    @Test
    void seedArticleLosesItsGluedHeaderAndKeepsHeadlineAndParagraphs() {
        String raw = SharedData.text("seed-article-ar.txt");
        assertTrue(raw.startsWith("الشريط الاخباريسلايدسورية"), "the fixture still starts with the glued header");
        String cleaned = cleaner.clean(raw);
        String[] paragraphs = cleaned.split("\n\n");
        assertEquals(2, paragraphs.length, cleaned);
        assertEquals("الدفاع الروسية : نحن اتصال دائم مع الجيش السوري خلال ضرب مواقع الإرهاب", paragraphs[0]);
        assertTrue(paragraphs[1].startsWith("أكد نائب وزير الدفاع الروسي"), paragraphs[1]);
        assertEquals(8, paragraphs[1].split("\n").length);
        assertFalse(cleaned.contains("الشريط") || cleaned.contains("سلايد"));
    }

    @Test
    void headerGluedToTheHeadlineIsCutAtTheGlue() {
        assertEquals("الدفاع الروسية : نحن على اتصال\n\nنص الخبر.",
                cleaner.clean("الشريط الاخباريسلايدسوريةالدفاع الروسية : نحن على اتصال\n\nنص الخبر."));
        assertEquals("وزير الخارجية يصل إلى بغداد\nنص الخبر.",
                cleaner.clean("الشريط الإخباري وزير الخارجية يصل إلى بغداد\nنص الخبر."));
    }

    @Test
    void aLeadingPhraseCutsInsideAWordOnlyWhenTheGlueIsEvident() {
        assertEquals("سلايدات العرض المسرحي\nنص.", cleaner.clean("سلايدات العرض المسرحي\nنص."));
        assertEquals("الدفاع الروسية\nنص.", cleaner.clean("سلايدالدفاع الروسية\nنص."));
        assertEquals("مؤتمر دولي\nنص.", cleaner.clean("سلايد مؤتمر دولي\nنص."));
    }

    @Test
    void headerStandingAloneOrAsBreadcrumbIsDropped() {
        assertEquals("عنوان الخبر\n\nنص.", cleaner.clean("الشريط الاخباريسلايدسورية\n\nعنوان الخبر\n\nنص."));
        assertEquals("عنوان الخبر\nنص.", cleaner.clean("الرئيسية » أخبار » سياسة\nعنوان الخبر\nنص."));
        assertEquals("عنوان الخبر\nنص.", cleaner.clean("الرئيسيةمحلياتسلايد\nعنوان الخبر\nنص."));
    }

    @Test
    void realHeadlinesSurviveEvenWhenShortOrStartingWithAMenuWord() {
        for (String headline : new String[] {
            "سورية تستضيف مؤتمرا دوليا للطاقة", "أخبار سارة للمزارعين", "الدفاع الروسية",
            "الشريط الحدودي يشهد هدوءا", "سورية", "عاجل"}) {
            String text = headline + "\n\nنص الخبر.";
            String expected = headline.equals("سورية") || headline.equals("عاجل") ? "نص الخبر." : text;
            assertEquals(expected, cleaner.clean(text), headline);
        }
        assertEquals("سورية", cleaner.clean("سورية"), "a one-line text is never dropped");
        assertEquals("الشريط الحدودي", cleaner.clean("الشريط الحدودي"));
    }

    @Test
    void headerRuleIsConfigurable() {
        String text = "الشريط الاخباريسلايدسورية\nعنوان\nنص.";
        assertEquals(text, new ArabicCleaner(HeaderRule.none()).clean(text));
        assertEquals("عنوان\nنص.", new ArabicCleaner(HeaderRule.none().withLeadingPhrase("بوابة الوطن"))
                .clean("بوابة الوطنعنوان\nنص."));
        assertEquals("عنوان\nنص.", new ArabicCleaner(HeaderRule.defaults().withMenuWord("أسواق"))
                .clean("أسواقمنوعات\nعنوان\nنص."));
    }
}
