package dev.tarjama.jobs.output;

/**
 * Told each time a commit passes a {@link CommitStep}. The job passes {@link #NONE}; the
 * fault-injection tests pass one that halts the JVM at a chosen step.
 */
@FunctionalInterface
public interface CommitObserver {
    CommitObserver NONE = step -> { };

    void reached(CommitStep step);
}
