package dev.tarjama.jobs.exec;

import dev.tarjama.jobs.output.ArticleRow;
import dev.tarjama.jobs.prepare.Status;
import dev.tarjama.models.summarize.AbstractiveSummarizer;
import dev.tarjama.models.summarize.AbstractiveSummary;
import dev.tarjama.models.summarize.BilingualSummary;
import dev.tarjama.models.summarize.ExtractiveSummarizer;
import dev.tarjama.models.summarize.FaithfulnessCheck;
import dev.tarjama.models.translate.SegmentTranslation;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.apache.spark.sql.Row;
import org.apache.spark.util.LongAccumulator;

/**
 * Fills the summary columns of translated rows, one micro-batch at a time: extractive summaries
 * from the row's own body segments (Arabic sentences and exactly their translations), abstractive
 * English summaries of {@code body_en}, all rows of the micro-batch in one model call. A failure
 * that persists for a row alone makes it {@code partial}/{@code summary_error}; its translation stays.
 */
final class ArticleSummarizer {
    /** Prefix of summarizer notes ({@code input_truncated:N->M}, {@code chunked:W}) in the row's flags. */
    static final String NOTE_PREFIX = "summary_";

    private final SummaryPlan plan;
    private final ExtractiveSummarizer extractive;
    private final AbstractiveSummarizer abstractive;
    private final LongAccumulator millis;

    ArticleSummarizer(SummaryPlan plan, ExtractiveSummarizer extractive, AbstractiveSummarizer abstractive,
            LongAccumulator millis) {
        this.plan = plan;
        this.extractive = extractive;
        this.abstractive = abstractive;
        this.millis = millis;
    }

    void apply(List<ArticleRow> rows) {
        long start = System.nanoTime();
        List<ArticleRow> forModel = new ArrayList<>();
        for (ArticleRow row : rows) {
            List<SegmentTranslation> body = bodySegments(row);
            if (body.isEmpty()) {
                continue; // no translated body (e.g. empty_body): nothing to summarize
            }
            if (plan.needsExtractive()) {
                try {
                    extractive(row, body);
                } catch (RuntimeException e) {
                    summaryFailed(row, e);
                    continue;
                }
            }
            if (plan.en() == SummaryMethod.ABSTRACTIVE && row.bodyEn != null && !row.bodyEn.isBlank()) {
                forModel.add(row);
            }
        }
        abstractive(forModel);
        millis.add((System.nanoTime() - start) / 1_000_000);
    }

    private void extractive(ArticleRow row, List<SegmentTranslation> body) {
        BilingualSummary summary = extractive.summarizeSegments(body);
        List<String> flags = new ArrayList<>();
        if (plan.ar() == SummaryMethod.EXTRACTIVE) {
            row.summaryAr = summary.arabic();
            row.summaryMethodAr = SummaryMethod.EXTRACTIVE.column();
        }
        if (plan.en() == SummaryMethod.EXTRACTIVE) {
            row.summaryEn = summary.english();
            row.summaryMethodEn = SummaryMethod.EXTRACTIVE.column();
            summary.untranslated().forEach(position -> flags.add(NOTE_PREFIX + "untranslated:" + position));
        }
        if (summary.selection().overBudget()) {
            flags.add(NOTE_PREFIX + "over_budget");
        }
        addFlags(row, flags);
    }

    /** One model call for the micro-batch; when it throws, each row alone, so a bad row fails alone. */
    private void abstractive(List<ArticleRow> rows) {
        if (rows.isEmpty()) {
            return;
        }
        try {
            List<AbstractiveSummary> summaries = abstractive.summarize(rows.stream().map(r -> r.bodyEn).toList());
            if (summaries.size() != rows.size()) {
                throw new IllegalStateException("summarizer returned " + summaries.size() + " summaries for "
                        + rows.size() + " texts");
            }
            for (int i = 0; i < rows.size(); i++) {
                fill(rows.get(i), summaries.get(i));
            }
        } catch (RuntimeException batchFailure) {
            if (rows.size() == 1) {
                summaryFailed(rows.get(0), batchFailure);
                return;
            }
            for (ArticleRow row : rows) {
                abstractive(List.of(row));
            }
        }
    }

    private void fill(ArticleRow row, AbstractiveSummary summary) {
        row.summaryEn = summary.text();
        row.summaryMethodEn = SummaryMethod.ABSTRACTIVE.column();
        row.summaryModel = abstractive.modelName();
        row.summaryModelRevision = abstractive.modelRevision();
        List<String> flags = new ArrayList<>();
        summary.notes().forEach(note -> flags.add(NOTE_PREFIX + note));
        if (!summary.endedWithEos()) {
            flags.add(NOTE_PREFIX + "max_length");
        }
        flags.addAll(FaithfulnessCheck.flags(summary.text(), row.bodyEn));
        addFlags(row, flags);
    }

    private static void summaryFailed(ArticleRow row, RuntimeException e) {
        row.status = Status.PARTIAL;
        row.reason = Status.SUMMARY_ERROR;
        row.error = "summary failed: " + e.getClass().getSimpleName() + ": " + e.getMessage();
    }

    private static void addFlags(ArticleRow row, List<String> flags) {
        if (flags.isEmpty()) {
            return;
        }
        Set<String> all = new LinkedHashSet<>(row.flags);
        all.addAll(flags);
        row.flags = List.copyOf(all);
    }

    /** The row's body segments (title excluded) as the extractive summarizer takes them. */
    static List<SegmentTranslation> bodySegments(ArticleRow row) {
        if (row.segments == null) {
            return List.of();
        }
        List<SegmentTranslation> body = new ArrayList<>(row.segments.size());
        for (Row s : row.segments) {
            int paragraph = s.getInt(0);
            if (paragraph >= 0) {
                body.add(new SegmentTranslation(paragraph, s.getInt(1), s.getString(2), s.getString(3),
                        s.isNullAt(4) ? 0.0 : s.getDouble(4), s.getInt(5), s.getInt(6), List.of(), new long[0]));
            }
        }
        return body;
    }
}
