package dev.tarjama.models.generate;

import java.util.function.IntConsumer;
import java.util.stream.IntStream;

/**
 * Runs a step's independent per-row (greedy) or per-source (beam) Java work on the model's cores
 * ({@link Seq2SeqModel#searchThreads()}). ONNX Runtime is idle while the search looks at the logits,
 * so the cores it uses for a decoder step are free; the common fork-join pool plus the calling
 * thread use them. A model on one thread (a Spark task with one core) keeps the work on the
 * calling thread, so concurrent tasks do not compete for cores. Results do not depend on the
 * order the tasks run in: each writes only its own row's or source's state. Small steps (a tiny
 * vocabulary, one row) run on the calling thread, where waking other threads would cost more than
 * the work.
 */
final class Parallel {

    /** Logits entries a step must touch before it is worth spreading (a few hundred microseconds). */
    static final long MIN_PARALLEL_ENTRIES = 1 << 17;

    private Parallel() {}

    /**
     * Runs {@code task} for 0..count-1 on up to {@code threads} threads; {@code entries} is the
     * number of logits entries they touch.
     */
    static void forEach(int threads, int count, long entries, IntConsumer task) {
        if (threads > 1 && count > 1 && entries >= MIN_PARALLEL_ENTRIES) {
            IntStream.range(0, count).parallel().forEach(task);
        } else {
            for (int i = 0; i < count; i++) {
                task.accept(i);
            }
        }
    }
}
