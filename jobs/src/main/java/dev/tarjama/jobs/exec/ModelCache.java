package dev.tarjama.jobs.exec;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiConsumer;

/**
 * The per-JVM home of loaded models: the first task that asks for a spec loads it, every other
 * task thread of the JVM waits for and then shares the same instance.
 */
public final class ModelCache {
    private static final Map<ModelSpec, ArticleTranslator> LOADED = new ConcurrentHashMap<>();

    private ModelCache() {}

    /**
     * The model for {@code spec}, loading it only on first use and then calling {@code onLoad}
     * with the model and the milliseconds the load took.
     */
    public static ArticleTranslator get(ModelSpec spec, BiConsumer<ArticleTranslator, Long> onLoad) {
        return LOADED.computeIfAbsent(spec, key -> {
            long start = System.nanoTime();
            ArticleTranslator translator = key.open();
            onLoad.accept(translator, (System.nanoTime() - start) / 1_000_000);
            return translator;
        });
    }

    /**
     * Closes and forgets every model of this JVM. A local run calls it at the end (driver and
     * executor share the JVM); cluster executors release theirs when they exit.
     */
    public static void closeAll() {
        for (ModelSpec spec : LOADED.keySet()) {
            ArticleTranslator translator = LOADED.remove(spec);
            if (translator != null) {
                translator.close();
            }
        }
    }
}
