package dev.tarjama.models.summarize;

/**
 * One source sentence with its centrality.
 *
 * @param paragraph paragraph index in the cleaned body (as in {@code Sentence} and {@code SegmentTranslation})
 * @param index sentence index within the paragraph
 * @param text the sentence exactly as given
 * @param score its lead-biased centrality; the scores of an article sum to 1
 * @param rank 0 for the most central sentence; ties go to the earlier sentence
 */
public record RankedSentence(int paragraph, int index, String text, double score, int rank) {}
