package dev.tarjama.models.translate;

/**
 * One model output for one chunk.
 *
 * @param stoppedByLength a length limit ended it (docs/generation.md)
 * @param fromMemo it was reused from an identical input rather than generated for this chunk
 */
record PieceResult(String text, long[] ids, double score, int sourceTokens, boolean endedWithEos,
                   boolean stoppedByLength, boolean fromMemo) {

    int generatedTokens() {
        return ids.length;
    }

    PieceResult repeated() {
        return new PieceResult(text, ids, score, sourceTokens, endedWithEos, stoppedByLength, true);
    }

    /** About what the memo holds for it: the key's and these ids, the text, object headers. */
    long memoBytes() {
        return 8L * (sourceTokens + ids.length) + 2L * text.length() + 160;
    }
}
