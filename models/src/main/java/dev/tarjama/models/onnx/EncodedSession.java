package dev.tarjama.models.onnx;

import ai.djl.inference.Predictor;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import dev.tarjama.models.generate.DecoderSession;
import dev.tarjama.models.generate.StepProfile;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * What both decoder sessions share: the encoder output and mask of the live rows, the session's
 * own tensor manager and predictors, reordering rows in native memory, and closing it all.
 *
 * <p>Rows carry two kinds of state. Per row: the self-attention cache, which a beam reorder must
 * move. Per source sentence: the encoder output, its mask and the cross-attention cache, equal for
 * all rows of one sentence; they move only when the rows' sentences change (the first beam step
 * repeats each sentence k times, finished sentences leave), never when beams trade places within
 * a sentence, as CTranslate2's decoder state and Optimum's {@code _reorder_cache} also do.
 */
abstract class EncodedSession implements DecoderSession {

    final OnnxSeq2SeqModel model;
    final NDManager manager;
    private final List<Predictor<?, ?>> predictors = new ArrayList<>();
    private final Map<OnnxFile, Predictor<NDList, NDList>> helpers = new IdentityHashMap<>();
    /** {@code [rows, s]} int64, named {@code encoder_attention_mask}. */
    NDArray encoderMask;
    /** {@code [rows, s, d]} float, named {@code encoder_hidden_states}; null once no file needs it. */
    NDArray encoderHidden;
    int rows;
    /** The input row (source sentence) each live row belongs to. */
    private int[] rowSource;
    private boolean closed;
    /** Runs the scoring graphs on this session's step logits, with this session's predictors. */
    final StepScorer scorer;

    EncodedSession(OnnxSeq2SeqModel model, NDManager manager, NDArray encoderMask, NDArray encoderHidden) {
        this.model = model;
        this.manager = manager;
        this.encoderMask = encoderMask;
        this.encoderHidden = encoderHidden;
        this.rows = Math.toIntExact(encoderMask.getShape().get(0));
        this.rowSource = new int[rows];
        this.scorer = new StepScorer(model.scoring(), manager, this::helper, model.vocabSize());
        for (int r = 0; r < rows; r++) {
            rowSource[r] = r;
        }
    }

    final Predictor<NDList, NDList> predictor(OnnxFile file) {
        Predictor<NDList, NDList> predictor = file.newPredictor();
        predictors.add(predictor);
        return predictor;
    }

    /** This session's predictor for one of the model's helper graphs, made on first use. */
    final Predictor<NDList, NDList> helper(OnnxFile file) {
        return helpers.computeIfAbsent(file, this::predictor);
    }

    @Override
    public final int rows() {
        return rows;
    }

    final void checkStep(long[] tokens) {
        checkOpen();
        if (tokens.length != rows) {
            throw new IllegalArgumentException("step got " + tokens.length + " tokens for " + rows + " live rows");
        }
        if (rows == 0) {
            throw new IllegalStateException("no live rows left to step");
        }
    }

    final void checkOpen() {
        if (closed) {
            throw new IllegalStateException("decoder session is closed");
        }
    }

    @Override
    public final void select(int[] selected) {
        checkOpen();
        if (Tensors.isIdentity(selected, rows)) {
            return;
        }
        Tensors.checkRows(selected, rows);
        long t = StepProfile.start();
        int[] sources = new int[selected.length];
        for (int i = 0; i < selected.length; i++) {
            sources[i] = rowSource[selected[i]];
        }
        boolean sentencesMoved = !Arrays.equals(sources, rowSource);
        if (sentencesMoved) {
            // int64 and a few hundred bytes a row: cheaper in Java than a graph run.
            String name = encoderMask.getName();
            NDArray mask = Tensors.gatherRows(manager, encoderMask, selected);
            mask.setName(name);
            encoderMask.close();
            encoderMask = mask;
        }
        reorder(selected, sentencesMoved);
        rowSource = sources;
        rows = selected.length;
        StepProfile.add(StepProfile.Phase.REORDER, t);
    }

    /**
     * Reorders the float tensors kept per row: the subclass's cache always, and the encoder output
     * when {@code sentencesMoved}. The mask is done.
     */
    abstract void reorder(int[] selected, boolean sentencesMoved);

    /**
     * Gathers rows {@code selected} of every array in one ONNX Runtime run, in native memory, and
     * returns the new arrays in the same order, named as the old ones; closes the old arrays.
     */
    final NDArray[] gather(NDArray[] arrays, int[] selected) {
        for (NDArray array : arrays) {
            if (array.getDataType() != DataType.FLOAT32) {
                // The graphs are built for float tensors, which every supported export's cache is.
                return gatherInJava(arrays, selected);
            }
        }
        OnnxFile file = model.gather(arrays.length);
        long[] indices = new long[selected.length];
        for (int i = 0; i < selected.length; i++) {
            indices[i] = selected[i];
        }
        String[] names = new String[arrays.length];
        Map<String, NDArray> inputs = new HashMap<>();
        NDArray rowIndex = Tensors.int64(manager, indices, indices.length);
        inputs.put(HelperGraphs.ROWS, rowIndex);
        for (int i = 0; i < arrays.length; i++) {
            names[i] = arrays[i].getName();
            inputs.put(HelperGraphs.input(i), arrays[i]);
        }
        NDList outputs;
        try {
            outputs = file.run(helper(file), inputs);
        } finally {
            rowIndex.close();
        }
        NDArray[] gathered = new NDArray[arrays.length];
        for (NDArray out : outputs) {
            String name = out.getName();
            int i = name.startsWith("y") ? Integer.parseInt(name.substring(1)) : -1;
            if (i < 0 || i >= gathered.length) {
                out.close();
                continue;
            }
            out.setName(names[i]);
            gathered[i] = out;
        }
        for (int i = 0; i < gathered.length; i++) {
            if (gathered[i] == null) {
                Tensors.close(gathered);
                throw new InferenceException(file.file(), "no output " + HelperGraphs.output(i));
            }
        }
        for (NDArray array : arrays) {
            array.close();
        }
        return gathered;
    }

    private NDArray[] gatherInJava(NDArray[] arrays, int[] selected) {
        NDArray[] gathered = new NDArray[arrays.length];
        for (int i = 0; i < arrays.length; i++) {
            gathered[i] = Tensors.gatherRows(manager, arrays[i], selected);
            gathered[i].setName(arrays[i].getName());
            arrays[i].close();
        }
        return gathered;
    }

    @Override
    public final void close() {
        if (closed) {
            return;
        }
        closed = true;
        for (Predictor<?, ?> predictor : predictors) {
            predictor.close();
        }
        manager.close();
    }
}
