package dev.tarjama.models.summarize;

import java.util.List;
import java.util.stream.Collectors;

/**
 * The sentences an extractive summary chose, in source order.
 *
 * @param sentences the chosen sentences, in source order
 * @param sourceSentences how many sentences the article had
 * @param overBudget true only when no single sentence fit a word budget, so the best-ranked
 *     sentence was taken alone rather than returning nothing
 */
public record ExtractiveSummary(List<RankedSentence> sentences, int sourceSentences, boolean overBudget) {

    /** Copies the list. */
    public ExtractiveSummary {
        sentences = List.copyOf(sentences);
    }

    /** The summary with no sentences. */
    public static ExtractiveSummary empty() {
        return new ExtractiveSummary(List.of(), 0, false);
    }

    /** The chosen sentences joined with single spaces. */
    public String text() {
        return sentences.stream().map(RankedSentence::text).collect(Collectors.joining(" "));
    }

    /** Whitespace-separated words of {@link #text()}. */
    public int words() {
        return SummaryBudget.wordCount(text());
    }
}
