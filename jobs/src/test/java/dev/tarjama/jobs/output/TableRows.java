package dev.tarjama.jobs.output;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/** Table rows as a run stages them, made up for the write tests (no translation needed). */
final class TableRows {
    private final List<Row> rows = new ArrayList<>();
    private final String runId;
    private final String runDate;

    private TableRows(String runId, String runDate) {
        this.runId = runId;
        this.runDate = runDate;
    }

    /** Rows of run {@code runId}; undated articles get {@code runDate} as the job gives them. */
    static TableRows run(String runId, String runDate) {
        return new TableRows(runId, runDate);
    }

    /** An article published on {@code day} (noon UTC), with {@code status}. */
    TableRows dated(String id, String day, String status) {
        long micros = LocalDate.parse(day).atTime(12, 0).toEpochSecond(ZoneOffset.UTC) * 1_000_000L;
        rows.add(row(id, micros, day, status));
        return this;
    }

    TableRows dated(String id, String day) {
        return dated(id, day, "ok");
    }

    /** An article without a publication time: the job puts it in the run date's partition. */
    TableRows undated(String id) {
        rows.add(row(id, null, runDate, "ok"));
        return this;
    }

    Dataset<Row> frame(SparkSession spark) {
        return spark.createDataFrame(rows, OutputSchema.STAGING).drop(OutputSchema.IN_TABLE);
    }

    String runId() {
        return runId;
    }

    private Row row(String id, Long publishedMicros, String dt, String status) {
        ArticleRow row = new ArticleRow();
        row.articleId = id;
        row.contentHash = "hash-" + id;
        row.inputRef = "in.jsonl@" + rows.size();
        row.publishedAtMicros = publishedMicros;
        row.titleAr = "عنوان " + id;
        row.bodyAr = "نص " + id;
        row.titleEn = "title " + id;
        row.status = status;
        row.reason = status.equals("ok") ? "translated" : status.equals("partial") ? "empty_body" : "not_arabic";
        row.runId = runId;
        row.processedAtMillis = 1_700_000_000_000L;
        row.dt = dt;
        row.dtFromRunDate = publishedMicros == null;
        return row.toRow();
    }
}
