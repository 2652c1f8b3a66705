package dev.tarjama.jobs.newsletter;

import dev.tarjama.models.text.Sentence;
import dev.tarjama.models.text.SentenceSplitter;

/**
 * The summary shown for an article: the summary stage's text when present, else the first sentences
 * of the body, because a run may have no summary stage. The fallback takes whole sentences (split by
 * the job's own {@link SentenceSplitter}, which knows Arabic punctuation) until {@link #MAX_CHARS}
 * would be passed, at least one sentence, and cuts a single overlong sentence at a word with "…".
 */
public final class Summaries {
    /** Sentences taken from the body at most. */
    public static final int MAX_SENTENCES = 2;
    /** Characters of fallback text at most (about two lines of an email). */
    public static final int MAX_CHARS = 320;

    private static final SentenceSplitter SPLITTER = new SentenceSplitter();

    private Summaries() {}

    /** {@code summary} when it has text, else the lead of {@code body}; "" when both are empty. */
    public static String of(String summary, String body) {
        if (!isBlank(summary)) {
            return summary.strip();
        }
        return isBlank(body) ? "" : lead(body);
    }

    /** The first sentences of {@code body}, within {@link #MAX_SENTENCES} and {@link #MAX_CHARS}. */
    static String lead(String body) {
        StringBuilder out = new StringBuilder();
        int taken = 0;
        for (Sentence s : SPLITTER.sentences(body)) {
            String text = s.text().strip();
            if (text.isEmpty()) {
                continue;
            }
            if (taken > 0 && out.length() + 1 + text.length() > MAX_CHARS) {
                break;
            }
            if (taken > 0) {
                out.append(' ');
            }
            out.append(text);
            if (++taken == MAX_SENTENCES) {
                break;
            }
        }
        return cut(out.toString());
    }

    private static String cut(String text) {
        if (text.length() <= MAX_CHARS) {
            return text;
        }
        int space = text.lastIndexOf(' ', MAX_CHARS - 1);
        int end = space > MAX_CHARS / 2 ? space : MAX_CHARS - 1;
        return text.substring(0, end).strip() + "…";
    }

    static boolean isBlank(String s) {
        return s == null || s.isBlank();
    }
}
