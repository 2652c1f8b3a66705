package dev.tarjama.jobs.exec;

import dev.tarjama.models.translate.TranslatorSpec;

/** Opens the real translation pipeline of {@code dev.tarjama.models.translate}. */
public final class PipelineTranslatorFactory implements TranslatorFactory {
    @Override
    public ArticleTranslator open(TranslatorSpec spec) {
        // Replaced by the adapter to TranslationPipeline as soon as that class is on main.
        throw new UnsupportedOperationException("TranslationPipeline is not available in this build yet");
    }
}
