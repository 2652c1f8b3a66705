package dev.tarjama.jobs.exec;

import java.io.Serializable;

/**
 * Everything needed to open a translation model on an executor; the key of the per-JVM
 * {@link ModelCache}. Small and serializable: this, not the model, travels in closures.
 *
 * @param factoryClass a {@link TranslatorFactory} with a no-argument constructor
 */
public record ModelSpec(
        String modelDir,
        String precision,
        int intraOpThreads,
        int interOpThreads,
        int numBeams,
        int maxNewTokens,
        int maxBatchTokens,
        int maxBatchRows,
        String factoryClass) implements Serializable {

    /** Opens the model this spec names; called once per JVM by {@link ModelCache}. */
    public ArticleTranslator open() {
        try {
            TranslatorFactory factory = (TranslatorFactory) Class.forName(factoryClass)
                    .getDeclaredConstructor().newInstance();
            return factory.open(this);
        } catch (ReflectiveOperationException | ClassCastException e) {
            throw new IllegalStateException("cannot create translator factory " + factoryClass, e);
        }
    }
}
