package dev.tarjama.jobs.exec;

import dev.tarjama.models.translate.ArticleTranslation;
import dev.tarjama.models.translate.SourceArticle;
import dev.tarjama.models.translate.TranslationPipeline;
import java.util.List;

/**
 * What the job needs from a translation model: whole articles in, one translation per article
 * out, in order. Implementations are heavy (one per JVM, see {@link ModelCache}) and thread-safe.
 */
public interface ArticleTranslator extends AutoCloseable {

    /** One result per article, same order; may throw when the native side fails. */
    List<ArticleTranslation> translate(List<SourceArticle> articles);

    /** {@link #translate(List)}, telling {@code progress} after each model batch when the translator can. */
    default List<ArticleTranslation> translate(List<SourceArticle> articles, TranslationPipeline.Progress progress) {
        return translate(articles);
    }

    /** The model's name as recorded in every output row. */
    String modelName();

    /** The model's revision (content fingerprint), recorded beside the name. */
    String modelRevision();

    @Override
    void close();
}
