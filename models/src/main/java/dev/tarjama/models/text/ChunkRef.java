package dev.tarjama.models.text;

/** Where a chunk came from: document index (position in the planner's input), paragraph, sentence, piece. */
public record ChunkRef(int document, int paragraph, int sentence, int piece) {

    /** The reference of {@code chunk} in document {@code document}. */
    public static ChunkRef of(int document, Chunk chunk) {
        return new ChunkRef(document, chunk.paragraph(), chunk.sentence(), chunk.piece());
    }
}
