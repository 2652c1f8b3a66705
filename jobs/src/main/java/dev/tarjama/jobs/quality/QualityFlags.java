package dev.tarjama.jobs.quality;

import dev.tarjama.models.text.ArabicNormalizer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Quality flags of one source/translation pair; flags are data for readers to filter on, never a
 * reason to fail an article.
 */
public final class QualityFlags {
    public static final String REPETITION_LOOP = "repetition_loop";
    public static final String LENGTH_RATIO_LOW = "length_ratio_low";
    public static final String LENGTH_RATIO_HIGH = "length_ratio_high";
    public static final String ARABIC_IN_OUTPUT = "arabic_in_output";
    public static final String NUMBERS_MISSING = "numbers_missing";

    /** Longest n-gram checked for loops; longer loops show up as a bad length ratio. */
    private static final int MAX_LOOP_NGRAM = 4;
    /** Separators inside numbers (1,000 / 3.5, and ١٬٠٠٠ / ٣٫٥ once digits are folded) are dropped. */
    private static final Pattern IN_NUMBER_SEPARATOR = Pattern.compile("(?<=\\d)[,.'](?=\\d)");
    private static final Pattern NUMBER = Pattern.compile("\\d+");

    private final QualitySettings settings;

    public QualityFlags(QualitySettings settings) {
        this.settings = settings;
    }

    /** The flags of one pair, in a fixed order. */
    public List<String> of(String source, String target) {
        List<String> flags = new ArrayList<>();
        if (target == null || source == null) {
            return flags;
        }
        if (hasLoop(target)) {
            flags.add(REPETITION_LOOP);
        }
        Double ratio = lengthRatio(source, target);
        if (ratio != null && ratio < settings.lengthRatioMin()) {
            flags.add(LENGTH_RATIO_LOW);
        } else if (ratio != null && ratio > settings.lengthRatioMax()) {
            flags.add(LENGTH_RATIO_HIGH);
        }
        if (hasArabicLetter(target)) {
            flags.add(ARABIC_IN_OUTPUT);
        }
        if (!missingNumbers(source, target).isEmpty()) {
            flags.add(NUMBERS_MISSING);
        }
        return flags;
    }

    /**
     * English characters per Arabic character, whitespace left out; null when the source is too
     * short ({@code quality.length_ratio_min_chars}) for the ratio to mean anything.
     */
    public Double lengthRatio(String source, String target) {
        int sourceChars = nonSpace(source);
        if (sourceChars < settings.lengthRatioMinChars()) {
            return null;
        }
        return (double) nonSpace(target) / sourceChars;
    }

    /** True when some 1..4-gram of words repeats back to back at least the configured times. */
    boolean hasLoop(String target) {
        String[] words = target.toLowerCase(Locale.ROOT).trim().split("\\s+");
        int repeats = settings.repetitionMinRepeats();
        for (int n = 1; n <= MAX_LOOP_NGRAM; n++) {
            for (int start = 0; start + n * repeats <= words.length; start++) {
                int times = 1;
                while (start + n * (times + 1) <= words.length
                        && Arrays.equals(words, start, start + n, words, start + n * times, start + n * (times + 1))) {
                    times++;
                }
                if (times >= repeats && !words[start].isEmpty()) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * Numbers of two or more digits in the source that the target lacks (digits normalized;
     * single digits are left out because translators rightly spell them as words).
     */
    public static Set<String> missingNumbers(String source, String target) {
        Set<String> missing = numbers(source);
        missing.removeAll(numbers(target));
        return missing;
    }

    private static Set<String> numbers(String text) {
        String plain = IN_NUMBER_SEPARATOR.matcher(ArabicNormalizer.normalizeDigits(text)).replaceAll("");
        Set<String> out = new HashSet<>();
        Matcher m = NUMBER.matcher(plain);
        while (m.find()) {
            if (m.group().length() >= 2) {
                out.add(m.group());
            }
        }
        return out;
    }

    private static boolean hasArabicLetter(String text) {
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            i += Character.charCount(cp);
            if (Character.isLetter(cp) && Character.UnicodeScript.of(cp) == Character.UnicodeScript.ARABIC) {
                return true;
            }
        }
        return false;
    }

    private static int nonSpace(String text) {
        int n = 0;
        for (int i = 0; i < text.length(); i++) {
            if (!Character.isWhitespace(text.charAt(i))) {
                n++;
            }
        }
        return n;
    }
}
