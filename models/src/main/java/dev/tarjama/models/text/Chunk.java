package dev.tarjama.models.text;

/**
 * A model-sized piece of one sentence: piece {@code piece} of {@code pieces} (one piece when the
 * sentence fit), its text and its token count as the packer's counter measured it.
 */
public record Chunk(int paragraph, int sentence, int piece, int pieces, String text, int tokens) {

    /** Validates the piece numbering. */
    public Chunk {
        if (paragraph < 0 || sentence < 0 || pieces < 1 || piece < 0 || piece >= pieces || text == null || tokens < 0) {
            throw new IllegalArgumentException("inconsistent chunk " + paragraph + "/" + sentence + " piece " + piece + " of " + pieces);
        }
    }

    /** True when the sentence was too long for the model and was cut into several pieces. */
    public boolean split() {
        return pieces > 1;
    }
}
