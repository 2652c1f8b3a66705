package dev.tarjama.jobs.exec;

import dev.tarjama.jobs.cluster.ExecutorModels;
import dev.tarjama.models.translate.TranslatorSpec;
import java.io.Serializable;

/**
 * The key of the per-JVM {@link ModelCache}: the model's {@link TranslatorSpec} and which
 * {@link TranslatorFactory} opens it. Small and serializable: this, not the model, travels in
 * closures.
 *
 * @param factoryClass a {@link TranslatorFactory} with a no-argument constructor
 */
public record ModelSpec(TranslatorSpec translator, String factoryClass) implements Serializable {

    /** Opens the model this spec names; called once per JVM by {@link ModelCache}. */
    public ArticleTranslator open() {
        try {
            TranslatorFactory factory = (TranslatorFactory) Class.forName(factoryClass)
                    .getDeclaredConstructor().newInstance();
            return factory.open(ExecutorModels.local(translator)); // shared storage: staged once per host
        } catch (ReflectiveOperationException | ClassCastException e) {
            throw new IllegalStateException("cannot create translator factory " + factoryClass, e);
        }
    }
}
