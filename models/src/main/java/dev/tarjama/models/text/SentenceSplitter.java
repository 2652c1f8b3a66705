package dev.tarjama.models.text;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Splits text into paragraphs (separated by blank lines) and sentences (ended by a line break or by
 * {@code . ! ? ؟ ؛ …}), with offsets into the text. Linear time; thread-safe.
 *
 * <p>The rules for numbers, abbreviations and quotes are in {@code docs/text.md}. Every character
 * that is not whitespace ends up in exactly one sentence. A null text is rejected with
 * {@link IllegalArgumentException}; an empty or blank text gives no paragraphs.
 *
 * <p>Hand-written because the Unicode sentence rules (UAX #29: {@code java.text.BreakIterator},
 * ICU, Lucene) do not fit Arabic news: on {@code "قال د. أحمد إن النمو بلغ 3.5 في المئة؛ وأضاف ..."}
 * {@code BreakIterator} ends a sentence after the abbreviation {@code د.} and none at {@code ؛}.
 * The rules here are Arabic-specific (abbreviations, speech-verb attributions, {@code ؛}) and
 * return offsets the reassembly needs; that is what its length buys.
 */
public final class SentenceSplitter {

    /** Words a short attribution may have after its speech verb ("قالت سارة أحمد."). */
    private static final int ATTRIBUTION_WORDS = 3;

    private static final Pattern DOTTED_ACRONYM = Pattern.compile("(?:[A-Za-z]\\.)+[A-Za-z]");

    /** Longest token (letters and inner dots) looked at as a possible abbreviation. */
    private static final int MAX_ABBREVIATION_CHARS = 12;

    private final SentenceRules rules;

    /** A splitter with {@link SentenceRules#defaults()}. */
    public SentenceSplitter() {
        this(SentenceRules.defaults());
    }

    /** A splitter with the given rules. */
    public SentenceSplitter(SentenceRules rules) {
        if (rules == null) {
            throw new IllegalArgumentException("rules must not be null");
        }
        this.rules = rules;
    }

    /** The paragraphs of {@code text}, each with its sentences. */
    public List<Paragraph> split(String text) {
        ArabicNormalizer.requireText(text);
        List<Paragraph> paragraphs = new ArrayList<>();
        List<Sentence> current = new ArrayList<>();
        int n = text.length();
        int pos = 0;
        while (pos <= n) {
            int eol = text.indexOf('\n', pos);
            if (eol < 0) {
                eol = n;
            }
            if (isBlank(text, pos, eol)) {
                close(paragraphs, current);
            } else {
                new LineScan(text, pos, eol, paragraphs.size(), current).run();
            }
            pos = eol + 1;
        }
        close(paragraphs, current);
        return List.copyOf(paragraphs);
    }

    /** All sentences of {@code text}, in order. */
    public List<Sentence> sentences(String text) {
        List<Sentence> all = new ArrayList<>();
        for (Paragraph p : split(text)) {
            all.addAll(p.sentences());
        }
        return all;
    }

    private static void close(List<Paragraph> paragraphs, List<Sentence> current) {
        if (current.isEmpty()) {
            return;
        }
        paragraphs.add(new Paragraph(paragraphs.size(), current.get(0).start(), current.get(current.size() - 1).end(), current));
        current.clear();
    }

