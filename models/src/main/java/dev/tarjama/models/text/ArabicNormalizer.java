package dev.tarjama.models.text;

import java.text.Normalizer;

/**
 * Aggressive Arabic normalization for matching, hashing and deduplication; never for translator
 * input, because diacritics and letter forms carry meaning there.
 *
 * <p>Rules (see {@code docs/text.md}): NFKC (folds presentation forms and compatibility
 * characters); diacritics and Quranic marks removed; alef variants to bare alef; alef maqsura and
 * Persian yeh to yaa; taa marbuta to haa; keheh to kaf; tatweel, zero-width and bidi controls
 * removed; every digit family to ASCII digits; all whitespace collapsed to single spaces and
 * trimmed. Hamza on waw and yaa ({@code ؤ ئ}) is kept: it distinguishes words. Latin case is kept.
 */
public final class ArabicNormalizer {

    private ArabicNormalizer() {}

    /**
     * Normalizes {@code text} for matching.
     *
     * @throws IllegalArgumentException if {@code text} is null
     */
    public static String normalize(String text) {
        requireText(text);
        String nfkc = Normalizer.normalize(text, Normalizer.Form.NFKC);
        StringBuilder out = new StringBuilder(nfkc.length());
        boolean pendingSpace = false;
        for (int i = 0; i < nfkc.length(); i++) {
            char c = nfkc.charAt(i);
            if (Character.isWhitespace(c) || Character.isSpaceChar(c)) {
                pendingSpace = out.length() > 0;
                continue;
            }
            char folded = fold(c);
            if (folded == REMOVED) {
                continue;
            }
            if (pendingSpace) {
                out.append(' ');
                pendingSpace = false;
            }
            out.append(folded);
        }
        return out.toString();
    }

    /**
     * Maps every digit family (ASCII, Arabic-Indic {@code ٠-٩}, Extended Arabic-Indic/Persian
     * {@code ۰-۹}) to ASCII digits, the Arabic decimal separator {@code ٫} to {@code .}, the Arabic
     * thousands separator {@code ٬} to {@code ,} and the Arabic percent sign {@code ٪} to {@code %}.
     * Everything else is unchanged, and the result has the same length as the input, so offsets
     * stay valid.
     *
     * @throws IllegalArgumentException if {@code text} is null
     */
    public static String normalizeDigits(String text) {
        requireText(text);
        char[] chars = text.toCharArray();
        for (int i = 0; i < chars.length; i++) {
            chars[i] = foldDigit(chars[i]);
        }
        return new String(chars);
    }

    /** Marker returned by {@link #fold(char)} for characters that disappear. */
    static final char REMOVED = '\uFFFF';

    /**
     * Folds one character the way {@link #normalize} does (without NFKC or whitespace handling);
     * returns {@link #REMOVED} for characters that disappear. Shared with the header rule, which
     * needs a character-by-character mapping to keep offsets.
     */
    static char fold(char c) {
        if (isDiacritic(c) || c == ArabicChars.TATWEEL || ArabicChars.isInvisibleControl(c)) {
            return REMOVED;
        }
        switch (c) {
            case '\u0623': // أ
            case '\u0625': // إ
            case '\u0622': // آ
            case '\u0671': // ٱ
            case '\u0672': // ٲ
            case '\u0673': // ٳ
                return '\u0627';
            case '\u0649': // ى
            case '\u06CC': // ی Persian yeh, common in mixed-keyboard scrapes
                return '\u064A';
            case '\u0629': // ة
                return '\u0647';
            case '\u06A9': // ک keheh
                return '\u0643';
            default:
                return foldDigit(c);
        }
    }

    /** True for harakat, superscript alef and Quranic annotation marks. */
    static boolean isDiacritic(char c) {
        return (c >= '\u064B' && c <= '\u065F')
                || c == '\u0670'
                || (c >= '\u0610' && c <= '\u061A')
                || (c >= '\u06D6' && c <= '\u06DC')
                || (c >= '\u06DF' && c <= '\u06E8')
                || (c >= '\u06EA' && c <= '\u06ED');
    }

    private static char foldDigit(char c) {
        if (c >= '\u0660' && c <= '\u0669') {
            return (char) ('0' + (c - '\u0660'));
        }
        if (c >= '\u06F0' && c <= '\u06F9') {
            return (char) ('0' + (c - '\u06F0'));
        }
        switch (c) {
            case '\u066B':
                return '.';
            case '\u066C':
                return ',';
            case '\u066A':
                return '%';
            default:
                return c;
        }
    }

    static void requireText(String text) {
        if (text == null) {
            throw new IllegalArgumentException("text must not be null (use \"\" for no text)");
        }
    }
}
