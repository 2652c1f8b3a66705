package dev.tarjama.jobs.batch.report;

/**
 * One entry of the report's {@code model_loads}: a model in one executor JVM.
 *
 * @param executorJvm {@code executorId/pid@host}
 * @param loads times the JVM loaded the model (one, or zero when the loading task failed)
 * @param partitions partitions that used the loaded model
 */
public record ModelLoad(String role, String model, String executorJvm, long loads, long partitions) {}
