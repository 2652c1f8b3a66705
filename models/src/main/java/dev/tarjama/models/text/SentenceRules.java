package dev.tarjama.models.text;

import java.util.Set;

/**
 * The tunable parts of {@link SentenceSplitter}; see {@code docs/text.md} for how each is used.
 *
 * @param latinAbbreviations words that a period does not end ({@code Mr}, {@code Dr}...), compared
 *     case-sensitively without the period
 * @param arabicAbbreviations multi-letter Arabic abbreviations (single Arabic letters followed by a
 *     period, such as {@code د.} or {@code م.}, are always abbreviations)
 * @param speechVerbs verbs that, right after a closing quote that ends in a terminator, continue
 *     the sentence ({@code «...!» قال}); compared after {@link ArabicNormalizer} folding
 * @param semicolonEndsSentence whether the Arabic semicolon {@code ؛} ends a sentence
 * @param quoteLookahead a terminator inside an open quote does not end the sentence when the quote
 *     closes within this many characters on the same line
 */
public record SentenceRules(
        Set<String> latinAbbreviations,
        Set<String> arabicAbbreviations,
        Set<String> speechVerbs,
        boolean semicolonEndsSentence,
        int quoteLookahead) {

    /** Copies the sets (folding the speech verbs) and validates. */
    public SentenceRules {
        latinAbbreviations = Set.copyOf(latinAbbreviations);
        arabicAbbreviations = Set.copyOf(arabicAbbreviations);
        speechVerbs = speechVerbs.stream().map(ArabicNormalizer::normalize).collect(java.util.stream.Collectors.toUnmodifiableSet());
        if (quoteLookahead < 0) {
            throw new IllegalArgumentException("quoteLookahead must be >= 0");
        }
    }

    /** The defaults: {@code ؛} ends sentences (like {@code . ! ? ؟ …}); a quote tail of up to 10 characters holds. */
    public static SentenceRules defaults() {
        return new SentenceRules(
                Set.of("Mr", "Mrs", "Ms", "Dr", "Prof", "St", "Jr", "Sr", "Gen", "Col", "Lt", "Sgt", "Capt", "Cmdr",
                        "Gov", "Sen", "Rep", "Rev", "Hon", "Mt", "Ft", "No", "Nos", "vs", "cf", "approx", "e.g", "i.e",
                        "Jan", "Feb", "Apr", "Aug", "Sept", "Sep", "Oct", "Nov", "Dec", "Fig", "Vol", "pp"),
                Set.of("ق.م", "ص.ب", "هـ"),
                Set.of("قال", "قالت", "يقول", "تقول", "أضاف", "أضافت", "يضيف", "تضيف", "تساءل", "تساءلت",
                        "يتساءل", "تتساءل", "سأل", "سألت", "صاح", "صاحت", "صرخ", "صرخت", "هتف", "هتفت",
                        "أجاب", "أجابت", "رد", "ردت", "علق", "علقت", "كتب", "كتبت", "أوضح", "أوضحت",
                        "قالوا", "أضافوا", "said", "says", "asked", "added", "wrote", "told"),
                true,
                10);
    }

    /** These rules with the semicolon rule set to {@code value}. */
    public SentenceRules withSemicolonEndsSentence(boolean value) {
        return new SentenceRules(latinAbbreviations, arabicAbbreviations, speechVerbs, value, quoteLookahead);
    }
}
