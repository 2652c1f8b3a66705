package dev.tarjama.jobs.newsletter;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * One {@code ok} row of the batch job's Parquet output, as the newsletter needs it. Bodies may be
 * cut to their first few thousand characters by the reader: only their first sentences are used.
 *
 * @param publishedAt null when the input had none (the row then sorts after dated rows)
 * @param dt the row's partition date
 * @param provenance which models wrote the row and what they flagged
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
        String bodyEn,
        Provenance provenance) {

    /** The models of a row ({@code translation_model}, {@code summary_model} and revisions) and its {@code flags}. */
    public record Provenance(String translationModel, String translationModelRevision, String summaryModel,
            String summaryModelRevision, List<String> flags) {
        /** A row that says nothing about its models or flags. */
        public static final Provenance NONE = new Provenance(null, null, null, null, List.of());

        public Provenance {
            flags = flags == null ? List.of() : List.copyOf(flags);
        }
    }

    public Candidate {
        if (articleId == null || dt == null) {
            throw new IllegalArgumentException("article_id and dt are required");
        }
        provenance = provenance == null ? Provenance.NONE : provenance;
    }

    /** A row without provenance (older tables, tests of selection alone). */
    public Candidate(String articleId, String source, String url, Instant publishedAt, Instant processedAt,
            LocalDate dt, String titleAr, String titleEn, String summaryAr, String summaryEn, String bodyAr,
            String bodyEn) {
        this(articleId, source, url, publishedAt, processedAt, dt, titleAr, titleEn, summaryAr, summaryEn, bodyAr,
                bodyEn, Provenance.NONE);
    }

    /** True when the summary stage filled both summaries. */
    public boolean hasSummaries() {
        return !Summaries.isBlank(summaryAr) && !Summaries.isBlank(summaryEn);
    }

    /** True when the row was translated by the bundled smoke model (random weights): not a translation. */
    public boolean smoke() {
        String model = provenance.translationModel();
        return model != null && model.startsWith("smoke:");
    }

    /** The row's flags that mean a person should read the English first ({@link ReviewFlags}). */
    public List<String> reviewFlags() {
        return ReviewFlags.of(provenance.flags());
    }
}
