package dev.tarjama.jobs.batch;

/** {@code tarjama run}: the batch job. */
public final class RunCommand {
    private RunCommand() {}

    public static int run(String[] args) {
        throw new UnsupportedOperationException("the batch job is being built");
    }
}
