package dev.tarjama.jobs.batch;

import dev.tarjama.jobs.output.OutputSchema;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.sum;

/**
 * One group of the single aggregate over a run's staged rows that feeds the report: rows with the
 * same status, reason, translation model, {@code dt} and {@code in_table}, and their totals.
 *
 * @param translationModel null for rows no model saw
 * @param inTable whether the rows go to the table (false for duplicates and unchanged articles)
 * @param segments segments of the rows (untranslated rows have none)
 * @param maxLengthSegments segments flagged {@code max_length}
 * @param maxLengthArticles rows flagged {@code max_length}
 */
public record StagedGroup(
        String status,
        String reason,
        String translationModel,
        String translationModelRevision,
        String dt,
        boolean inTable,
        long rows,
        long sourceTokens,
        long generatedTokens,
        long translateMs,
        long segments,
        long maxLengthSegments,
        long maxLengthArticles) {

    private static final String MAX_LENGTH = "'max_length'";

    /** Groups the staged rows (one Spark job; a handful of groups per run). */
    static List<StagedGroup> collect(Dataset<Row> staged) {
        return staged.groupBy("status", "reason", "translation_model", "translation_model_revision",
                        OutputSchema.DT, OutputSchema.IN_TABLE)
                .agg(count("*").as("rows"), sum("source_tokens").as("source_tokens"),
                        sum("generated_tokens").as("generated_tokens"), sum("translate_ms").as("translate_ms"),
                        sum(expr("CASE WHEN segments IS NULL THEN 0 ELSE size(segments) END")).as("segment_count"),
                        sum(expr("CASE WHEN segments IS NULL THEN 0 ELSE size(filter(segments,"
                                + " s -> array_contains(s.flags, " + MAX_LENGTH + "))) END")).as("max_length_segments"),
                        sum(expr("CASE WHEN array_contains(flags, " + MAX_LENGTH + ") THEN 1 ELSE 0 END"))
                                .as("max_length_articles"))
                .collectAsList().stream()
                .map(StagedGroup::of)
                .toList();
    }

    private static StagedGroup of(Row r) {
        return new StagedGroup(r.getAs("status"), r.getAs("reason"), r.getAs("translation_model"),
                r.getAs("translation_model_revision"), r.getAs(OutputSchema.DT), r.<Boolean>getAs(OutputSchema.IN_TABLE),
                r.<Long>getAs("rows"), orZero(r.getAs("source_tokens")), orZero(r.getAs("generated_tokens")),
                orZero(r.getAs("translate_ms")), orZero(r.getAs("segment_count")),
                orZero(r.getAs("max_length_segments")), orZero(r.getAs("max_length_articles")));
    }

    private static long orZero(Long sum) {
        return sum == null ? 0 : sum;
    }
}
