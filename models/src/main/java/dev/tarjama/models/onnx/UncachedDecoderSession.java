package dev.tarjama.models.onnx;

import ai.djl.inference.Predictor;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import dev.tarjama.models.generate.StepProfile;

import java.util.HashMap;
import java.util.Map;

/**
 * Decoding without a KV cache, the benchmark baseline: every step re-runs the decoder (split
 * {@code decoder_model}, or the merged file on its no-cache branch) over each row's whole prefix.
 */
final class UncachedDecoderSession extends EncodedSession {

    private final OnnxFile decoder;
    private final Predictor<NDList, NDList> predictor;
    private final boolean merged;
    /** {@code history[r]} = row r's tokens so far; all rows have the same length. */
    private long[][] history;
    private int length;

    UncachedDecoderSession(OnnxSeq2SeqModel model, NDManager manager, NDArray encoderMask, NDArray encoderHidden,
            OnnxFile decoder, boolean merged) {
        super(model, manager, encoderMask, encoderHidden);
        this.decoder = decoder;
        this.merged = merged;
        this.predictor = predictor(decoder);
        this.history = new long[rows][16];
    }

    @Override
    public float[][] step(long[] tokens) {
        checkStep(tokens);
        if (length == history[0].length) {
            for (int r = 0; r < rows; r++) {
                history[r] = java.util.Arrays.copyOf(history[r], 2 * length);
            }
        }
        long[] flat = new long[rows * (length + 1)];
        for (int r = 0; r < rows; r++) {
            history[r][length] = tokens[r];
            System.arraycopy(history[r], 0, flat, r * (length + 1), length + 1);
        }
        length++;

        int layers = model.config().decoderLayers();
        NDArray[] temporaries = new NDArray[4 * layers + 2];
        Map<String, NDArray> inputs = new HashMap<>();
        temporaries[0] = Tensors.int64(manager, flat, rows, length);
        inputs.put(OnnxInterface.INPUT_IDS, temporaries[0]);
        inputs.put(OnnxInterface.ENCODER_ATTENTION_MASK, encoderMask);
        inputs.put(OnnxInterface.ENCODER_HIDDEN_STATES, encoderHidden);
        if (merged) {
            temporaries[1] = Tensors.bool(manager, false);
            inputs.put(OnnxInterface.USE_CACHE_BRANCH, temporaries[1]);
            long heads = model.config().decoderHeads();
            long headDim = model.config().decoderHeadDim();
            int t = 2;
            for (int i = 0; i < layers; i++) {
                for (boolean enc : new boolean[] {false, true}) {
                    for (boolean value : new boolean[] {false, true}) {
                        NDArray empty = Tensors.emptyFloat(manager, rows, heads, 0, headDim);
                        temporaries[t++] = empty;
                        inputs.put(OnnxInterface.past(i, enc, value), empty);
                    }
                }
            }
        }
        NDList outputs;
        long t = StepProfile.start();
        try {
            outputs = decoder.run(predictor, inputs);
        } finally {
            Tensors.close(temporaries);
        }
        t = StepProfile.add(StepProfile.Phase.DECODER, t);
        float[][] logits = null;
        try {
            for (NDArray out : outputs) {
                if (OnnxInterface.LOGITS.equals(out.getName())) {
                    logits = Tensors.lastPosition(out, rows, model.vocabSize());
                }
            }
        } catch (IllegalStateException e) {
            throw new InferenceException(decoder.file(), e.getMessage());
        } finally {
            outputs.close();
        }
        StepProfile.add(StepProfile.Phase.LOGITS_COPY, t);
        if (logits == null) {
            throw new InferenceException(decoder.file(), "no logits output");
        }
        return logits;
    }

    @Override
    void reorder(int[] selected, boolean sentencesMoved) {
        if (sentencesMoved) {
            encoderHidden = gather(new NDArray[] {encoderHidden}, selected)[0];
        }
        long[][] reordered = new long[selected.length][];
        for (int i = 0; i < selected.length; i++) {
            reordered[i] = history[selected[i]].clone();
        }
        history = reordered;
    }
}
