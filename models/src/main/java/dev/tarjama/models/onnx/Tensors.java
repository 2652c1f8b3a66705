package dev.tarjama.models.onnx;

import ai.djl.ndarray.NDArray;
import ai.djl.onnxruntime.engine.OrtNDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.onnxruntime.OrtException;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.LongBuffer;

/** The few tensor operations the sessions need, done on buffers: the ONNX Runtime engine has no ops. */
final class Tensors {

    private Tensors() {}

    static NDArray int64(NDManager manager, long[] data, long... shape) {
        return manager.create(LongBuffer.wrap(data), new Shape(shape), DataType.INT64);
    }

    static NDArray float32(NDManager manager, float[] data, long... shape) {
        return manager.create(FloatBuffer.wrap(data), new Shape(shape), DataType.FLOAT32);
    }

    static NDArray bool(NDManager manager, boolean value) {
        return manager.create(new boolean[] {value});
    }

    /** A float tensor with no elements, e.g. an empty past {@code [b, H, 0, Dh]}. */
    static NDArray emptyFloat(NDManager manager, long... shape) {
        return manager.create(FloatBuffer.allocate(0), new Shape(shape), DataType.FLOAT32);
    }

    /**
     * Rows {@code rows} of {@code src} along the first axis, in that order (repeats allowed), as a
     * new tensor of {@code manager}. Copies through a direct buffer that ONNX Runtime uses in place.
     */
    static NDArray gatherRows(NDManager manager, NDArray src, int[] rows) {
        Shape shape = src.getShape();
        long batch = shape.get(0);
        DataType type = src.getDataType();
        int rowBytes = Math.toIntExact(batch == 0 ? 0 : shape.size() / batch * type.getNumOfBytes());
        ByteBuffer in = src.toByteBuffer();
        ByteBuffer out = ByteBuffer.allocateDirect(Math.multiplyExact(rowBytes, rows.length))
                .order(ByteOrder.nativeOrder());
        for (int row : rows) {
            out.put(in.slice(row * rowBytes, rowBytes));
        }
        out.rewind();
        long[] dims = shape.getShape().clone();
        dims[0] = rows.length;
        return manager.create(out, new Shape(dims), type);
    }

    /**
     * The last position of logits {@code [b, t, V]} as {@code float[b][V]}: the only part a step
     * returns.
     */
    static float[][] lastPosition(NDArray logits, int expectedRows, int vocab) {
        Shape shape = logits.getShape();
        if (shape.dimension() != 3 || shape.get(0) != expectedRows || shape.get(2) != vocab) {
            throw new IllegalStateException("logits have shape " + shape + ", expected [" + expectedRows
                    + ", t, " + vocab + "]");
        }
        int t = Math.toIntExact(shape.get(1));
        if (shape.size() > Integer.MAX_VALUE / Float.BYTES) {
            // Only the uncached baseline gets here: its logits cover the whole prefix.
            throw new IllegalStateException("logits " + shape + " exceed 2 GB; use the KV cache or a smaller batch");
        }
        if (t == 1 && logits instanceof OrtNDArray ort && logits.getDataType() == DataType.FLOAT32) {
            // One copy, native memory straight into the row arrays (toByteBuffer would copy twice).
            try {
                float[][][] value = (float[][][]) ort.getTensor().getValue();
                float[][] out = new float[expectedRows][];
                for (int r = 0; r < expectedRows; r++) {
                    out[r] = value[r][0];
                }
                return out;
            } catch (OrtException e) {
                throw new IllegalStateException("cannot read logits: " + e.getMessage(), e);
            }
        }
        FloatBuffer buffer = logits.toByteBuffer().asFloatBuffer();
        float[][] out = new float[expectedRows][vocab];
        for (int r = 0; r < expectedRows; r++) {
            buffer.position((r * t + t - 1) * vocab);
            buffer.get(out[r]);
        }
        return out;
    }

    static boolean isIdentity(int[] rows, int liveRows) {
        if (rows.length != liveRows) {
            return false;
        }
        for (int i = 0; i < rows.length; i++) {
            if (rows[i] != i) {
                return false;
            }
        }
        return true;
    }

    static void checkRows(int[] rows, int liveRows) {
        for (int row : rows) {
            if (row < 0 || row >= liveRows) {
                throw new IndexOutOfBoundsException("row " + row + " is not a live row (0.." + (liveRows - 1) + ")");
            }
        }
    }

    static void close(NDArray... arrays) {
        for (NDArray array : arrays) {
            if (array != null) {
                array.close();
            }
        }
    }
}
