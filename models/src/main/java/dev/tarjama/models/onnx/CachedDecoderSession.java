package dev.tarjama.models.onnx;

import ai.djl.inference.Predictor;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import dev.tarjama.models.generate.BestTokens;
import dev.tarjama.models.generate.StepProfile;
import dev.tarjama.models.generate.TopLogProbs;

import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.BiFunction;

/**
 * Decoding with a KV cache. Split: {@code decoder_model} at step 0, then {@code
 * decoder_with_past_model}. Merged: {@code use_cache_branch=false} with empty pasts at step 0, then
 * {@code true} with the previous decoder presents and the step-0 encoder presents (the with-past
 * branch only returns empty encoder constants).
 *
 * <p>Everything stays in ONNX Runtime's memory between steps: the presents of one step are the
 * pasts of the next, and a beam reorder gathers the self-attention cache with a graph run (the
 * cross-attention cache moves only when sentences do, see {@link EncodedSession}). Only the logits
 * rows, or their log-softmax computed by a graph run ({@link #stepLogSoftmax}), are copied to Java,
 * once.
 */
final class CachedDecoderSession extends EncodedSession {

    private final OnnxFile first;
    private final OnnxFile next;
    private final Predictor<NDList, NDList> firstPredictor;
    private final Predictor<NDList, NDList> nextPredictor;
    private final boolean merged;
    private final int layers;
    /** Per layer {@code 2i} key, {@code 2i+1} value; null before step 0. */
    private NDArray[] decoderCache;
    private NDArray[] encoderCache;
    private int step;

    CachedDecoderSession(OnnxSeq2SeqModel model, NDManager manager, NDArray encoderMask, NDArray encoderHidden,
            OnnxFile first, OnnxFile next, boolean merged) {
        super(model, manager, encoderMask, encoderHidden);
        this.first = first;
        this.next = next;
        this.merged = merged;
        this.layers = model.config().decoderLayers();
        this.firstPredictor = predictor(first);
        this.nextPredictor = merged ? firstPredictor : predictor(next);
    }

    @Override
    public float[][] step(long[] tokens) {
        return step(tokens, this::readLogits);
    }

    @Override
    public boolean logSoftmaxInSession() {
        return true;
    }

    @Override
    public float[][] stepLogSoftmax(long[] tokens) {
        return step(tokens, (file, logits) -> {
            try (NDArray logProbs = scorer.logSoftmax(logits)) {
                return readLogits(file, logProbs);
            }
        });
    }

    @Override
    public boolean topLogSoftmaxInSession() {
        return true;
    }

    @Override
    public TopLogProbs stepTopLogSoftmax(long[] tokens, int k) {
        if (k < 1 || k > model.vocabSize()) {
            throw new IllegalArgumentException("top-k needs 1 <= k <= " + model.vocabSize() + ", got " + k);
        }
        return step(tokens, (file, logits) -> scorer.topLogSoftmax(logits, k, rows));
    }

    @Override
    public boolean bestTokensInSession() {
        return true;
    }

    @Override
    public BestTokens stepBestTokens(long[] tokens, int[][] bans) {
        if (bans.length != rows) {
            throw new IllegalArgumentException(bans.length + " ban lists for " + rows + " live rows");
        }
        return step(tokens, (file, logits) -> scorer.bestTokens(logits, bans, rows));
    }

    /** One decoder run; {@code read} turns its logits (closed afterwards) into what the caller gets. */
    private <T> T step(long[] tokens, BiFunction<OnnxFile, NDArray, T> read) {
        checkStep(tokens);
        OnnxFile file = step == 0 ? first : next;
        Map<String, NDArray> inputs = new HashMap<>();
        NDArray ids = Tensors.int64(manager, tokens, rows, 1);
        inputs.put(OnnxInterface.INPUT_IDS, ids);
        inputs.put(OnnxInterface.ENCODER_ATTENTION_MASK, encoderMask);
        if (encoderHidden != null) {
            inputs.put(OnnxInterface.ENCODER_HIDDEN_STATES, encoderHidden);
        }
        NDArray[] temporaries = new NDArray[4 * layers + 1];
        if (merged) {
            NDArray flag = Tensors.bool(manager, step > 0);
            temporaries[4 * layers] = flag;
            inputs.put(OnnxInterface.USE_CACHE_BRANCH, flag);
        }
        if (step == 0) {
            if (merged) {
                long heads = model.config().decoderHeads();
                long headDim = model.config().decoderHeadDim();
                for (int k = 0; k < 2 * layers; k++) {
                    for (boolean enc : new boolean[] {false, true}) {
                        NDArray empty = Tensors.emptyFloat(manager, rows, heads, 0, headDim);
                        temporaries[2 * k + (enc ? 1 : 0)] = empty;
                        inputs.put(OnnxInterface.past(k / 2, enc, k % 2 == 1), empty);
                    }
                }
            }
        } else {
            for (int k = 0; k < 2 * layers; k++) {
                inputs.put(OnnxInterface.past(k / 2, false, k % 2 == 1), decoderCache[k]);
                inputs.put(OnnxInterface.past(k / 2, true, k % 2 == 1), encoderCache[k]);
            }
        }

        NDList outputs;
        long t = StepProfile.start();
        try {
            outputs = file.run(step == 0 ? firstPredictor : nextPredictor, inputs);
            StepProfile.add(StepProfile.Phase.DECODER, t);
        } finally {
            ids.close();
            Tensors.close(temporaries);
        }
        T logits = collect(file, outputs, read);
        if (step == 0 && encoderHidden != null && !next.inputNames().contains(OnnxInterface.ENCODER_HIDDEN_STATES)) {
            // Split with-past decoders read the encoder only through the cache: free it.
            encoderHidden.close();
            encoderHidden = null;
        }
        step++;
        return logits;
    }

