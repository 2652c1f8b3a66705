package dev.tarjama.models.text;

/**
 * One source sentence with its translation: pieces of a split sentence joined with a space;
 * {@code complete} is false when a piece had no translation (its text is then what there was).
 */
public record TranslatedSentence(int paragraph, int index, String source, String text, boolean split, boolean complete) {}
