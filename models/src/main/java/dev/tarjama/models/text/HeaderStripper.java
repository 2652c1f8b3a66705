package dev.tarjama.models.text;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Applies a {@link HeaderRule} to whitespace-cleaned text (lines separated by {@code \n}). */
final class HeaderStripper {

    /** How much of the first line the leading-phrase rule looks at; far more than any header. */
    private static final int MAX_PREFIX_CHARS = 400;

    private static final String BREADCRUMB_MARKS = "»›>|/\\-–—:•·";

    private final HeaderRule rule;
    private final List<String> leading;
    private final List<String> multiWordLeading;
    private final List<String> menu;
    private final List<String> vocabulary;

    HeaderStripper(HeaderRule rule) {
        this.rule = rule;
        this.leading = foldAll(rule.leadingPhrases());
        this.multiWordLeading = foldAll(rule.leadingPhrases().stream().filter(p -> p.strip().contains(" ")).toList());
        this.menu = foldAll(rule.menuWords());
        List<String> all = new ArrayList<>(leading);
        all.addAll(menu);
        this.vocabulary = List.copyOf(all);
    }

    String strip(String text) {
        String rest = text;
        for (int dropped = 0; dropped < rule.maxHeaderLines(); dropped++) {
            int eol = rest.indexOf('\n');
            if (eol < 0) {
                break; // a one-line text is all there is: never drop it
            }
            String line = rest.substring(0, eol);
            if (line.length() > rule.maxHeaderChars() || !isMenuLine(line)) {
                break;
            }
            rest = stripLeadingNewlines(rest.substring(eol));
        }
        int eol = rest.indexOf('\n');
        String first = eol < 0 ? rest : rest.substring(0, eol);
        int cut = leadingPrefixLength(first);
        if (cut > 0 && cut < first.length()) {
            rest = rest.substring(cut);
        }
        return rest;
    }

    /** True when the line is nothing but vocabulary and breadcrumb marks. */
    boolean isMenuLine(String line) {
        StringBuilder foldedLine = new StringBuilder(line.length());
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == ' ' || BREADCRUMB_MARKS.indexOf(c) >= 0) {
                continue;
            }
            char f = ArabicNormalizer.fold(c);
            if (f != ArabicNormalizer.REMOVED) {
                foldedLine.append(f);
            }
        }
        String folded = foldedLine.toString();
        if (folded.isEmpty()) {
            return !line.isEmpty();
        }
        // Word-break segmentation: glued menu items have no boundaries to split on.
        boolean[] reachable = new boolean[folded.length() + 1];
        reachable[0] = true;
        for (int i = 0; i < folded.length(); i++) {
            if (!reachable[i]) {
                continue;
            }
            for (String word : vocabulary) {
                if (!word.isEmpty() && folded.startsWith(word, i)) {
                    reachable[i + word.length()] = true;
                }
            }
        }
        return reachable[folded.length()];
    }

    /**
     * Characters of boilerplate (leading phrases, then glued menu words) at the start of the line.
     * A cut inside a word is accepted only when the glue is evident: two or more items were
     * consumed, a multi-word phrase was, or the rest starts with the article "ال" — so
     * "سلايدات العرض" keeps its first word while "سلايدالدفاع" loses "سلايد".
     */
    int leadingPrefixLength(String line) {
        // Headers are short: folding a bounded prefix keeps a one-line 100,000-character text cheap.
        int limit = Math.min(line.length(), MAX_PREFIX_CHARS);
        StringBuilder foldedLine = new StringBuilder(limit);
        int[] origin = new int[limit];
        int count = 0;
        for (int i = 0; i < limit; i++) {
            char c = line.charAt(i);
            if (c == ' ') {
                continue;
            }
            char f = ArabicNormalizer.fold(c);
            if (f != ArabicNormalizer.REMOVED) {
                foldedLine.append(f);
                origin[count++] = i;
            }
        }
        String folded = foldedLine.toString();
        int pos = 0;
        int items = 0;
        boolean multiWord = false;
        String matched;
        while ((matched = match(leading, folded, pos)) != null) {
            pos += matched.length();
            items++;
            multiWord |= multiWordLeading.contains(matched);
        }
        if (items == 0) {
            return 0;
        }
        while ((matched = match(menu, folded, pos)) != null) {
            int end = pos + matched.length();
            if (end >= folded.length() || !adjacent(line, origin, end)) {
                break;
            }
            pos = end;
            items++;
        }
        if (pos >= count) {
            return line.length();
        }
        boolean atSpace = !adjacent(line, origin, pos);
        boolean evident = items >= 2 || multiWord || folded.startsWith("\u0627\u0644", pos);
        return atSpace || evident ? origin[pos] : 0;
    }

    private static String match(List<String> phrases, String folded, int pos) {
        for (String phrase : phrases) {
            if (!phrase.isEmpty() && folded.startsWith(phrase, pos)) {
                return phrase;
            }
        }
        return null;
    }

    /** True when folded characters {@code k-1} and {@code k} touch in the line (no space between). */
    private static boolean adjacent(String line, int[] origin, int k) {
        return origin[k] == origin[k - 1] + 1 + skippedMarks(line, origin[k - 1]);
    }

    /** Number of folded-away characters (diacritics) right after {@code index}; spaces are not counted. */
    private static int skippedMarks(String line, int index) {
        int n = 0;
        for (int i = index + 1; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == ' ' || ArabicNormalizer.fold(c) != ArabicNormalizer.REMOVED) {
                break;
            }
            n++;
        }
        return n;
    }

    private static String stripLeadingNewlines(String s) {
        int i = 0;
        while (i < s.length() && s.charAt(i) == '\n') {
            i++;
        }
        return s.substring(i);
    }

    private static List<String> foldAll(List<String> phrases) {
        List<String> out = new ArrayList<>();
        for (String phrase : phrases) {
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < phrase.length(); i++) {
                char c = phrase.charAt(i);
                char f = ArabicNormalizer.fold(c);
                if (!Character.isWhitespace(c) && f != ArabicNormalizer.REMOVED) {
                    sb.append(f);
                }
            }
            out.add(sb.toString());
        }
        // Longest first, so "سلايدر" wins over "سلايد".
        out.sort(Comparator.comparingInt(String::length).reversed());
        return List.copyOf(out);
    }
}
