package dev.tarjama.models.text;

/** One row of a batch: the chunk's reference, its text and its token count. */
public record BatchItem(ChunkRef ref, String text, int tokens) {}
