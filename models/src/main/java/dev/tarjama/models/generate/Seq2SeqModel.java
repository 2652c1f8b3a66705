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

    /**
     * Threads the search may use for a step's per-row Java work (log-softmax, processors, top-2k):
     * the cores the model computes on, which are idle while the search looks at the logits. One
     * keeps that work on the calling thread.
     */
    default int searchThreads() {
        return 1;
    }
}
