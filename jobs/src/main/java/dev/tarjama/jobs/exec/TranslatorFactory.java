package dev.tarjama.jobs.exec;

import dev.tarjama.models.translate.TranslatorSpec;

/**
 * Opens the translator a {@link TranslatorSpec} describes. Named by class in the {@link ModelSpec} and created by
 * reflection on executors, so that only the spec travels in Spark closures.
 */
public interface TranslatorFactory {
    ArticleTranslator open(TranslatorSpec spec);
}
