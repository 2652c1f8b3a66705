package dev.tarjama.models.summarize;

import java.util.List;

/**
 * One abstractive summary.
 *
 * @param text the decoded summary, special tokens skipped, outer whitespace stripped
 * @param ids generated ids of the final generation after the decoder start, EOS included if produced
 * @param score mean token log-probability of the final generation
 * @param notes what was done to fit the input, e.g. {@code input_truncated:1400->1021},
 *     {@code chunked:3}; empty when the input was used as it is
 * @param sourceTokens tokens of the whole input text, special tokens included (before any fitting)
 * @param generatedTokens tokens of the final generation ({@code ids.length})
 * @param endedWithEos false when the final generation stopped at {@code max_length}
 */
public record AbstractiveSummary(
        String text, long[] ids, double score, List<String> notes, int sourceTokens, int generatedTokens,
        boolean endedWithEos) {

    public AbstractiveSummary {
        ids = ids.clone();
        notes = List.copyOf(notes);
    }

    @Override
    public long[] ids() {
        return ids.clone();
    }

    /** The summary of an empty or blank text: nothing generated. */
    static AbstractiveSummary empty() {
        return new AbstractiveSummary("", new long[0], 0.0, List.of("empty_input"), 0, 0, false);
    }
}
