package dev.tarjama.jobs.quality;

/**
 * Maps Arabic-Indic (U+0660..0669) and Extended Arabic-Indic (U+06F0..06F9) digits to ASCII.
 * Stand-in until {@code ArabicNormalizer.normalizeDigits} is on main; kept tiny on purpose.
 */
public final class Digits {
    private Digits() {}

    public static String normalize(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c >= '\u0660' && c <= '\u0669') {
                out.append((char) ('0' + (c - '\u0660')));
            } else if (c >= '\u06F0' && c <= '\u06F9') {
                out.append((char) ('0' + (c - '\u06F0')));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
