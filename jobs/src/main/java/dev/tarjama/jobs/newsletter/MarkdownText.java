package dev.tarjama.jobs.newsletter;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Escapes article text for CommonMark/GitHub Markdown so that it renders as the same literal text:
 * inline syntax ({@code \ ` * _ [ ] < > | ~ &}) is backslash-escaped everywhere, line breaks fold to
 * spaces (a value stays in its paragraph or heading), and what would start a block at the start of
 * the value ({@code # > - + =}, {@code 1.}, {@code 1)}) is escaped too. {@code <} escaped means no
 * raw HTML and no autolink; {@code [} escaped means no link.
 */
public final class MarkdownText {
    private static final String INLINE = "\\`*_[]<>|~&";
    private static final Pattern ORDERED = Pattern.compile("^(\\d{1,9})([.)])");

    private MarkdownText() {}

    public static String escape(String text) {
        if (text == null || text.isEmpty()) {
            return "";
        }
        String folded = text.replaceAll("\\s+", " ").strip();
        StringBuilder out = new StringBuilder(folded.length() + 16);
        Matcher ordered = ORDERED.matcher(folded);
        int from = 0;
        if (ordered.find()) {
            out.append(ordered.group(1)).append('\\').append(ordered.group(2));
            from = ordered.end();
        } else if (!folded.isEmpty() && "#>-+=".indexOf(folded.charAt(0)) >= 0) {
            out.append('\\').append(folded.charAt(0));
            from = 1;
        }
        for (int i = from; i < folded.length(); i++) {
            char c = folded.charAt(i);
            if (INLINE.indexOf(c) >= 0) {
                out.append('\\');
            }
            out.append(c);
        }
        return out.toString();
    }
}
