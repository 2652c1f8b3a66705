package dev.tarjama.jobs.exec;

import dev.tarjama.jobs.output.ArticleRow;
import java.io.Serializable;
import java.util.List;

/**
 * The hook where summaries are made: called once per micro-batch with the rows just translated,
 * it may fill {@code summaryEn}, {@code summaryAr} and the summary model columns. Summaries are
 * another issue; until then {@link #NONE} leaves those columns null.
 */
public interface SummaryStage extends Serializable {
    SummaryStage NONE = rows -> { };

    void apply(List<ArticleRow> translatedRows);
}
