package dev.tarjama.models.onnx;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Sums the traces that ONNX Runtime's own profiler writes (session setting {@value
 * SessionSettings#PROFILE_DIR}) per ONNX file: runs, time per operator type and per node, and the
 * arithmetic rate of the matrix products. ONNX Runtime writes a Chrome trace (a JSON array of
 * events) and ships no reader for it outside Python, hence this one; it reads only the fields named
 * below.
 *
 * <p>A run is a {@code model_run} event of category {@code Session}. A node's kernel is a {@code
 * Node} event named {@code <node>_kernel_time}, its {@code args} giving {@code op_name}, {@code
 * input_type_shape} and {@code output_type_shape}. A matrix product ({@code MatMul}, {@code
 * FusedMatMul}, {@code Gemm}) of output {@code [..., M, N]} and first input {@code [..., M, K]} is
 * {@code 2 * prod(output) * K} floating-point operations. A prepacked weight (always the right
 * operand) is not listed among the inputs, so the first input listed is the left operand; a
 * transposed left operand ({@code transA}), which the decoders' products do not use, is not
 * accounted for.
 */
public final class OrtProfile {

    /** One operator type of a file: kernel time, kernel calls and (matrix products) operations. */
    public record OpTotal(String op, long micros, long calls, double flops) {
        /** Billions of operations a second, or NaN for other operators. */
        public double gflops() {
            return flops > 0 && micros > 0 ? flops / micros / 1e3 : Double.NaN;
        }
    }

    /** One node of a file and its total kernel time. */
    public record NodeTotal(String node, String op, long micros) {}

    /** One ONNX file's sessions together: their runs, operator types and nodes, slowest first. */
    public record FileProfile(String file, int sessions, long runs, long runMicros, List<OpTotal> ops,
            List<NodeTotal> nodes) {
        public long kernelMicros() {
            return ops.stream().mapToLong(OpTotal::micros).sum();
        }
    }

    private static final Pattern TRACE = Pattern.compile("(.+)\\.\\d+_\\d{4}-\\d\\d-\\d\\d_\\d\\d-\\d\\d-\\d\\d\\.json");
    private static final ObjectMapper JSON = new ObjectMapper();

    private OrtProfile() {}

    /** The ONNX file a trace in the profile folder belongs to, or null if it is not one. */
    static String fileOf(Path trace) {
        Matcher m = TRACE.matcher(trace.getFileName().toString());
        return m.matches() ? m.group(1) : null;
    }

    /** Every file's totals over the traces in {@code dir}, the file with the most kernel time first. */
    public static List<FileProfile> read(Path dir) {
        Map<String, List<Path>> byFile = new TreeMap<>();
        try (Stream<Path> traces = Files.list(dir)) {
            traces.filter(t -> fileOf(t) != null).sorted()
                    .forEach(t -> byFile.computeIfAbsent(fileOf(t), k -> new ArrayList<>()).add(t));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the profile folder " + dir, e);
        }
        List<FileProfile> out = new ArrayList<>();
        byFile.forEach((file, traces) -> out.add(sum(file, traces)));
        out.sort(Comparator.comparingLong(FileProfile::kernelMicros).reversed());
        return out;
    }

    private static FileProfile sum(String file, List<Path> traces) {
        long runs = 0;
        long runMicros = 0;
        Map<String, long[]> ops = new LinkedHashMap<>();
        Map<String, Double> flops = new LinkedHashMap<>();
        Map<String, NodeTotal> nodes = new LinkedHashMap<>();
        for (Path trace : traces) {
            JsonNode events;
            try {
                events = JSON.readTree(trace.toFile());
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the ONNX Runtime profile " + trace, e);
            }
            for (JsonNode e : events) {
                String category = e.path("cat").asText();
                String name = e.path("name").asText();
                long micros = e.path("dur").asLong();
                if (category.equals("Session") && name.equals("model_run")) {
                    runs++;
                    runMicros += micros;
                } else if (category.equals("Node") && name.endsWith("_kernel_time")) {
                    JsonNode args = e.path("args");
                    String op = args.path("op_name").asText("?");
                    long[] total = ops.computeIfAbsent(op, k -> new long[2]);
                    total[0] += micros;
                    total[1]++;
                    flops.merge(op, matMulFlops(op, args), Double::sum);
                    String node = name.substring(0, name.length() - "_kernel_time".length());
                    NodeTotal before = nodes.get(node);
                    nodes.put(node, new NodeTotal(node, op, micros + (before == null ? 0 : before.micros())));
                }
            }
        }
        List<OpTotal> opList = new ArrayList<>();
        ops.forEach((op, t) -> opList.add(new OpTotal(op, t[0], t[1], flops.get(op))));
        opList.sort(Comparator.comparingLong(OpTotal::micros).reversed());
        List<NodeTotal> nodeList = new ArrayList<>(nodes.values());
        nodeList.sort(Comparator.comparingLong(NodeTotal::micros).reversed());
        return new FileProfile(file, traces.size(), runs, runMicros, List.copyOf(opList), List.copyOf(nodeList));
    }

    /** {@code 2 * prod(output) * K} for a matrix product, 0 for anything else or unknown shapes. */
    static double matMulFlops(String op, JsonNode args) {
        if (!op.equals("MatMul") && !op.equals("FusedMatMul") && !op.equals("Gemm")) {
            return 0;
        }
        long[] left = firstShape(args.path("input_type_shape"));
        long[] out = firstShape(args.path("output_type_shape"));
        if (left.length < 2 || out.length < 2) {
            return 0;
        }
        double size = 1;
        for (long d : out) {
            size *= d;
        }
        return 2 * size * left[left.length - 1];
    }

    /** The dimensions of the first entry of a {@code [{"float": [d0, d1, ...]}, ...]} list. */
    private static long[] firstShape(JsonNode shapes) {
        if (!shapes.isArray() || shapes.isEmpty()) {
            return new long[0];
        }
        JsonNode first = shapes.get(0);
        JsonNode dims = first.isObject() && first.size() == 1 ? first.elements().next() : null;
        if (dims == null || !dims.isArray()) {
            return new long[0];
        }
        long[] shape = new long[dims.size()];
        for (int i = 0; i < shape.length; i++) {
            shape[i] = dims.get(i).asLong();
        }
        return shape;
    }
}
