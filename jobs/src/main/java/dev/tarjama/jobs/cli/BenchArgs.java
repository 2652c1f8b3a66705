package dev.tarjama.jobs.cli;

import dev.tarjama.jobs.exit.UsageException;
import dev.tarjama.models.onnx.DecoderLayout;
import dev.tarjama.models.onnx.ModelOptions;
import dev.tarjama.models.text.ArabicCleaner;
import dev.tarjama.models.text.Sentence;
import dev.tarjama.models.text.SentenceSplitter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What {@code tarjama bench}'s options turn into: the beam x batch pairs, ONNX Runtime session
 * settings and the sweep's variants, the decoder layout and the input's sentences.
 */
final class BenchArgs {

    private BenchArgs() {}

    /** {@code --config} pairs when given, else every beam width with every batch size. */
    static List<int[]> pairs(List<String> configs, List<Integer> beamList, List<Integer> batchList) {
        List<int[]> pairs = new ArrayList<>();
        if (!configs.isEmpty()) {
            for (String c : configs) {
                String[] parts = c.toLowerCase(Locale.ROOT).split("x");
                try {
                    int beams = Integer.parseInt(parts[0].trim());
                    int batch = Integer.parseInt(parts[1].trim());
                    if (parts.length == 2 && beams > 0 && batch > 0) {
                        pairs.add(new int[] {beams, batch});
                        continue;
                    }
                } catch (NumberFormatException | ArrayIndexOutOfBoundsException e) {
                    // reported below
                }
                throw new UsageException("--config takes BEAMSxBATCH with both above 0, e.g. 4x16; got '" + c + "'");
            }
            return pairs;
        }
        for (int beam : beamList) {
            for (int batch : batchList) {
                pairs.add(new int[] {beam, batch});
            }
        }
        return pairs;
    }

    /** ONNX Runtime's settings worth measuring, each against the defaults (docs/benchmarks.md). */
    static List<String[]> sweepVariants(int threads) {
        List<String[]> variants = new ArrayList<>();
        variants.add(new String[] {"session.intra_op.allow_spinning", "0"});
        variants.add(new String[] {"session.intra_op.allow_spinning", "1"});
        variants.add(new String[] {"optimization", "extended"});
        variants.add(new String[] {"optimization", "basic"});
        variants.add(new String[] {"optimization", "all"});
        variants.add(new String[] {"memory_pattern", "false"});
        variants.add(new String[] {"cpu_arena", "false"});
        variants.add(new String[] {"session.set_denormal_as_zero", "1"});
        if (threads > 1) {
            // One logical processor per worker thread; ONNX Runtime never pins the calling thread.
            StringBuilder affinity = new StringBuilder();
            for (int t = 2; t <= threads; t++) {
                affinity.append(t == 2 ? "" : ";").append(t);
            }
            variants.add(new String[] {"session.intra_op_thread_affinities", affinity.toString()});
        }
        return variants;
    }

    static Map<String, String> sessionSettings(List<String> assignments) {
        Map<String, String> settings = new LinkedHashMap<>();
        for (String assignment : assignments) {
            int eq = assignment.indexOf('=');
            if (eq <= 0) {
                throw new UsageException("--session-setting expects KEY=VALUE, got '" + assignment + "'");
            }
            String key = assignment.substring(0, eq).trim();
            String value = assignment.substring(eq + 1).trim();
            try {
                ModelOptions.builder().optSessionSetting(key, value);
            } catch (IllegalArgumentException e) {
                throw new UsageException("--session-setting: " + e.getMessage());
            }
            settings.put(key, value);
        }
        return settings;
    }

    /** The 1-minute load average, for the header (timings on a shared machine need it). */
    static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }

    static DecoderLayout layout(String name) {
        return switch (name) {
            case "auto" -> DecoderLayout.AUTO;
            case "merged" -> DecoderLayout.MERGED;
            case "split" -> DecoderLayout.SPLIT;
            default -> throw new UsageException("--layout takes auto, merged or split, got '" + name + "'");
        };
    }

    /** The input's sentences as the pipeline would cut them, repeated until there are {@code count}. */
    static List<String> sentences(Path input, int count) throws IOException {
        String text = new ArabicCleaner().clean(Files.readString(input, StandardCharsets.UTF_8));
        List<String> found = new ArrayList<>();
        for (Sentence s : new SentenceSplitter().sentences(text)) {
            if (!s.text().isBlank()) {
                found.add(s.text());
            }
        }
        if (found.isEmpty()) {
            throw new UsageException("no sentences in " + input);
        }
        List<String> out = new ArrayList<>(count);
        for (int i = 0; out.size() < count; i++) {
            out.add(found.get(i % found.size()));
        }
        return out;
    }
}
