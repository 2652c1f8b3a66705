package dev.tarjama.models.text;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Applies a {@link HeaderRule} to whitespace-cleaned text (lines separated by {@code \n}). */
final class HeaderStripper {

    private static final String BREADCRUMB_MARKS = "»›>|/\\-–—:•·";

    private final HeaderRule rule;
    private final List<String> leading;
    private final List<String> menu;
    private final List<String> vocabulary;

    HeaderStripper(HeaderRule rule) {
        this.rule = rule;
        this.leading = foldAll(rule.leadingPhrases());
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
        StringBuilder folded = new StringBuilder(line.length());
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == ' ' || BREADCRUMB_MARKS.indexOf(c) >= 0) {
                continue;
            }
            char f = ArabicNormalizer.fold(c);
            if (f != ArabicNormalizer.REMOVED) {
                folded.append(f);
            }
        }
        if (folded.length() == 0) {
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
                if (!word.isEmpty() && folded.indexOf(word, i) == i) {
                    reachable[i + word.length()] = true;
                }
            }
        }
        return reachable[folded.length()];
    }

    /** Characters of boilerplate (leading phrases, then glued menu words) at the start of the line. */
    int leadingPrefixLength(String line) {
        StringBuilder folded = new StringBuilder(line.length());
        List<Integer> origin = new ArrayList<>(line.length());
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == ' ') {
                continue;
            }
            char f = ArabicNormalizer.fold(c);
            if (f != ArabicNormalizer.REMOVED) {
                folded.append(f);
                origin.add(i);
            }
        }
        int pos = 0;
        boolean matched = true;
        boolean anyLeading = false;
        while (matched) {
            matched = false;
            for (String phrase : leading) {
                if (!phrase.isEmpty() && folded.indexOf(phrase, pos) == pos) {
                    pos += phrase.length();
                    matched = anyLeading = true;
                    break;
                }
            }
        }
        if (!anyLeading) {
            return 0;
        }
        matched = true;
        while (matched) {
            matched = false;
            for (String word : menu) {
                int end = pos + word.length();
                if (!word.isEmpty() && end < folded.length() && folded.indexOf(word, pos) == pos
                        && origin.get(end) == origin.get(end - 1) + 1 + skippedMarks(line, origin.get(end - 1))) {
                    pos = end;
                    matched = true;
                    break;
                }
            }
        }
        return pos >= origin.size() ? line.length() : origin.get(pos);
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
