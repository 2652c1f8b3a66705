package dev.tarjama.models.text;

import java.util.regex.Pattern;

/**
 * Light cleaning of scraped Arabic news: removes debris, keeps every letter form and diacritic
 * (they carry meaning for the translator). The rules are listed in {@code docs/text.md}.
 *
 * <p>Output: no leading or trailing whitespace, single spaces inside lines, lines separated by
 * {@code \n}, paragraphs separated by exactly one blank line ({@code \n\n}). Thread-safe.
 * A null text is rejected with {@link IllegalArgumentException}; an empty or blank text gives "".
 */
public final class ArabicCleaner {

    private static final Pattern HIDDEN_BLOCK =
            Pattern.compile("(?is)<(script|style|noscript|template|nav)\\b[^>]*>.*?</\\1\\s*>");
    private static final Pattern COMMENT = Pattern.compile("(?s)<!--.*?-->");
    private static final Pattern PARAGRAPH_TAG = Pattern.compile(
            "(?i)</?(?:p|div|h[1-6]|section|article|header|footer|aside|main|blockquote|table|thead|tbody"
                    + "|ul|ol|dl|figure|pre|form|hr|address)\\b[^<>]*>");
    private static final Pattern LINE_TAG =
            Pattern.compile("(?i)<(?:br|/?li|/?tr|/?dt|/?dd|/?figcaption|/?caption)\\b[^<>]*>");
    private static final Pattern CELL_TAG = Pattern.compile("(?i)</?(?:td|th)\\b[^<>]*>");
    private static final Pattern ANY_TAG =
            Pattern.compile("<(?:/?[a-zA-Z][a-zA-Z0-9:-]*(?:\\s[^<>]*)?/?|![^<>]*|\\?[^<>]*)>");

    private final HeaderStripper header;

    /** A cleaner with {@link HeaderRule#defaults()}. */
    public ArabicCleaner() {
        this(HeaderRule.defaults());
    }

    /** A cleaner removing navigation headers as {@code headerRule} says. */
    public ArabicCleaner(HeaderRule headerRule) {
        if (headerRule == null) {
            throw new IllegalArgumentException("headerRule must not be null (use HeaderRule.none())");
        }
        this.header = new HeaderStripper(headerRule);
    }

    /**
     * Cleans one text.
     *
     * @throws IllegalArgumentException if {@code text} is null
     */
    public String clean(String text) {
        ArabicNormalizer.requireText(text);
        String s = unifyLineBreaks(text);
        s = stripMarkup(s);
        s = HtmlEntities.decode(s);
        s = normalizeCharacters(s);
        return header.strip(s);
    }

    private static String unifyLineBreaks(String s) {
        if (s.indexOf('\r') < 0 && s.indexOf('\u2028') < 0 && s.indexOf('\u2029') < 0 && s.indexOf('\u0085') < 0) {
            return s;
        }
        return s.replace("\r\n", "\n").replace('\r', '\n').replace('\u2028', '\n').replace('\u0085', '\n')
                .replace("\u2029", "\n\n");
    }

    private static String stripMarkup(String s) {
        if (s.indexOf('<') < 0) {
            return s;
        }
        s = HIDDEN_BLOCK.matcher(s).replaceAll("");
        s = COMMENT.matcher(s).replaceAll("");
        s = PARAGRAPH_TAG.matcher(s).replaceAll("\n\n");
        s = LINE_TAG.matcher(s).replaceAll("\n");
        s = CELL_TAG.matcher(s).replaceAll(" ");
        return ANY_TAG.matcher(s).replaceAll("");
    }

    /**
     * One pass: drops invisible and control characters and tatweel, turns every space-like
     * character into a space, collapses spaces, trims lines, and collapses blank-line runs into one
     * paragraph break.
     */
    private static String normalizeCharacters(String s) {
        StringBuilder out = new StringBuilder(s.length());
        int pendingNewlines = 0;
        boolean pendingSpace = false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\n') {
                pendingNewlines++;
                pendingSpace = false;
                continue;
            }
            if (isSpace(c)) {
                pendingSpace = true;
                continue;
            }
            if (isDropped(s, i, out)) {
                continue;
            }
            if (out.length() > 0) {
                if (pendingNewlines > 0) {
                    out.append(pendingNewlines >= 2 ? "\n\n" : "\n");
                } else if (pendingSpace) {
                    out.append(' ');
                }
            }
            pendingNewlines = 0;
            pendingSpace = false;
            out.append(c);
        }
        return out.toString();
    }

    private static boolean isSpace(char c) {
        return c == ' ' || c == '\t' || c == '\u000B' || c == '\f' || c == '\u00A0' || c == '\u1680'
                || (c >= '\u2000' && c <= '\u200A') || c == '\u202F' || c == '\u205F' || c == '\u3000';
    }

    private static boolean isDropped(String s, int i, StringBuilder out) {
        char c = s.charAt(i);
        if (c == ArabicChars.ZWJ) {
            // Emoji sequences (family, profession, flags) are joined by ZWJ; removing it there
            // changes the emoji, while between letters it is only debris.
            return !(endsWithSymbol(out) && i + 1 < s.length() && isSymbolAt(s, i + 1));
        }
        if (ArabicChars.isInvisibleControl(c) || c == ArabicChars.TATWEEL) {
            return true;
        }
        return (c < 0x20) || (c >= 0x7F && c <= 0x9F);
    }

    private static boolean endsWithSymbol(StringBuilder out) {
        if (out.length() == 0) {
            return false;
        }
        int cp = Character.codePointBefore(out, out.length());
        return isEmojiPart(cp);
    }

    private static boolean isSymbolAt(String s, int i) {
        return isEmojiPart(s.codePointAt(i));
    }

    private static boolean isEmojiPart(int cp) {
        return Character.getType(cp) == Character.OTHER_SYMBOL || cp == 0xFE0F || (cp >= 0x1F3FB && cp <= 0x1F3FF);
    }
}