    private static boolean isBlank(String text, int from, int to) {
        for (int i = from; i < to; i++) {
            if (!Character.isWhitespace(text.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    static boolean isTerminator(char c) {
        return c == '.' || c == '!' || c == '?' || c == '؟' || c == '؛' || c == '…' || c == '‼' || c == '⁉';
    }

    static boolean isDoubleQuote(char c) {
        return c == '"' || c == '“' || c == '”' || c == '„';
    }

    /** One line's scan; quote state never crosses a line break, since a line break always ends a sentence. */
    private final class LineScan {
        private final String text;
        private final int lineStart;
        private final int lineEnd;
        private final int paragraph;
        private final List<Sentence> out;
        private final int firstInLine;
        private int guillemets;
        private boolean doubleQuoteOpen;

        LineScan(String text, int lineStart, int lineEnd, int paragraph, List<Sentence> out) {
            this.text = text;
            this.lineStart = lineStart;
            this.lineEnd = lineEnd;
            this.paragraph = paragraph;
            this.out = out;
            this.firstInLine = out.size();
        }

        void run() {
            int start = skipSpaces(lineStart);
            int i = start;
            while (i < lineEnd) {
                char c = text.charAt(i);
                if (c == '«') {
                    guillemets++;
                } else if (c == '»') {
                    guillemets = Math.max(0, guillemets - 1);
                } else if (isDoubleQuote(c)) {
                    doubleQuoteOpen = opensQuote(i);
                }
                if (!isTerminator(c)) {
                    i++;
                    continue;
                }
                int runEnd = i + 1;
                while (runEnd < lineEnd && isTerminator(text.charAt(runEnd))) {
                    runEnd++;
                }
                if (runEnd - i == 1 && !terminates(i, start)) {
                    i++;
                    continue;
                }
                int end = runEnd;
                boolean closedQuote = false;
                while (end < lineEnd && isCloser(end)) {
                    char d = text.charAt(end);
                    if (d == '»' && guillemets > 0) {
                        guillemets--;
                        closedQuote = true;
                    } else if (isDoubleQuote(d) && doubleQuoteOpen) {
                        doubleQuoteOpen = false;
                        closedQuote = true;
                    }
                    end++;
                }
                if (!boundaryAfter(i, runEnd, end)
                        || (quoteOpen() && quoteClosesSoon(end))
                        || (closedQuote && text.charAt(runEnd - 1) != '.' && attributionFollows(end))
                        || lowercaseLatinFollows(end)) {
                    i = end;
                    continue;
                }
                emit(start, end);
                start = skipSpaces(end);
                i = start;
            }
            if (start < lineEnd) {
                emit(start, lineEnd);
            }
        }

        /** Whether a single terminator at {@code i} can end a sentence (numbers, abbreviations, list markers). */
        private boolean terminates(int i, int sentenceStart) {
            char c = text.charAt(i);
            if (c == '؛') {
                return rules.semicolonEndsSentence();
            }
            if (c != '.') {
                return true;
            }
            // Decimals (3.5, 1.000, ٣.٥) need no rule here: a period not followed by whitespace
            // only ends a sentence between Arabic letters (boundaryAfter).
            char next = i + 1 < lineEnd ? text.charAt(i + 1) : ' ';
            int k = i;
            while (k > sentenceStart && ArabicChars.isDigit(text.charAt(k - 1))) {
                k--;
            }
            if (k < i && k == sentenceStart && i - k <= 3 && out.size() == firstInLine && Character.isWhitespace(next)) {
                return false; // "1. " opening a line is a list marker
            }
            return !isAbbreviation(i);
        }

        private boolean isAbbreviation(int dot) {
            int k = dot;
            // Abbreviations are short; the bound keeps "a.a.a.a…" lines linear.
            int floor = Math.max(lineStart, dot - MAX_ABBREVIATION_CHARS);
            while (k > floor) {
                char p = text.charAt(k - 1);
                if (Character.isLetter(p) || ArabicNormalizer.isDiacritic(p) || (p == '.' && k - 1 > lineStart
                        && Character.isLetter(text.charAt(k - 2)))) {
                    k--;
                } else {
                    break;
                }
            }
            if (k == dot || (k == floor && k > lineStart && Character.isLetter(text.charAt(k - 1)))) {
                return false;
            }
            String token = text.substring(k, dot);
            if (rules.latinAbbreviations().contains(token) || rules.arabicAbbreviations().contains(token)) {
                return true;
            }
            String letters = stripDiacritics(token);
            if (letters.length() == 1 && ArabicChars.isArabicLetter(letters.charAt(0))) {
                return true; // single Arabic letters are titles: د. م. أ.
            }
            // Initials (J. K.) and dotted acronyms (U.S.) hold only before more Latin text: in
            // Arabic text "... على A. يبين" the capital is a grade or a name, and the period ends.
            boolean initials = (letters.length() == 1 && letters.charAt(0) >= 'A' && letters.charAt(0) <= 'Z')
                    || DOTTED_ACRONYM.matcher(letters).matches();
            return initials && latinFollows(dot + 1);
        }

        private boolean latinFollows(int from) {
            int k = skipSpaces(from);
            if (k == from && k < lineEnd) {
                return false;
            }
            char c = k < lineEnd ? text.charAt(k) : ' ';
            return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
        }

        /** After the terminator run and closers: whitespace, end of line, or Arabic glued to Arabic. */
        private boolean boundaryAfter(int runStart, int runEnd, int end) {
            if (end >= lineEnd || Character.isWhitespace(text.charAt(end))) {
                return true;
            }
            // Scrapes often drop the space after a full stop between Arabic words; Latin-only text
            // with no space (domains, e-mail, decimals) is never a boundary.
            return end == runEnd && runStart > lineStart
                    && ArabicChars.isArabicLetter(text.charAt(runStart - 1))
                    && ArabicChars.isArabicLetter(text.charAt(end));
        }

        private boolean quoteOpen() {
            return guillemets > 0 || doubleQuoteOpen;
        }

        private boolean quoteClosesSoon(int from) {
            int limit = Math.min(lineEnd, from + rules.quoteLookahead());
            for (int k = from; k < limit; k++) {
                char c = text.charAt(k);
                if (c == '«' || isTerminator(c)) {
                    return false; // another quote or sentence starts first: the fragment is not a tail
                }
                if (c == '»' && guillemets > 0) {
                    return true;
                }
                if (isDoubleQuote(c)) {
                    return doubleQuoteOpen && !opensQuote(k);
                }
            }
            return false;
        }

        /**
         * After a quote ending in {@code ! ? ؟ …}: "كما" + speech verb ("as he added") continues the
         * sentence; a bare speech verb continues it only when a short attribution follows (at most
         * {@link #ATTRIBUTION_WORDS} words, then a terminator, a comma or the line end), because
         * Arabic sentences often open with the verb ("قال فلان إن ...").
         */
        private boolean attributionFollows(int from) {
            int[] word = nextWord(from);
            if (word == null) {
                return false;
            }
            String w = ArabicNormalizer.normalize(text.substring(word[0], word[1]));
            if (w.equals("كما")) {
                word = nextWord(word[1]);
                return word != null && rules.speechVerbs().contains(ArabicNormalizer.normalize(text.substring(word[0], word[1])));
            }
            if (!rules.speechVerbs().contains(w)) {
                return false;
            }
            int k = word[1];
            for (int words = 0; words <= ATTRIBUTION_WORDS; words++) {
                k = skipSpaces(k);
                if (k >= lineEnd) {
                    return true;
                }
                char c = text.charAt(k);
                if (isTerminator(c) || c == '،' || c == ',') {
                    return true;
                }
                int[] next = nextWord(k);
                if (next == null) {
                    return false;
                }
                k = next[1];
            }
            return false;
        }

        private boolean lowercaseLatinFollows(int from) {
            int k = skipSpaces(from);
            return k < lineEnd && text.charAt(k) >= 'a' && text.charAt(k) <= 'z';
        }

        private int[] nextWord(int from) {
            int s = skipSpaces(from);
            int e = s;
            while (e < lineEnd && (Character.isLetter(text.charAt(e)) || ArabicNormalizer.isDiacritic(text.charAt(e)))) {
                e++;
            }
            return e > s ? new int[] {s, e} : null;
        }

        /** Closing brackets and quotes that stay with the sentence they follow. */
        private boolean isCloser(int j) {
            char d = text.charAt(j);
            if (d == ')' || d == ']' || d == '}' || d == '»' || d == '›') {
                return true;
            }
            if (isDoubleQuote(d) || d == '\'' || d == '’') {
                char next = j + 1 < lineEnd ? text.charAt(j + 1) : ' ';
                return Character.isWhitespace(next) || isDoubleQuote(next) || "'’)]}»›.,،؛:!?؟…".indexOf(next) >= 0;
            }
            return false;
        }

        /** Decides from its neighbours whether the double quote at {@code i} opens (true) or closes a quote. */
        private boolean opensQuote(int i) {
            char prev = i > lineStart ? text.charAt(i - 1) : ' ';
            char next = i + 1 < lineEnd ? text.charAt(i + 1) : ' ';
            boolean afterSpace = Character.isWhitespace(prev) || "([{«:—–-/".indexOf(prev) >= 0;
            boolean beforeSpace = Character.isWhitespace(next) || ".,،؛:!?؟…)]}»".indexOf(next) >= 0;
            if (afterSpace && !beforeSpace) {
                return true;
            }
            if (beforeSpace && !afterSpace) {
                return false;
            }
            return !doubleQuoteOpen;
        }

        private int skipSpaces(int from) {
            int k = from;
            while (k < lineEnd && Character.isWhitespace(text.charAt(k))) {
                k++;
            }
            return k;
        }

        private void emit(int start, int end) {
            int e = end;
            while (e > start && Character.isWhitespace(text.charAt(e - 1))) {
                e--;
            }
            if (e <= start) {
                return;
            }
            if (!hasWordCharacter(start, e) && out.size() > firstInLine) {
                // Stray punctuation (". . .") joins the sentence before it rather than standing alone.
                Sentence last = out.remove(out.size() - 1);
                out.add(new Sentence(paragraph, last.index(), last.start(), e, text.substring(last.start(), e)));
                return;
            }
            out.add(new Sentence(paragraph, out.size(), start, e, text.substring(start, e)));
        }

        private boolean hasWordCharacter(int from, int to) {
            for (int k = from; k < to; k++) {
                if (Character.isLetterOrDigit(text.charAt(k))) {
                    return true;
                }
            }
            return false;
        }
    }

    private static String stripDiacritics(String token) {
        StringBuilder sb = new StringBuilder(token.length());
        for (int i = 0; i < token.length(); i++) {
            char c = token.charAt(i);
            if (!ArabicNormalizer.isDiacritic(c) && c != ArabicChars.TATWEEL) {
                sb.append(c);
            }
        }
        return sb.toString();
    }
}
