package dev.tarjama.spark;

import dev.tarjama.jobs.output.ArticleRow;
import dev.tarjama.jobs.prepare.Status;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;

/** The job's row for one text, as the SQL functions and ML stages return it (external Spark values). */
final class Results {
    private Results() {}

    /** {@code tarjama_translate}: the English body of an ok row, else null. */
    static String text(ArticleRow row) {
        return Status.OK.equals(row.status) ? row.bodyEn : null;
    }

    /** {@code tarjama_translate_struct}: {@link TarjamaFunction#TRANSLATION}. */
    static Row translation(ArticleRow row) {
        return RowFactory.create(text(row), row.status, row.reason, row.error, array(row.flags),
                row.segments == null ? null : row.segments.toArray(new Row[0]), row.meanLogprob, row.lengthRatio,
                row.sourceTokens, row.generatedTokens, row.translateMs, row.translationModel, row.translationModelRevision);
    }

    /** {@code tarjama_summarize}: {@link TarjamaFunction#SUMMARY}. */
    static Row summary(ArticleRow row) {
        return RowFactory.create(row.summaryEn, row.summaryAr, row.summaryMethodEn, row.summaryMethodAr,
                row.summaryModel, row.summaryModelRevision, array(row.flags), row.status, row.reason, row.error);
    }

    static String[] array(List<String> values) {
        return values.toArray(new String[0]);
    }
}
