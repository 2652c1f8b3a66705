package dev.tarjama.models.generate;

import java.util.function.IntConsumer;
import java.util.stream.IntStream;

/**
 * Runs a step's independent per-row (greedy) or per-source (beam) Java work on all cores. ONNX
 * Runtime is idle while the search looks at the logits, so the cores it uses for a decoder step are
 * free; the common fork-join pool plus the calling thread use them. Results do not depend on the
 * order the tasks run in: each writes only its own row's or source's state.
 */
final class Parallel {

    private Parallel() {}

    static void forEach(int count, IntConsumer task) {
        if (count == 1) {
            task.accept(0);
        } else if (count > 1) {
            IntStream.range(0, count).parallel().forEach(task);
        }
    }
}
