package dev.tarjama.models.translate;

import dev.tarjama.models.text.Chunk;
import dev.tarjama.models.text.ChunkRef;
import dev.tarjama.models.text.Reassembled;
import dev.tarjama.models.text.Reassembler;
import dev.tarjama.models.text.TranslatedSentence;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;

/** One document's model outputs put back together: its text in source order and one segment per sentence. */
final class SegmentAssembly {

    private SegmentAssembly() {}

    /** The document's translated text; appends its segments to {@code segments}. */
    static String assemble(int document, List<Chunk> chunks, Map<ChunkRef, PieceResult> results,
                           boolean title, List<SegmentTranslation> segments) {
        Map<ChunkRef, String> texts = new HashMap<>();
        // Per sentence: pieces' results, to aggregate score, tokens and notes.
        Map<Long, List<PieceResult>> bySentence = new HashMap<>();
        for (Chunk chunk : chunks) {
            ChunkRef ref = ChunkRef.of(document, chunk);
            PieceResult r = results.get(ref);
            if (r != null) {
                texts.put(ref, r.text());
                bySentence.computeIfAbsent(sentenceKey(chunk.paragraph(), chunk.sentence()), k -> new ArrayList<>()).add(r);
            }
        }
        Reassembled reassembled = Reassembler.reassemble(document, chunks, texts);
        for (TranslatedSentence s : reassembled.sentences()) {
            List<PieceResult> pieces = bySentence.getOrDefault(sentenceKey(s.paragraph(), s.index()), List.of());
            int pieceCount = (int) chunks.stream()
                    .filter(c -> c.paragraph() == s.paragraph() && c.sentence() == s.index()).count();
            segments.add(segment(title ? -1 : s.paragraph(), s, pieces, pieceCount));
        }
        return reassembled.text();
    }

    private static SegmentTranslation segment(int paragraph, TranslatedSentence s, List<PieceResult> pieces, int pieceCount) {
        int sourceTokens = 0;
        int generated = 0;
        double weighted = 0;
        boolean hitLimit = false;
        LongStream.Builder ids = LongStream.builder();
        for (PieceResult p : pieces) {
            Arrays.stream(p.ids()).forEach(ids::add);
            sourceTokens += p.sourceTokens();
            generated += p.generatedTokens();
            weighted += p.score() * p.generatedTokens();
            hitLimit |= p.stoppedByLength();
        }
        List<String> notes = new ArrayList<>();
        if (pieceCount > 1) {
            notes.add("split:" + pieceCount);
        }
        if (hitLimit) {
            notes.add("max_length");
        }
        if (!s.complete()) {
            notes.add("missing_pieces");
        }
        double score = generated == 0 ? 0.0 : weighted / generated;
        return new SegmentTranslation(
                paragraph, s.index(), s.source(), s.text(), score, sourceTokens, generated, notes, ids.build().toArray());
    }

    private static long sentenceKey(int paragraph, int sentence) {
        return ((long) paragraph << 32) | (sentence & 0xffffffffL);
    }
}
