package dev.tarjama.jobs.cli;

import dev.tarjama.models.onnx.Precision;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code --precision} and {@code --threads} of a command that loads one model in this JVM (a mixin). */
public final class InferenceOptions {

    @Option(names = "--precision", paramLabel = "P", defaultValue = "fp32", completionCandidates = PrecisionIds.class,
            description = "Weights to load: ${COMPLETION-CANDIDATES} (int8: the _quantized files). Default: ${DEFAULT-VALUE}.")
    private Precision precision;

    @Mixin
    private ThreadsOption threads;

    public Precision precision() {
        return precision;
    }

    public int threads() {
        return threads.threads();
    }

    /** The precision names the command line takes, for help and completion. */
    static final class PrecisionIds implements Iterable<String> {
        @Override
        public java.util.Iterator<String> iterator() {
            return java.util.Arrays.stream(Precision.values()).map(Precision::id).iterator();
        }
    }
}
