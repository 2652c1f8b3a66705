package dev.tarjama.jobs.cli;

import dev.tarjama.jobs.exit.UsageException;
import dev.tarjama.models.onnx.OrtProfile;
import dev.tarjama.models.onnx.OrtProfile.FileProfile;
import dev.tarjama.models.onnx.OrtProfile.NodeTotal;
import dev.tarjama.models.onnx.OrtProfile.OpTotal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code tarjama bench --ort-profile DIR}: what ONNX Runtime's own profiler saw, file by file, per
 * run of the file: its slowest operator types (with the arithmetic rate of the matrix products)
 * and its slowest nodes. Read once the sessions have closed, since ONNX Runtime writes a trace as
 * its session ends.
 */
final class BenchOrtProfile {

    private static final int OPS = 8;
    private static final int NODES = 5;

    private BenchOrtProfile() {}

    /** {@code dir} made absolute, refused if it already holds traces (they would be summed in). */
    static Path folder(Path dir) {
        if (Files.isDirectory(dir) && !OrtProfile.read(dir).isEmpty()) {
            throw new UsageException("--ort-profile: " + dir + " already holds ONNX Runtime traces; give an empty or"
                    + " new folder");
        }
        return dir.toAbsolutePath();
    }

    static void print(Path dir) {
        List<FileProfile> files = OrtProfile.read(dir);
        System.out.printf(Locale.ROOT, "%nONNX Runtime profile (traces in %s), per run of each file:%n", dir);
        if (files.isEmpty()) {
            System.out.println("  no traces were written");
        }
        List<String> idle = new ArrayList<>();
        for (FileProfile f : files) {
            if (f.runs() == 0) {
                idle.add(f.file());
                continue;
            }
            long runs = f.runs();
            System.out.printf(Locale.ROOT, "%s: %d session%s, %d runs, %.2f ms a run (kernels %.2f ms)%n", f.file(),
                    f.sessions(), f.sessions() == 1 ? "" : "s", f.runs(), f.runMicros() / 1e3 / runs,
                    f.kernelMicros() / 1e3 / runs);
            double kernels = Math.max(1, f.kernelMicros());
            for (OpTotal op : f.ops().subList(0, Math.min(OPS, f.ops().size()))) {
                String rate = Double.isNaN(op.gflops()) ? "" : String.format(Locale.ROOT, "  %6.1f GFLOP/s", op.gflops());
                System.out.printf(Locale.ROOT, "  %-24s %8.2f ms %6.1f%%%s%n", op.op(), op.micros() / 1e3 / runs,
                        100 * op.micros() / kernels, rate);
            }
            StringBuilder slowest = new StringBuilder();
            for (NodeTotal n : f.nodes().subList(0, Math.min(NODES, f.nodes().size()))) {
                slowest.append(slowest.length() == 0 ? "" : ", ").append(String.format(Locale.ROOT, "%s (%s) %.2f ms",
                        n.node(), n.op(), n.micros() / 1e3 / runs));
            }
            System.out.println("  slowest nodes: " + slowest);
        }
        if (!idle.isEmpty()) {
            System.out.println("not run: " + String.join(", ", idle));
        }
        System.out.flush();
    }
}
