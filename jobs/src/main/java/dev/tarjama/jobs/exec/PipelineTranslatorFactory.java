package dev.tarjama.jobs.exec;

import dev.tarjama.models.translate.ArticleTranslation;
import dev.tarjama.models.translate.SourceArticle;
import dev.tarjama.models.translate.TranslationPipeline;
import dev.tarjama.models.translate.TranslatorSpec;
import java.util.List;

/** Opens the real {@link TranslationPipeline}: the translator every production run uses. */
public final class PipelineTranslatorFactory implements TranslatorFactory {
    @Override
    public ArticleTranslator open(TranslatorSpec spec) {
        TranslationPipeline pipeline = TranslationPipeline.open(spec);
        return new ArticleTranslator() {
            @Override
            public List<ArticleTranslation> translate(List<SourceArticle> articles) {
                return pipeline.translate(articles);
            }

            @Override
            public List<ArticleTranslation> translate(List<SourceArticle> articles, TranslationPipeline.Progress progress) {
                return pipeline.translate(articles, progress);
            }

            @Override
            public String modelName() {
                return pipeline.modelName();
            }

            @Override
            public String modelRevision() {
                return pipeline.modelRevision();
            }

            @Override
            public void close() {
                pipeline.close();
            }
        };
    }
}
