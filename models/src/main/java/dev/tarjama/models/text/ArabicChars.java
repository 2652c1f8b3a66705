package dev.tarjama.models.text;

/** Character classes shared by the cleaner, normalizer and splitter. */
final class ArabicChars {

    static final char TATWEEL = '\u0640';
    static final char ZWJ = '\u200D';

    private ArabicChars() {}

    /** Zero-width and bidi control characters: invisible, and they break word matching. */
    static boolean isInvisibleControl(char c) {
        return (c >= '\u200B' && c <= '\u200F')
                || (c >= '\u202A' && c <= '\u202E')
                || (c >= '\u2060' && c <= '\u2064')
                || (c >= '\u2066' && c <= '\u2069')
                || c == '\u061C'
                || c == '\uFEFF'
                || c == '\u00AD';
    }

    /** Letters of the Arabic script blocks (not digits, punctuation or marks). */
    static boolean isArabicLetter(char c) {
        return ((c >= '\u0620' && c <= '\u064A')
                        || (c >= '\u066E' && c <= '\u06D3')
                        || c == '\u06D5'
                        || (c >= '\u06FA' && c <= '\u06FC')
                        || (c >= '\u0750' && c <= '\u077F')
                        || (c >= '\uFB50' && c <= '\uFDFF')
                        || (c >= '\uFE70' && c <= '\uFEFC'))
                && c != TATWEEL;
    }

    /** Any decimal digit: ASCII, Arabic-Indic or Extended Arabic-Indic. */
    static boolean isDigit(char c) {
        return (c >= '0' && c <= '9') || (c >= '\u0660' && c <= '\u0669') || (c >= '\u06F0' && c <= '\u06F9');
    }
}
