package dev.tarjama.models.translate;

import java.util.List;

/**
 * One translated sentence of an article, in source order.
 *
 * @param paragraph paragraph index in the cleaned body; {@code -1} for the title
 * @param sentence sentence index within the paragraph
 * @param source the cleaned Arabic sentence
 * @param target its English translation (pieces of a split sentence joined)
 * @param score mean token log-probability (the mean over pieces for a split sentence)
 * @param sourceTokens tokens fed to the encoder, EOS included, over all pieces
 * @param generatedTokens tokens generated, EOS included, over all pieces
 * @param notes machine-readable notes such as {@code split:3} (sent in 3 pieces) or
 *     {@code max_length} (a length limit stopped a piece, even if the forced EOS ended it)
 * @param ids generated ids of every piece in order, each piece's EOS included if produced
 */
public record SegmentTranslation(
        int paragraph,
        int sentence,
        String source,
        String target,
        double score,
        int sourceTokens,
        int generatedTokens,
        List<String> notes,
        long[] ids) {

    public SegmentTranslation {
        notes = List.copyOf(notes);
        ids = ids.clone();
    }

    @Override
    public long[] ids() {
        return ids.clone();
    }
}
