package dev.tarjama.spark;

import dev.tarjama.jobs.exec.JobMetrics;
import dev.tarjama.jobs.exec.SummaryStage;
import dev.tarjama.jobs.exec.TranslatePartition;
import dev.tarjama.jobs.input.InputRecord;
import dev.tarjama.jobs.input.InputRef;
import dev.tarjama.jobs.output.ArticleRow;
import dev.tarjama.jobs.prepare.PreparedArticle;
import java.util.List;

/**
 * Executor side of the translation functions and {@link ArabicTranslator}: each text becomes an
 * article with that body and no title, screened by the job's {@code ArticlePreparer} and
 * translated by the job's {@link TranslatePartition.Articles}, so the job's statuses, reasons,
 * flags and segments come out as they would for the same body in a batch run.
 */
final class TextTranslations {
    /** The article id of every text; ids are not the functions' business, and a fixed one adds no id flag. */
    private static final String ID = "text";
    /** Where every text comes from, as far as the job's row is concerned: a value, not a file. */
    private static final InputRef REF = InputRef.wholeFile("text");

    private final TarjamaSettings settings;
    private final TranslatePartition.Articles articles;

    private TextTranslations(TarjamaSettings settings, TranslatePartition.Articles articles) {
        this.settings = settings;
        this.articles = articles;
    }

    /** Opens this JVM's translation model (loaded on first use, counted in {@code metrics}). */
    static TextTranslations open(TarjamaSettings settings, JobMetrics metrics) {
        return new TextTranslations(settings,
                TranslatePartition.Articles.open(settings.translation(), settings.run(), SummaryStage.NONE, metrics));
    }

    /** The article a text stands for: screened, hashed, ready for {@link #process}. */
    PreparedArticle prepare(String text) {
        return settings.preparer().prepare(new InputRecord(ID, "", text, null, null, null, REF, null));
    }

    boolean needsModel(PreparedArticle article) {
        return articles.needsModel(article);
    }

    /** One row per article, in order; the translatable ones in one model call. */
    List<ArticleRow> process(List<PreparedArticle> batch) {
        return articles.process(batch);
    }
}
