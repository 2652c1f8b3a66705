package dev.tarjama.models.text;

import java.util.List;

/**
 * Which navigation debris {@link ArabicCleaner} removes from the start of a scraped article.
 *
 * <p>Phrases are compared after {@link ArabicNormalizer} folding (diacritics, alef forms, taa
 * marbuta...) and with spaces ignored, because scrapers glue menu items together
 * ({@code الشريط الاخباريسلايدسورية}). Three rules, applied to the first lines only:
 * <ol>
 *   <li>A first line of at most {@code maxHeaderChars} characters that consists entirely of
 *       {@code leadingPhrases} and {@code menuWords} (glued, spaced, or separated by breadcrumb
 *       marks such as {@code » > | / -}) is dropped, provided other text follows it; up to
 *       {@code maxHeaderLines} such lines are dropped.</li>
 *   <li>Otherwise {@code leadingPhrases} at the very start of the first line are removed even when
 *       glued to the headline: they never begin real headlines, so they are kept specific.</li>
 *   <li>After such a phrase, {@code menuWords} are removed too, but only while each is glued to the
 *       next word (no space): a spaced word after the phrase may belong to the headline.</li>
 * </ol>
 * A headline is never dropped because it is short or lacks punctuation; only the vocabulary decides.
 */
public record HeaderRule(List<String> leadingPhrases, List<String> menuWords, int maxHeaderChars, int maxHeaderLines) {

    /** Validates and copies the lists. */
    public HeaderRule {
        leadingPhrases = List.copyOf(leadingPhrases);
        menuWords = List.copyOf(menuWords);
        if (maxHeaderChars < 0 || maxHeaderLines < 0) {
            throw new IllegalArgumentException("maxHeaderChars and maxHeaderLines must be >= 0");
        }
    }

    /** The rule tuned on SANA-style scrapes (the seed article). */
    public static HeaderRule defaults() {
        return new HeaderRule(
                List.of("الشريط الإخباري", "شريط الأخبار", "سلايدر", "سلايد"),
                List.of("الرئيسية", "الصفحة الرئيسية", "أخبار", "الأخبار", "آخر الأخبار", "أهم الأخبار", "عاجل",
                        "سورية", "سوريا", "محليات", "محلي", "سياسة", "السياسة", "اقتصاد", "الاقتصاد",
                        "رياضة", "الرياضة", "ثقافة", "الثقافة", "فن", "فنون", "منوعات", "دولي", "دوليات",
                        "عربي", "عربيات", "العالم", "عالمي", "صحة", "الصحة", "علوم", "تكنولوجيا", "مجتمع",
                        "المحافظات", "مقالات", "آراء", "رأي", "تحقيقات", "تقارير", "حوارات", "فيديو", "صور",
                        "الحدث", "مختارات"),
                80,
                3);
    }

    /** A rule that removes nothing. */
    public static HeaderRule none() {
        return new HeaderRule(List.of(), List.of(), 0, 0);
    }

    /** This rule with {@code phrase} added to the leading phrases. */
    public HeaderRule withLeadingPhrase(String phrase) {
        return new HeaderRule(concat(leadingPhrases, phrase), menuWords, maxHeaderChars, maxHeaderLines);
    }

    /** This rule with {@code word} added to the menu words. */
    public HeaderRule withMenuWord(String word) {
        return new HeaderRule(leadingPhrases, concat(menuWords, word), maxHeaderChars, maxHeaderLines);
    }

    private static List<String> concat(List<String> list, String item) {
        java.util.ArrayList<String> copy = new java.util.ArrayList<>(list);
        copy.add(item);
        return copy;
    }
}
