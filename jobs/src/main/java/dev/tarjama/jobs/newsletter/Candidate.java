package dev.tarjama.jobs.newsletter;

import java.time.Instant;
import java.time.LocalDate;

/**
 * One {@code ok} row of the batch job's Parquet output, as the newsletter needs it. Bodies may be
 * cut to their first few thousand characters by the reader: only their first sentences are used.
 *
 * @param publishedAt null when the input had none (the row then sorts after dated rows)
 * @param dt the row's partition date
 */
public record Candidate(
        String articleId,
        String source,
        String url,
        Instant publishedAt,
        Instant processedAt,
        LocalDate dt,
        String titleAr,
        String titleEn,
        String summaryAr,
        String summaryEn,
        String bodyAr,
        String bodyEn) {

    public Candidate {
        if (articleId == null || dt == null) {
            throw new IllegalArgumentException("article_id and dt are required");
        }
    }

    /** True when the summary stage filled both summaries. */
    public boolean hasSummaries() {
        return !Summaries.isBlank(summaryAr) && !Summaries.isBlank(summaryEn);
    }
}
