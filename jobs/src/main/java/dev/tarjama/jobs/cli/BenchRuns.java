package dev.tarjama.jobs.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tarjama.models.generate.Generation;
import dev.tarjama.models.generate.GenerationConfig;
import dev.tarjama.models.generate.SearchStrategy;
import dev.tarjama.models.generate.StepProfile;
import dev.tarjama.models.generate.StepProfile.Phase;
import dev.tarjama.models.onnx.ModelBundle;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * What {@code tarjama bench} measured: each configuration in rounds (configurations interleaved, so
 * that load from other processes falls on all of them alike), printed as medians and as ratios
 * taken within each round, with the step profile and a JSON copy on request.
 */
final class BenchRuns {

    /** One measured configuration. */
    record Config(String precision, int beams, int batch, boolean cache, String variant) {
        String label() {
            if (!cache) {
                return "baseline: batch " + batch + ", greedy, no cache";
            }
            return "batch " + batch + ", " + (beams == 1 ? "greedy" : "beam " + beams) + ", KV cache";
        }
    }

    /**
     * One round of one configuration; {@code cpuSeconds} is the process's CPU time over it (all
     * threads, ONNX Runtime's included), which other processes on the machine do not inflate.
     */
    record Round(int sentences, long tokens, double seconds, double cpuSeconds) {
        double tokensPerSecond() {
            return tokens / seconds;
        }

        double tokensPerCpuSecond() {
            return tokens / cpuSeconds;
        }
    }

