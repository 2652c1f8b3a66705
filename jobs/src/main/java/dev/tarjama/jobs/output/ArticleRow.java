package dev.tarjama.jobs.output;

import java.sql.Timestamp;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;

/** One output row being filled in on an executor; {@link #toRow()} lays it out as {@link OutputSchema#STAGING}. */
public final class ArticleRow {
    public String articleId;
    public String contentHash;
    public String inputRef;
    public String url;
    public String source;
    public Long publishedAtMicros;
    public String titleAr;
    public String bodyAr;
    public String titleEn;
    public String bodyEn;
    public String summaryEn;
    public String summaryAr;
    public List<Row> segments;
    public List<String> flags = List.of();
    public Double meanLogprob;
    public Double lengthRatio;
    public String status;
    public String reason;
    public String error;
    public String translationModel;
    public String translationModelRevision;
    public String summaryModel;
    public String summaryModelRevision;
    public String summaryMethodEn;
    public String summaryMethodAr;
    public String generationHash;
    public int sourceTokens;
    public int generatedTokens;
    public long translateMs;
    public String runId;
    public long processedAtMillis;
    public String dt;
    /** Staging only: {@code dt} is the run date because the article has no usable published_at. */
    public boolean dtFromRunDate;
    public boolean inTable = true;

    /** A segment struct as {@link OutputSchema#SEGMENT} lays it out. */
    public static Row segment(int paragraph, int sentence, String ar, String en, double score,
            int sourceTokens, int generatedTokens, List<String> flags) {
        return RowFactory.create(paragraph, sentence, ar, en, score, sourceTokens, generatedTokens,
                flags.toArray(new String[0]));
    }

    public Row toRow() {
        return RowFactory.create(
                OutputSchema.VERSION,
                articleId,
                contentHash,
                inputRef,
                url,
                source,
                publishedAtMicros == null ? null : micros(publishedAtMicros),
                titleAr,
                bodyAr,
                titleEn,
                bodyEn,
                summaryEn,
                summaryAr,
                segments == null ? null : segments.toArray(new Row[0]),
                flags.toArray(new String[0]),
                meanLogprob,
                lengthRatio,
                status,
                reason,
                error,
                translationModel,
                translationModelRevision,
                summaryModel,
                summaryModelRevision,
                summaryMethodEn,
                summaryMethodAr,
                generationHash,
                sourceTokens,
                generatedTokens,
                translateMs,
                runId,
                new Timestamp(processedAtMillis),
                dtFromRunDate,
                dt,
                inTable);
    }

    private static Timestamp micros(long micros) {
        Timestamp t = new Timestamp(Math.floorDiv(micros, 1000));
        t.setNanos((int) Math.floorMod(micros, 1_000_000) * 1000);
        return t;
    }
}
