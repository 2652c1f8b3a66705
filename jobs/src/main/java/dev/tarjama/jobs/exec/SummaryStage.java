package dev.tarjama.jobs.exec;

import dev.tarjama.jobs.output.ArticleRow;
import java.io.Serializable;
import java.util.List;

/**
 * The hook where summaries are made. Serializable (only settings travel): {@link #open} runs once
 * per partition on the executor and returns what fills {@code summary_*} for each micro-batch of
 * translated rows. {@link #NONE} leaves those columns null.
 */
public interface SummaryStage extends Serializable {
    SummaryStage NONE = metrics -> rows -> { };

    /** Prepares one partition's summaries: loads this JVM's models on first use, counting loads in {@code metrics}. */
    Batch open(JobMetrics metrics);

    /** Summarizes the rows of one micro-batch in place. */
    @FunctionalInterface
    interface Batch {
        /**
         * Fills the summary columns of {@code translatedRows} (none of them failed); a row whose
         * summary fails becomes {@code partial}/{@code summary_error} and keeps its translation.
         */
        void apply(List<ArticleRow> translatedRows);
    }
}
