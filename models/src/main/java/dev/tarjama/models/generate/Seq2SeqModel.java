package dev.tarjama.models.generate;

/**
 * An encoder-decoder model as the search sees it: plain arrays in, plain logits out.
 *
 * <p>Only the ONNX implementation touches native code; tests script their own implementations so
 * the search is exercised without an engine.
 */
public interface Seq2SeqModel {

    /** Number of entries in every logits row. */
    int vocabSize();

    /**
     * Runs the encoder once over a batch of token rows (ragged; the model pads and masks) and
     * returns a decoder session with one live row per input row, in the same order.
     */
    DecoderSession start(long[][] inputIds);
}
