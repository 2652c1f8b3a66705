package dev.tarjama.models.generate;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/**
 * Where generation time goes, by phase, for {@code tarjama bench --profile} (docs/benchmarks.md,
 * "Where a step's time goes"). The Java phases of a row run on several threads at once: they add
 * up each thread's CPU time ({@link #startCpu()}), so other processes on the machine do not count,
 * and {@link Phase#JAVA_ROWS} is the wall time they took together. Off by default: then {@link #start()} returns 0 without reading the
 * clock and {@link #add} does nothing, so the searches and sessions pay one field read per phase.
 * Counters are JVM-wide and thread-safe; a benchmark resets them around the run it reports.
 */
public final class StepProfile {

    /** The phases a search step goes through. */
    public enum Phase {
        /** ONNX Runtime: the encoder, once per batch. */
        ENCODER("ORT encoder"),
        /** ONNX Runtime: the decoder step. */
        DECODER("ORT decoder step"),
        /**
         * ONNX Runtime: the scoring graph over the logits (log-softmax or its top k for beam search,
         * the best tokens for greedy).
         */
        ORT_LOG_SOFTMAX("ORT log-softmax"),
        /** Copying the logits rows from native memory into Java arrays. */
        LOGITS_COPY("copy logits to Java"),
        /** Reordering or dropping cache rows (ONNX Runtime gather; the mask in Java). */
        REORDER("cache reorder (ORT gather)"),
        /** Java: the rows' work below, wall time (it runs on all cores, see {@code Parallel}). */
        JAVA_ROWS("Java per-row work, wall"),
        /**
         * Java: the chosen token's log-probability (greedy), each row's log-softmax (beam on a session
         * without {@link DecoderSession#logSoftmaxInSession()}).
         */
        LOG_SOFTMAX("Java log-softmax", true),
        /** Java: the logits processors. */
        PROCESSORS("Java logits processors", true),
        /** Java: top-2k over the beams' candidates (beam) or argmax (greedy). */
        SELECT("Java top-2k / argmax", true);

        private final String label;
        private final boolean threadCpu;

        Phase(String label) {
            this(label, false);
        }

        Phase(String label, boolean threadCpu) {
            this.label = label;
            this.threadCpu = threadCpu;
        }

        public String label() {
            return label;
        }

        /** Counted in CPU time of the thread that ran it ({@link #startCpu()}), not wall time. */
        public boolean threadCpu() {
            return threadCpu;
        }
    }

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private static volatile boolean enabled;
    private static final Map<Phase, LongAdder> NANOS = new EnumMap<>(Phase.class);
    private static final Map<Phase, LongAdder> COUNTS = new EnumMap<>(Phase.class);

    static {
        for (Phase phase : Phase.values()) {
            NANOS.put(phase, new LongAdder());
            COUNTS.put(phase, new LongAdder());
        }
    }

    /** Time and number of times spent in each phase. */
    public record Totals(Map<Phase, Long> nanos, Map<Phase, Long> counts) {

        public long nanos(Phase phase) {
            return nanos.getOrDefault(phase, 0L);
        }

        public long count(Phase phase) {
            return counts.getOrDefault(phase, 0L);
        }

        /** These totals plus {@code other}'s, phase by phase. */
        public Totals plus(Totals other) {
            Map<Phase, Long> n = new EnumMap<>(nanos);
            Map<Phase, Long> c = new EnumMap<>(counts);
            other.nanos.forEach((phase, v) -> n.merge(phase, v, Long::sum));
            other.counts.forEach((phase, v) -> c.merge(phase, v, Long::sum));
            return new Totals(n, c);
        }

        public static Totals empty() {
            return new Totals(new EnumMap<>(Phase.class), new EnumMap<>(Phase.class));
        }
    }

    private StepProfile() {}

    /** Turns the counters on or off (they keep their values). */
    public static void enable(boolean on) {
        enabled = on;
    }

    public static void reset() {
        NANOS.values().forEach(LongAdder::reset);
        COUNTS.values().forEach(LongAdder::reset);
    }

    /** Time and calls of each phase since the last {@link #reset()}. */
    public static Totals snapshot() {
        Map<Phase, Long> nanos = new EnumMap<>(Phase.class);
        Map<Phase, Long> counts = new EnumMap<>(Phase.class);
        NANOS.forEach((phase, n) -> nanos.put(phase, n.sum()));
        COUNTS.forEach((phase, n) -> counts.put(phase, n.sum()));
        return new Totals(nanos, counts);
    }

    /** A wall-clock start for {@link #add}, or 0 without reading the clock when off. */
    public static long start() {
        return enabled ? System.nanoTime() : 0;
    }

    /** A thread-CPU start for {@link #add} of the {@link Phase#threadCpu()} phases, or 0 when off. */
    public static long startCpu() {
        return enabled ? THREADS.getCurrentThreadCpuTime() : 0;
    }

    /**
     * Adds the time since {@code start} (on the phase's clock) to {@code phase}; returns the new
     * start on the same clock (0 when off).
     */
    public static long add(Phase phase, long start) {
        if (!enabled || start == 0) {
            return 0;
        }
        long now = phase.threadCpu ? THREADS.getCurrentThreadCpuTime() : System.nanoTime();
        NANOS.get(phase).add(now - start);
        COUNTS.get(phase).increment();
        return now;
    }
}
