package dev.tarjama.models.summarize;

import dev.tarjama.models.text.ArabicNormalizer;
import dev.tarjama.models.text.Sentence;
import dev.tarjama.models.text.SentenceSplitter;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Flags numbers and capitalized names in an English summary that its source translation does not
 * contain: the cheap signs that an abstractive summary invented a fact. Pure and thread-safe.
 *
 * <p>Numbers are compared by value after {@link ArabicNormalizer#normalizeDigits} ({@code ١٬٥٠٠},
 * {@code 1,500} and {@code 1500} are one number; {@code 3.50} is {@code 3.5}). Names are runs of
 * capitalized words ({@code al-Assad} counts as capitalized): a run of two or more anywhere, or a
 * single capitalized word that does not open a sentence, a quote or a clause after a colon; leading
 * function words ("The", "In") are dropped from a run; a name passes when each of its words occurs in the translation (case-insensitively,
 * possessive {@code 's} ignored, hyphenated parts accepted), so "Assad" is found in "al-Assad".
 */
public final class FaithfulnessCheck {

    /** Flag prefix for a number of the summary missing from the translation. */
    public static final String NUMBER_FLAG = "summary_number_not_in_source:";
    /** Flag prefix for a name of the summary missing from the translation. */
    public static final String NAME_FLAG = "summary_name_not_in_source:";

    /** Digits with optional thousands groups and decimals; not preceded by a digit, letter or separator. */
    private static final Pattern NUMBER = Pattern.compile("(?<![\\p{L}\\d.,])\\d+(?:,\\d{3})*(?:\\.\\d+)?");
    /** Letters, marks, apostrophes and inner hyphens. */
    private static final Pattern WORD = Pattern.compile("\\p{L}[\\p{L}\\p{M}'’]*(?:-\\p{L}[\\p{L}\\p{M}'’]*)*");
    /** Sentence-opening words often capitalized for other reasons; they never make a name alone. */
    private static final Set<String> FUNCTION_WORDS = Set.of(
            "a", "an", "the", "i", "in", "on", "at", "of", "for", "to", "by", "with", "from", "and", "but", "or",
            "he", "she", "it", "we", "they", "this", "that", "these", "those", "his", "her", "its", "their",
            "our", "there", "after", "before", "while", "as", "if", "when", "meanwhile", "however", "also");

    private static final SentenceSplitter SPLITTER = new SentenceSplitter();

    private FaithfulnessCheck() {}

    /**
     * The flags for {@code summary} against {@code translation}, in order of first occurrence,
     * without repeats; empty when everything is found.
     *
     * @throws IllegalArgumentException if either text is null
     */
    public static List<String> flags(String summary, String translation) {
        if (summary == null || translation == null) {
            throw new IllegalArgumentException("summary and translation must not be null");
        }
        Set<String> flags = new LinkedHashSet<>();
        Set<String> sourceNumbers = numbers(translation);
        for (String n : numbersInOrder(summary)) {
            if (!sourceNumbers.contains(n)) {
                flags.add(NUMBER_FLAG + n);
            }
        }
        Set<String> sourceWords = words(translation);
        for (String name : names(summary)) {
            if (!found(name, sourceWords)) {
                flags.add(NAME_FLAG + name);
            }
        }
        return List.copyOf(flags);
    }

    /** Numbers of {@code text} by value, as plain decimal strings ("1,500.0" → "1500"). */
    static List<String> numbersInOrder(String text) {
        List<String> out = new ArrayList<>();
        Matcher m = NUMBER.matcher(ArabicNormalizer.normalizeDigits(text));
        while (m.find()) {
            out.add(canonical(m.group()));
        }
        return out;
    }

    private static Set<String> numbers(String text) {
        return new HashSet<>(numbersInOrder(text));
    }

    private static String canonical(String number) {
        BigDecimal value = new BigDecimal(number.replace(",", ""));
        String plain = value.stripTrailingZeros().toPlainString();
        return plain;
    }

    /** Candidate names of {@code text}, in order: runs of capitalized words, see the class comment. */
    static List<String> names(String text) {
        List<String> out = new ArrayList<>();
        for (Sentence sentence : SPLITTER.sentences(text)) {
            String s = sentence.text();
            Matcher m = WORD.matcher(s);
            List<String> run = new ArrayList<>();
            boolean runOpensSentence = false;
            boolean first = true;
            int previousEnd = 0;
            while (m.find()) {
                String word = m.group();
                boolean opens = first || opensClause(s, previousEnd, m.start());
                boolean adjacent = run.isEmpty() || s.substring(previousEnd, m.start()).isBlank();
                if (!adjacent || !capitalized(word)) {
                    emit(run, runOpensSentence, out);
                }
                if (capitalized(word)) {
                    if (run.isEmpty()) {
                        runOpensSentence = opens;
                    }
                    run.add(word);
                }
                first = false;
                previousEnd = m.end();
            }
            emit(run, runOpensSentence, out);
        }
        return out;
    }

    /** Capitalized, or a short lowercase particle before a capitalized name ({@code al-Assad}, {@code bin-Salman}). */
    private static boolean capitalized(String word) {
        if (Character.isUpperCase(word.charAt(0))) {
            return true;
        }
        int hyphen = word.indexOf('-');
        return hyphen > 0 && hyphen <= 3 && Character.isUpperCase(word.charAt(hyphen + 1));
    }

    /** A colon or an opening quote before a word starts a new clause, where capitals mean nothing. */
    private static boolean opensClause(String s, int from, int to) {
        String gap = s.substring(from, to);
        return gap.contains(":") || gap.contains("\"") || gap.contains("“") || gap.contains("«");
    }

    private static void emit(List<String> run, boolean opensSentence, List<String> out) {
        if (run.isEmpty()) {
            return;
        }
        List<String> words = new ArrayList<>(run);
        run.clear();
        if (opensSentence && words.size() == 1) {
            return; // a lone capital at a sentence start says nothing about names
        }
        // "The United Nations", "In Damascus": the capital of a leading function word says nothing.
        while (!words.isEmpty() && FUNCTION_WORDS.contains(key(words.get(0)))) {
            words.remove(0);
        }
        if (!words.isEmpty()) {
            out.add(String.join(" ", words));
        }
    }

    private static boolean found(String name, Set<String> sourceWords) {
        for (String word : name.split(" ")) {
            String k = key(word);
            if (sourceWords.contains(k)) {
                continue;
            }
            boolean partsFound = true;
            for (String part : k.split("-")) {
                partsFound &= sourceWords.contains(part);
            }
            if (!partsFound) {
                return false;
            }
        }
        return true;
    }

    private static Set<String> words(String text) {
        Set<String> out = new HashSet<>();
        Matcher m = WORD.matcher(text);
        while (m.find()) {
            String k = key(m.group());
            out.add(k);
            for (String part : k.split("-")) {
                out.add(part);
            }
        }
        return out;
    }

    /** Lowercase, possessive removed, curly apostrophe folded. */
    private static String key(String word) {
        String k = word.replace('’', '\'').toLowerCase(Locale.ROOT);
        return k.endsWith("'s") ? k.substring(0, k.length() - 2) : k;
    }
}
