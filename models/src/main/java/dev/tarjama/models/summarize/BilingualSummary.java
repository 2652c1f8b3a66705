package dev.tarjama.models.summarize;

import java.util.List;

/**
 * An extractive summary in both languages: the chosen Arabic sentences and the English
 * translations of exactly those sentences, in the same order.
 *
 * @param selection the chosen Arabic sentences with their scores and positions
 * @param arabic the chosen Arabic sentences joined with single spaces
 * @param english the {@code target}s of the chosen segments joined with single spaces
 * @param untranslated positions ({@code paragraph/sentence}) of chosen segments without a
 *     translation (null or blank target); they are left out of {@code english}
 */
public record BilingualSummary(ExtractiveSummary selection, String arabic, String english, List<String> untranslated) {

    /** Copies the list. */
    public BilingualSummary {
        untranslated = List.copyOf(untranslated);
    }
}
