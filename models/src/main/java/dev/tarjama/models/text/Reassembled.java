package dev.tarjama.models.text;

import java.util.List;

/**
 * A document put back together: the full translation (sentences joined with a space, paragraphs
 * with a blank line), the per-sentence alignment, and how many pieces had no translation.
 */
public record Reassembled(String text, List<TranslatedSentence> sentences, int missingPieces) {

    /** Copies the sentence list. */
    public Reassembled {
        sentences = List.copyOf(sentences);
    }

    /** True when every piece had a translation. */
    public boolean complete() {
        return missingPieces == 0;
    }
}
