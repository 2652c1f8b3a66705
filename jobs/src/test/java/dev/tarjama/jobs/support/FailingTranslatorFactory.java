package dev.tarjama.jobs.support;

import dev.tarjama.jobs.exec.ArticleTranslator;
import dev.tarjama.jobs.exec.PipelineTranslatorFactory;
import dev.tarjama.jobs.exec.TranslatorFactory;
import dev.tarjama.models.translate.ArticleTranslation;
import dev.tarjama.models.translate.SourceArticle;
import dev.tarjama.models.translate.TranslatorSpec;
import java.util.List;

/**
 * The real pipeline with one injected fault: a call that contains an article whose body has
 * {@link #POISON} throws, as a native failure would. Tests failure isolation.
 */
public final class FailingTranslatorFactory implements TranslatorFactory {
    public static final String POISON = "POISON";

    @Override
    public ArticleTranslator open(TranslatorSpec spec) {
        ArticleTranslator real = new PipelineTranslatorFactory().open(spec);
        return new ArticleTranslator() {
            @Override
            public List<ArticleTranslation> translate(List<SourceArticle> articles) {
                if (articles.stream().anyMatch(a -> a.body().contains(POISON))) {
                    throw new IllegalStateException("injected native failure");
                }
                return real.translate(articles);
            }

            @Override
            public String modelName() {
                return real.modelName();
            }

            @Override
            public String modelRevision() {
                return real.modelRevision();
            }

            @Override
            public void close() {
                real.close();
            }
        };
    }
}
