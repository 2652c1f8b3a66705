package dev.tarjama.jobs.exec;

/**
 * Opens the translator a {@link ModelSpec} describes. Named by class in the spec and created by
 * reflection on executors, so that only the spec travels in Spark closures.
 */
public interface TranslatorFactory {
    ArticleTranslator open(ModelSpec spec);
}
