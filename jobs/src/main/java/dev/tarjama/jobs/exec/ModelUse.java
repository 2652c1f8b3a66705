package dev.tarjama.jobs.exec;

import java.io.Serializable;
import java.util.Comparator;

/**
 * A model in one executor JVM: the key of the model-load and model-partition counts.
 *
 * @param model the model's name as rows record it (e.g. {@code smoke:<name>})
 * @param executorJvm {@link JvmId#current()} of the JVM that holds it
 */
public record ModelUse(ModelRole role, String model, String executorJvm)
        implements Serializable, Comparable<ModelUse> {
    private static final Comparator<ModelUse> ORDER = Comparator.comparing(ModelUse::role)
            .thenComparing(ModelUse::model).thenComparing(ModelUse::executorJvm);

    /** {@code model} in {@code role}, in the JVM this runs in. */
    public static ModelUse here(ModelRole role, String model) {
        return new ModelUse(role, model, JvmId.current());
    }

    @Override
    public int compareTo(ModelUse other) {
        return ORDER.compare(this, other);
    }
}
