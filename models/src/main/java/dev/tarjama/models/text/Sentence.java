package dev.tarjama.models.text;

/**
 * One sentence of a text: its paragraph, its index within that paragraph, and its character
 * offsets {@code [start, end)} into the text given to {@link SentenceSplitter}; {@code text} is that
 * substring (never blank, never with surrounding whitespace).
 */
public record Sentence(int paragraph, int index, int start, int end, String text) {

    /** Validates the offsets against the text. */
    public Sentence {
        if (paragraph < 0 || index < 0 || start < 0 || end - start != text.length()) {
            throw new IllegalArgumentException("inconsistent sentence " + paragraph + "/" + index + " [" + start + "," + end + ")");
        }
    }
}
