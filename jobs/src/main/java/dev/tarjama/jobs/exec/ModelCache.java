package dev.tarjama.jobs.exec;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * The per-JVM home of loaded models: the first task that asks for a spec loads it, every other
 * task thread of the JVM waits for and then shares the same instance.
 */
public final class ModelCache {
    private static final Map<ModelSpec, ArticleTranslator> LOADED = new ConcurrentHashMap<>();

    private ModelCache() {}

    /** The model for {@code spec}, loading it (and calling {@code onLoad}) only on first use. */
    public static ArticleTranslator get(ModelSpec spec, Consumer<ArticleTranslator> onLoad) {
        return LOADED.computeIfAbsent(spec, key -> {
            ArticleTranslator translator = key.open();
            onLoad.accept(translator);
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
