package dev.tarjama.models.summarize;

/**
 * How long an extractive summary may be: at most {@code limit} sentences, or at most {@code limit}
 * words (whitespace-separated tokens of the chosen source sentences).
 */
public record SummaryBudget(Unit unit, int limit) {

    /** What a budget counts. */
    public enum Unit {
        SENTENCES,
        WORDS
    }

    /** Validates the budget. */
    public SummaryBudget {
        if (unit == null) {
            throw new IllegalArgumentException("unit must not be null");
        }
        if (limit < 1) {
            throw new IllegalArgumentException("budget limit must be at least 1, got " + limit);
        }
    }

    /** At most {@code n} sentences. */
    public static SummaryBudget sentences(int n) {
        return new SummaryBudget(Unit.SENTENCES, n);
    }

    /** At most {@code n} words. */
    public static SummaryBudget words(int n) {
        return new SummaryBudget(Unit.WORDS, n);
    }

    /** What one sentence costs under this budget. */
    int cost(String sentence) {
        return unit == Unit.SENTENCES ? 1 : wordCount(sentence);
    }

    /** Whitespace-separated tokens; the unit of a word budget. */
    static int wordCount(String text) {
        int words = 0;
        boolean inWord = false;
        for (int i = 0; i < text.length(); i++) {
            boolean space = Character.isWhitespace(text.charAt(i));
            if (!space && !inWord) {
                words++;
            }
            inWord = !space;
        }
        return words;
    }

    @Override
    public String toString() {
        return limit + (unit == Unit.SENTENCES ? " sentences" : " words");
    }
}
