package dev.tarjama.models.onnx;

import ai.djl.inference.Predictor;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import dev.tarjama.models.generate.DecoderSession;

import java.util.ArrayList;
import java.util.List;

/**
 * What both decoder sessions share: the encoder output and mask of the live rows, the session's
 * own tensor manager and predictors, and closing them.
 */
abstract class EncodedSession implements DecoderSession {

    final OnnxSeq2SeqModel model;
    final NDManager manager;
    private final List<Predictor<?, ?>> predictors = new ArrayList<>();
    /** {@code [rows, s]} int64, named {@code encoder_attention_mask}. */
    NDArray encoderMask;
    /** {@code [rows, s, d]} float, named {@code encoder_hidden_states}; null once no file needs it. */
    NDArray encoderHidden;
    int rows;
    private boolean closed;

    EncodedSession(OnnxSeq2SeqModel model, NDManager manager, NDArray encoderMask, NDArray encoderHidden) {
        this.model = model;
        this.manager = manager;
        this.encoderMask = encoderMask;
        this.encoderHidden = encoderHidden;
        this.rows = Math.toIntExact(encoderMask.getShape().get(0));
    }

    final Predictor<NDList, NDList> predictor(OnnxFile file) {
        Predictor<NDList, NDList> predictor = file.newPredictor();
        predictors.add(predictor);
        return predictor;
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
        encoderMask = gather(encoderMask, selected);
        encoderHidden = gather(encoderHidden, selected);
        selectCache(selected);
        rows = selected.length;
    }

    /** Reorders whatever the subclass keeps per row. */
    abstract void selectCache(int[] selected);

    /** Gathers {@code rows} of {@code array} into a new tensor and closes the old one; null stays null. */
    final NDArray gather(NDArray array, int[] selected) {
        if (array == null) {
            return null;
        }
        String name = array.getName();
        NDArray gathered = Tensors.gatherRows(manager, array, selected);
        gathered.setName(name);
        array.close();
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
