package dev.tarjama.jobs.prepare;

/** Character-level checks on raw input text, used to screen articles before translation. */
public final class TextChecks {
    private TextChecks() {}

    /**
     * Share of characters that cannot be text: control characters other than tab and line breaks,
     * U+FFFD (bytes that were not UTF-8), unassigned, private-use and lone surrogate code points.
     */
    public static double garbageRatio(String text) {
        if (text == null || text.isEmpty()) {
            return 0;
        }
        int total = 0;
        int garbage = 0;
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            i += Character.charCount(cp);
            total++;
            int type = Character.getType(cp);
            boolean control = type == Character.CONTROL && cp != '\n' && cp != '\r' && cp != '\t';
            if (control || cp == 0xFFFD || type == Character.UNASSIGNED || type == Character.PRIVATE_USE
                    || type == Character.SURROGATE) {
                garbage++;
            }
        }
        return (double) garbage / total;
    }

    /** Share of letters that are Arabic script; -1 when the text has no letters at all. */
    public static double arabicLetterRatio(String text) {
        if (text == null) {
            return -1;
        }
        int letters = 0;
        int arabic = 0;
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            i += Character.charCount(cp);
            if (Character.isLetter(cp)) {
                letters++;
                if (Character.UnicodeScript.of(cp) == Character.UnicodeScript.ARABIC) {
                    arabic++;
                }
            }
        }
        return letters == 0 ? -1 : (double) arabic / letters;
    }
}
