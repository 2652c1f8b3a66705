package dev.tarjama.models.text;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Puts translated chunks back into document order: pieces of a sentence and sentences of a
 * paragraph joined with a space, paragraphs with a blank line. A missing translation is counted,
 * never silently skipped.
 */
public final class Reassembler {

    private Reassembler() {}

    /**
     * Reassembles document {@code document} from its chunks and translations keyed by
     * {@link ChunkRef} (as {@link BatchPlanner} handed them out).
     */
    public static Reassembled reassemble(int document, List<Chunk> chunks, Map<ChunkRef, String> translations) {
        return reassemble(chunks, chunk -> translations.get(ChunkRef.of(document, chunk)));
    }

    /** Reassembles one document; {@code translation} returns null for a chunk without translation. */
    public static Reassembled reassemble(List<Chunk> chunks, Function<Chunk, String> translation) {
        List<Chunk> ordered = new ArrayList<>(chunks);
        ordered.sort(Comparator.comparingInt(Chunk::paragraph).thenComparingInt(Chunk::sentence).thenComparingInt(Chunk::piece));
        List<TranslatedSentence> sentences = new ArrayList<>();
        StringBuilder doc = new StringBuilder();
        int missing = 0;
        int i = 0;
        int lastParagraph = -1;
        boolean paragraphHasText = false;
        while (i < ordered.size()) {
            Chunk first = ordered.get(i);
            StringBuilder source = new StringBuilder();
            StringBuilder target = new StringBuilder();
            boolean complete = true;
            int j = i;
            for (; j < ordered.size() && ordered.get(j).paragraph() == first.paragraph()
                    && ordered.get(j).sentence() == first.sentence(); j++) {
                Chunk piece = ordered.get(j);
                appendWithSpace(source, piece.text());
                String t = translation.apply(piece);
                if (t == null) {
                    complete = false;
                    missing++;
                } else {
                    appendWithSpace(target, t.strip());
                }
            }
            if (j - i != first.pieces()) {
                missing += Math.max(0, first.pieces() - (j - i));
                complete = false;
            }
            sentences.add(new TranslatedSentence(first.paragraph(), first.sentence(), source.toString(),
                    target.toString(), first.split(), complete));
            if (first.paragraph() != lastParagraph) {
                lastParagraph = first.paragraph();
                paragraphHasText = false;
            }
            if (target.length() > 0) {
                if (doc.length() > 0) {
                    doc.append(paragraphHasText ? " " : "\n\n");
                }
                doc.append(target);
                paragraphHasText = true;
            }
            i = j;
        }
        return new Reassembled(doc.toString(), sentences, missing);
    }

    private static void appendWithSpace(StringBuilder sb, String text) {
        if (text.isEmpty()) {
            return;
        }
        if (sb.length() > 0) {
            sb.append(' ');
        }
        sb.append(text);
    }
}
