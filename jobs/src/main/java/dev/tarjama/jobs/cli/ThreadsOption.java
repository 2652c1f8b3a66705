package dev.tarjama.jobs.cli;

import picocli.CommandLine.Option;

/** {@code --threads N}: ONNX Runtime intra-op threads of a command that runs a model in this JVM (a mixin). */
public final class ThreadsOption {

    @Option(names = "--threads", paramLabel = "N", description = "ONNX Runtime intra-op threads. Default: the machine's cores.")
    private Integer threads;

    /** The threads asked for, else the machine's cores. */
    public int threads() {
        return threads != null ? threads : Runtime.getRuntime().availableProcessors();
    }
}