    /**
     * Reads the logits with {@code read}, takes the new cache out of a run's outputs and closes
     * everything else.
     */
    private <T> T collect(OnnxFile file, NDList outputs, BiFunction<OnnxFile, NDArray, T> read) {
        NDArray[] newDecoder = new NDArray[2 * layers];
        NDArray[] newEncoder = step == 0 ? new NDArray[2 * layers] : null;
        Map<String, Integer> decoderSlots = model.presentSlots(false);
        Map<String, Integer> encoderSlots = model.presentSlots(true);
        T logits = null;
        Set<String> seen = new LinkedHashSet<>();
        try {
            for (NDArray out : outputs) {
                String name = out.getName();
                seen.add(name);
                Integer slot;
                if (OnnxInterface.LOGITS.equals(name)) {
                    try {
                        logits = read.apply(file, out);
                    } finally {
                        out.close();
                    }
                } else if ((slot = decoderSlots.get(name)) != null) {
                    out.setName(OnnxInterface.past(slot / 2, false, slot % 2 == 1));
                    newDecoder[slot] = out;
                } else if (newEncoder != null && (slot = encoderSlots.get(name)) != null) {
                    out.setName(OnnxInterface.past(slot / 2, true, slot % 2 == 1));
                    newEncoder[slot] = out;
                } else {
                    out.close();
                }
            }
            if (logits == null || hasNull(newDecoder) || (newEncoder != null && hasNull(newEncoder))) {
                throw new InferenceException(file.file(), "outputs " + seen + " lack some of "
                        + OnnxInterface.outputs(OnnxInterface.Kind.DECODER, layers));
            }
        } catch (RuntimeException e) {
            Tensors.close(newDecoder);
            if (newEncoder != null) {
                Tensors.close(newEncoder);
            }
            throw e;
        }
        if (decoderCache != null) {
            Tensors.close(decoderCache);
        }
        decoderCache = newDecoder;
        if (newEncoder != null) {
            encoderCache = newEncoder;
        }
        return logits;
    }

    private float[][] readLogits(OnnxFile file, NDArray out) {
        long t = StepProfile.start();
        try {
            return Tensors.lastPosition(out, rows, model.vocabSize());
        } catch (IllegalStateException e) {
            throw new InferenceException(file.file(), e.getMessage() + " (config vocab " + model.vocabSize() + ")");
        } finally {
            StepProfile.add(StepProfile.Phase.LOGITS_COPY, t);
        }
    }

    private static boolean hasNull(NDArray[] arrays) {
        for (NDArray array : arrays) {
            if (array == null) {
                return true;
            }
        }
        return false;
    }

    @Override
    void reorder(int[] selected, boolean sentencesMoved) {
        int cache = decoderCache == null ? 0 : decoderCache.length;
        boolean cross = sentencesMoved && encoderCache != null;
        boolean hidden = sentencesMoved && encoderHidden != null;
        NDArray[] arrays = new NDArray[cache + (cross ? encoderCache.length : 0) + (hidden ? 1 : 0)];
        if (arrays.length == 0) {
            return;
        }
        int n = 0;
        for (int k = 0; k < cache; k++) {
            arrays[n++] = decoderCache[k];
        }
        if (cross) {
            for (NDArray array : encoderCache) {
                arrays[n++] = array;
            }
        }
        if (hidden) {
            arrays[n++] = encoderHidden;
        }
        NDArray[] gathered = gather(arrays, selected);
        n = 0;
        for (int k = 0; k < cache; k++) {
            decoderCache[k] = gathered[n++];
        }
        if (cross) {
            for (int k = 0; k < encoderCache.length; k++) {
                encoderCache[k] = gathered[n++];
            }
        }
        if (hidden) {
            encoderHidden = gathered[n];
        }
    }

    /** Shapes of the cache after at least one step, for the load-time probe. */
    NDArray[] decoderCache() {
        return decoderCache;
    }

    NDArray[] encoderCache() {
        return encoderCache;
    }
}