    private static final com.sun.management.OperatingSystemMXBean OS =
            (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

    /** A configuration's rounds, its step profile over all rounds, and the ids of its last round. */
    static final class Measured {
        final Config config;
        final List<Round> rounds = new ArrayList<>();
        StepProfile.Totals profile = StepProfile.Totals.empty();
        List<long[]> outputs = List.of();

        Measured(Config config) {
            this.config = config;
        }

        double median(ToDoubleFunction<Round> f) {
            return BenchRuns.median(rounds.stream().mapToDouble(f).toArray());
        }
    }

    private BenchRuns() {}

    /** Warms {@code bundle} up on one batch of this configuration (JIT, ONNX Runtime's first allocations). */
    static void warmUp(ModelBundle bundle, GenerationConfig config, long[][] ids, int batch) {
        SearchStrategy.of(config).generate(bundle.model(), Arrays.copyOfRange(ids, 0, Math.min(batch, ids.length)),
                config);
    }

    /** Generates {@code ids} in batches of {@code batch}, timed, and adds the round to {@code into}. */
    static void measure(ModelBundle bundle, GenerationConfig config, long[][] ids, int batch, Measured into) {
        SearchStrategy search = SearchStrategy.of(config);
        List<long[]> outputs = new ArrayList<>(ids.length);
        StepProfile.reset();
        long tokens = 0;
        long cpu = OS.getProcessCpuTime();
        long start = System.nanoTime();
        for (int i = 0; i < ids.length; i += batch) {
            long[][] rows = Arrays.copyOfRange(ids, i, Math.min(ids.length, i + batch));
            for (Generation g : search.generate(bundle.model(), rows, config)) {
                tokens += g.length();
                outputs.add(g.ids());
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        into.rounds.add(new Round(ids.length, tokens, seconds, (OS.getProcessCpuTime() - cpu) / 1e9));
        into.profile = into.profile.plus(StepProfile.snapshot());
        into.outputs = outputs;
    }

    /** The median over rounds of {@code a}'s tokens/s divided by {@code b}'s in the same round. */
    static double ratio(Measured a, Measured b) {
        return ratio(a, b, Round::tokensPerSecond);
    }

    static double ratio(Measured a, Measured b, ToDoubleFunction<Round> f) {
        int n = Math.min(a.rounds.size(), b.rounds.size());
        double[] ratios = new double[n];
        for (int r = 0; r < n; r++) {
            ratios[r] = f.applyAsDouble(a.rounds.get(r)) / f.applyAsDouble(b.rounds.get(r));
        }
        return median(ratios);
    }

    static void printTable(String title, List<Measured> measured, Measured baseline) {
        System.out.printf(Locale.ROOT, "%n[%s]%n%-36s %9s %8s %8s %9s %9s %8s %8s %10s %10s%n", title,
                "configuration", "sentences", "tokens", "seconds", "sent/s", "tok/s", "x base", "x greedy",
                "tok/cpu-s", "cpu greedy");
        List<Measured> rows = new ArrayList<>(measured);
        if (baseline != null) {
            rows.add(0, baseline);
        }
        for (Measured m : rows) {
            Measured greedy = m.config.beams() > 1 ? find(measured, m.config, 1) : null;
            Round first = m.rounds.get(0);
            double seconds = m.median(Round::seconds);
            System.out.printf(Locale.ROOT, "%-36s %9d %8d %8.2f %9.2f %9.1f %8s %8s %10.1f %10s%n", m.config.label(),
                    first.sentences(), first.tokens(), seconds, first.sentences() / seconds,
                    m.median(Round::tokensPerSecond),
                    baseline == null ? "-" : String.format(Locale.ROOT, "%.2fx", ratio(m, baseline)),
                    greedy == null ? "-" : String.format(Locale.ROOT, "%.0f%%", 100 * ratio(m, greedy)),
                    m.median(Round::tokensPerCpuSecond),
                    greedy == null ? "-" : String.format(Locale.ROOT, "%.0f%%",
                            100 * ratio(m, greedy, Round::tokensPerCpuSecond)));
        }
        System.out.flush();
    }

    /** One row per session-setting variant: tokens/s per configuration and the ratio to the defaults. */
    static void printSweep(String title, List<Measured> measured, String defaults) {
        List<String> variants = new ArrayList<>();
        List<Config> configs = new ArrayList<>();
        for (Measured m : measured) {
            if (!variants.contains(m.config.variant())) {
                variants.add(m.config.variant());
            }
            if (m.config.variant().equals(defaults)) {
                configs.add(m.config);
            }
        }
        System.out.printf(Locale.ROOT, "%n[%s] ONNX Runtime session settings: tok/s (median), its ratio to %s in the"
                + " same round, and the ratio of tokens per CPU-second%n%-42s", title, defaults, "variant");
        for (Config c : configs) {
            System.out.printf(Locale.ROOT, " %34s", c.label().replace(", KV cache", ""));
        }
        System.out.println();
        for (String variant : variants) {
            System.out.printf(Locale.ROOT, "%-42s", variant);
            for (Config c : configs) {
                Measured m = get(measured, c, variant);
                Measured base = get(measured, c, defaults);
                System.out.printf(Locale.ROOT, " %14.1f %8.3fx %8.3fx cpu", m.median(Round::tokensPerSecond),
                        ratio(m, base), ratio(m, base, Round::tokensPerCpuSecond));
            }
            System.out.println();
        }
        System.out.flush();
    }

    private static Measured get(List<Measured> measured, Config like, String variant) {
        for (Measured m : measured) {
            Config c = m.config;
            if (c.variant().equals(variant) && c.beams() == like.beams() && c.batch() == like.batch()
                    && c.precision().equals(like.precision())) {
                return m;
            }
        }
        throw new IllegalStateException("no measurement of " + like + " for " + variant);
    }

    /** Where each configuration's time went: per decoder step and as a share of its wall time. */
    static void printProfile(List<Measured> measured) {
        for (Measured m : measured) {
            StepProfile.Totals p = m.profile;
            double wall = m.rounds.stream().mapToDouble(Round::seconds).sum() * 1e9;
            long steps = Math.max(1, p.count(Phase.DECODER));
            System.out.printf(Locale.ROOT, "%nprofile, %s: %d decoder steps, %.1f ms per step%n", m.config.label(), steps,
                    wall / steps / 1e6);
            double accounted = 0;
            for (Phase phase : Phase.values()) {
                boolean threadTime = phase.threadCpu();
                long nanos = p.nanos(phase);
                if (!threadTime) {
                    accounted += nanos;
                }
                System.out.printf(Locale.ROOT, "  %-34s %8.2f ms/step %6.1f%%%s%n", (threadTime ? "  " : "") + phase.label(),
                        nanos / 1e6 / steps, 100 * nanos / wall, threadTime ? " (thread CPU)" : "");
            }
            System.out.printf(Locale.ROOT, "  %-34s %8.2f ms/step %6.1f%%%n", "rest (search bookkeeping, batching)",
                    (wall - accounted) / 1e6 / steps, 100 * (wall - accounted) / wall);
        }
        System.out.flush();
    }

    /** Everything measured, with the input ids and each configuration's output ids, as JSON. */
    static void writeJson(Path file, Map<String, Object> run, long[][] inputIds, List<Measured> measured)
            throws IOException {
        ObjectMapper mapper = new ObjectMapper();
        ObjectNode root = mapper.createObjectNode();
        run.forEach((key, value) -> root.set(key, mapper.valueToTree(value)));
        root.set("input_ids", mapper.valueToTree(inputIds));
        ArrayNode results = root.putArray("configurations");
        for (Measured m : measured) {
            ObjectNode node = results.addObject();
            node.put("label", m.config.label());
            node.put("variant", m.config.variant());
            node.put("precision", m.config.precision());
            node.put("beams", m.config.beams());
            node.put("batch", m.config.batch());
            node.put("cache", m.config.cache());
            node.put("tokens_per_s", m.median(Round::tokensPerSecond));
            ArrayNode rounds = node.putArray("rounds");
            for (Round r : m.rounds) {
                rounds.addObject().put("sentences", r.sentences()).put("tokens", r.tokens()).put("seconds", r.seconds())
                        .put("cpu_seconds", r.cpuSeconds());
            }
            node.set("output_ids", mapper.valueToTree(m.outputs));
        }
        mapper.writerWithDefaultPrettyPrinter().writeValue(file.toFile(), root);
    }

    private static Measured find(List<Measured> measured, Config like, int beams) {
        for (Measured m : measured) {
            Config c = m.config;
            if (c.cache() && c.beams() == beams && c.batch() == like.batch() && c.precision().equals(like.precision())
                    && c.variant().equals(like.variant())) {
                return m;
            }
        }
        return null;
    }

    static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n == 0 ? Double.NaN : n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }
}
