package dev.tarjama.jobs.exec;

import dev.tarjama.jobs.cluster.ExecutorModels;
import dev.tarjama.models.summarize.AbstractiveSummarizer;
import dev.tarjama.models.summarize.ExtractiveSummarizer;
import dev.tarjama.models.summarize.SummarizerSpec;
import dev.tarjama.models.summarize.SummaryOptions;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiConsumer;
import java.util.function.Function;

/**
 * The per-JVM home of loaded models (translators, summarizers), keyed by their serializable spec:
 * the first task that asks for a spec loads it, every other task thread of the JVM waits for and
 * then shares the same instance.
 */
public final class ModelCache {
    private static final Map<Object, AutoCloseable> LOADED = new ConcurrentHashMap<>();

    private ModelCache() {}

    /**
     * The translator for {@code spec}, loading it only on first use and then calling {@code onLoad}
     * with the model and the milliseconds the load took.
     */
    public static ArticleTranslator get(ModelSpec spec, BiConsumer<ArticleTranslator, Long> onLoad) {
        return load(spec, ModelSpec::open, onLoad);
    }

    /** The abstractive summarizer for {@code spec}, loaded on first use like {@link #get}. */
    public static AbstractiveSummarizer summarizer(SummarizerSpec spec,
            BiConsumer<AbstractiveSummarizer, Long> onLoad) {
        // Keyed by the configured spec; a shared-storage folder is staged on first use, like translation models.
        return load(spec, s -> AbstractiveSummarizer.open(ExecutorModels.local(s)), onLoad);
    }

    /** The extractive summarizer with {@code options}, one per JVM (it is thread-safe and needs no model). */
    public static ExtractiveSummarizer extractive(SummaryOptions options) {
        return load(options, ExtractiveSummarizer::new, (s, millis) -> { });
    }

    @SuppressWarnings("unchecked") // each key type maps to one value type, see the methods above
    private static <K, T extends AutoCloseable> T load(K key, Function<K, T> open, BiConsumer<T, Long> onLoad) {
        return (T) LOADED.computeIfAbsent(key, k -> {
            long start = System.nanoTime();
            T model = open.apply(key);
            onLoad.accept(model, (System.nanoTime() - start) / 1_000_000);
            return model;
        });
    }

    /**
     * Closes and forgets every model of this JVM. A local run calls it at the end (driver and
     * executor share the JVM); cluster executors release theirs when they exit.
     */
    public static void closeAll() {
        IllegalStateException failure = null;
        for (Object key : LOADED.keySet()) {
            AutoCloseable model = LOADED.remove(key);
            try {
                if (model != null) {
                    model.close();
                }
            } catch (Exception e) { // keep closing the others
                failure = failure != null ? failure : new IllegalStateException("cannot close model " + key, e);
            }
        }
        if (failure != null) {
            throw failure;
        }
    }
}
