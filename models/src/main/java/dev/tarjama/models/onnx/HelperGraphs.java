package dev.tarjama.models.onnx;

/**
 * The tiny ONNX graphs that ONNX Runtime runs beside the model so that work on its outputs stays in
 * native memory (docs/benchmarks.md, "Where a step's time goes"). {@link #gatherRows}: {@code y_i =
 * Gather(x_i, rows, axis 0)} for {@code count} tensors at once, the way beam search reorders a KV
 * cache (ONNX Runtime's BeamSearch op, Optimum's {@code _reorder_cache} and CTranslate2 all gather
 * along the batch axis). {@link #logSoftmax}: {@code y0 = LogSoftmax(x0, axis -1)} over a step's
 * logits, which ONNX Runtime computes with vector instructions on all its threads, where Java's
 * scalar exponential was most of beam search's Java work; {@link #logSoftmaxTopK} keeps only each
 * row's best entries; {@link #bestTokens} does greedy's argmax and its log-probability. Written with
 * {@link ProtoWriter} at opset 11 (12 where noted).
 */
final class HelperGraphs {

    static final String ROWS = "rows";
    static final String K = "k";
    static final String BIAS = "bias";

    /** {@code TensorProto.DataType} values. */
    static final int FLOAT = 1;
    static final int INT64 = 7;

    private static final int IR_VERSION = 6;
    private static final int OPSET = 11;
    private static final int ATTRIBUTE_INT = 2;

    private HelperGraphs() {}

    static String input(int i) {
        return "x" + i;
    }

    static String output(int i) {
        return "y" + i;
    }

    /** Gathers rows {@code rows} (int64, repeats allowed) of {@code count} tensors of one element type. */
    static byte[] gatherRows(int count, int elementType) {
        if (count < 1) {
            throw new IllegalArgumentException("gather needs at least one tensor, got " + count);
        }
        ProtoWriter graph = new ProtoWriter();
        for (int i = 0; i < count; i++) {
            graph.message(1, node("Gather", new String[] {input(i), ROWS}, new String[] {output(i)},
                    attributeInt("axis", 0)));
        }
        graph.string(2, "tarjama_gather_rows_" + count);
        graph.message(11, valueInfo(ROWS, INT64));
        for (int i = 0; i < count; i++) {
            graph.message(11, valueInfo(input(i), elementType));
        }
        for (int i = 0; i < count; i++) {
            graph.message(12, valueInfo(output(i), elementType));
        }
        return model(graph);
    }

    /**
     * {@code y0 = LogSoftmax(x0)} along the last axis (opset 11 flattens the leading axes into rows:
     * for {@code [rows, 1, vocab]} logits, one log-softmax per row).
     */
    static byte[] logSoftmax() {
        ProtoWriter graph = new ProtoWriter();
        graph.message(1, node("LogSoftmax", new String[] {input(0)}, new String[] {output(0)},
                attributeInt("axis", -1)));
        graph.string(2, "tarjama_log_softmax");
        graph.message(11, valueInfo(input(0), FLOAT));
        graph.message(12, valueInfo(output(0), FLOAT));
        return model(graph);
    }

    /**
     * {@code y0, y1 = TopK(LogSoftmax(x0), k)} along the last axis: the best {@code k} (int64 input
     * {@value #K}, shape [1]) log-probabilities of each row, best first, and their int64 indices.
     * ONNX's TopK puts the lower index first among equal values.
     */
    static byte[] logSoftmaxTopK() {
        ProtoWriter graph = new ProtoWriter();
        graph.message(1, node("LogSoftmax", new String[] {input(0)}, new String[] {"log_probs"},
                attributeInt("axis", -1)));
        graph.message(1, node("TopK", new String[] {"log_probs", K}, new String[] {output(0), output(1)},
                attributeInt("axis", -1)));
        graph.string(2, "tarjama_log_softmax_top_k");
        graph.message(11, valueInfo(input(0), FLOAT));
        graph.message(11, valueInfo(K, INT64));
        graph.message(12, valueInfo(output(0), FLOAT));
        graph.message(12, valueInfo(output(1), INT64));
        return model(graph);
    }

    /**
     * Greedy's step, {@link #BIAS} (0 or -inf per entry, broadcast) added to the logits {@code x0}:
     * {@code y0} = the int64 index of each row's maximum (ArgMax, the first index among equals) and
     * {@code y1} = its log-probability, {@code LogSoftmax} gathered at {@code y0}, both {@code [rows, 1,
     * 1]}. ArgMax and the vectorised LogSoftmax cost less than TopK(k = 1) with {@code
     * ReduceSum(Exp(x - max))} did (docs/benchmarks.md, "Inside ONNX Runtime"). Opset 12, for
     * ArgMax's {@code select_last_index}.
     */
    static byte[] bestTokens() {
        ProtoWriter graph = new ProtoWriter();
        graph.message(1, node("Add", new String[] {input(0), BIAS}, new String[] {"banned"}));
        graph.message(1, node("ArgMax", new String[] {"banned"}, new String[] {output(0)},
                attributeInt("axis", -1), attributeInt("keepdims", 1), attributeInt("select_last_index", 0)));
        graph.message(1, node("LogSoftmax", new String[] {"banned"}, new String[] {"log_probs"},
                attributeInt("axis", -1)));
        graph.message(1, node("GatherElements", new String[] {"log_probs", output(0)}, new String[] {output(1)},
                attributeInt("axis", -1)));
        graph.string(2, "tarjama_best_tokens");
        graph.message(11, valueInfo(input(0), FLOAT));
        graph.message(11, valueInfo(BIAS, FLOAT));
        graph.message(12, valueInfo(output(0), INT64));
        graph.message(12, valueInfo(output(1), FLOAT));
        return model(graph, 12);
    }

    private static byte[] model(ProtoWriter graph) {
        return model(graph, OPSET);
    }

    private static byte[] model(ProtoWriter graph, int opsetVersion) {
        ProtoWriter opset = new ProtoWriter().string(1, "").varint(2, opsetVersion);
        return new ProtoWriter()
                .varint(1, IR_VERSION)
                .string(2, "tarjama")
                .message(7, graph)
                .message(8, opset)
                .toByteArray();
    }

    private static ProtoWriter node(String op, String[] inputs, String[] outputs, ProtoWriter... attributes) {
        ProtoWriter node = new ProtoWriter();
        for (String in : inputs) {
            node.string(1, in);
        }
        for (String out : outputs) {
            node.string(2, out);
        }
        node.string(3, op + "_" + outputs[0]);
        node.string(4, op);
        for (ProtoWriter attribute : attributes) {
            node.message(5, attribute);
        }
        return node;
    }

    private static ProtoWriter attributeInt(String name, long value) {
        return new ProtoWriter().string(1, name).varint(3, value).varint(20, ATTRIBUTE_INT);
    }

    /** A tensor of {@code elementType} and unknown shape: the graphs work for any rank and size. */
    private static ProtoWriter valueInfo(String name, int elementType) {
        ProtoWriter tensor = new ProtoWriter().varint(1, elementType);
        ProtoWriter type = new ProtoWriter().message(1, tensor);
        return new ProtoWriter().string(1, name).message(2, type);
    }
}
