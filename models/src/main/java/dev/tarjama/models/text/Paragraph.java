package dev.tarjama.models.text;

import java.util.List;

/** One paragraph of a text: its index, its offsets {@code [start, end)} and its sentences in order. */
public record Paragraph(int index, int start, int end, List<Sentence> sentences) {

    /** Copies the sentence list. */
    public Paragraph {
        sentences = List.copyOf(sentences);
    }
}
