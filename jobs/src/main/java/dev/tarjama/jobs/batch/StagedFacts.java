package dev.tarjama.jobs.batch;

import dev.tarjama.jobs.batch.report.DuplicateRecord;
import dev.tarjama.jobs.batch.report.Duplicates;
import dev.tarjama.jobs.batch.report.ModelName;
import dev.tarjama.jobs.batch.report.RecordRef;
import dev.tarjama.jobs.exit.JobFailure;
import dev.tarjama.jobs.input.InputRef;
import dev.tarjama.jobs.prepare.Status;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import static org.apache.spark.sql.functions.col;

/**
 * What the report needs from a run's staged rows, read once after translation: the aggregate
 * groups, the first malformed records, the duplicates and the summary models the rows record.
 */
record StagedFacts(List<StagedGroup> groups, List<RecordRef> malformedSample, Duplicates duplicates,
        List<ModelName> summaryModels) {
    /** How many malformed records the report quotes. */
    static final int MALFORMED_SAMPLE = 5;
    /** How many duplicate records the report lists. */
    static final int DUPLICATES_LISTED = 1000;
    /** A run without input records. */
    static final StagedFacts NONE = new StagedFacts(List.of(), List.of(), new Duplicates(0, DUPLICATES_LISTED, List.of()),
            List.of());

    static StagedFacts of(Dataset<Row> staged, long inputRecords, boolean abstractive) {
        List<StagedGroup> groups = StagedGroup.collect(staged);
        long rows = groups.stream().mapToLong(StagedGroup::rows).sum();
        if (rows != inputRecords) {
            // One row per input record is the job's contract; never report around a breach.
            throw new JobFailure("internal error: " + inputRecords + " input records but " + rows + " rows");
        }
        List<RecordRef> malformed = !any(groups, Status.MALFORMED_RECORD) ? List.of()
                : staged.where(col("reason").equalTo(Status.MALFORMED_RECORD))
                        .select("article_id", "input_ref", "error").orderBy(InputRef.inputOrder(col("input_ref")))
                        .limit(MALFORMED_SAMPLE).collectAsList().stream()
                        .map(r -> new RecordRef(r.getString(0), r.getString(1), r.getString(2)))
                        .toList();
        List<ModelName> summaryModels = !abstractive ? List.of()
                : staged.where(col("summary_model").isNotNull()).select("summary_model", "summary_model_revision")
                        .distinct().orderBy("summary_model").collectAsList().stream()
                        .map(r -> new ModelName(r.getString(0), r.getString(1)))
                        .toList();
        return new StagedFacts(groups, malformed, duplicates(staged, groups), summaryModels);
    }

    private static boolean any(List<StagedGroup> groups, String reason) {
        return groups.stream().anyMatch(g -> reason.equals(g.reason()));
    }

    /** Each duplicate with the input_ref of the record of its id that was kept (the one row of the id that is not a duplicate). */
    private static Duplicates duplicates(Dataset<Row> staged, List<StagedGroup> groups) {
        long count = groups.stream().filter(g -> Status.DUPLICATE_ID.equals(g.reason())).mapToLong(StagedGroup::rows)
                .sum();
        if (count == 0) {
            return new Duplicates(0, DUPLICATES_LISTED, List.of());
        }
        Dataset<Row> dups = staged.where(col("reason").equalTo(Status.DUPLICATE_ID)).select("article_id", "input_ref");
        Dataset<Row> kept = staged.where(col("reason").notEqual(Status.DUPLICATE_ID))
                .select(col("article_id"), col("input_ref").as("kept_input_ref"));
        List<Column> order = new ArrayList<>(List.of(col("article_id")));
        order.addAll(List.of(InputRef.inputOrder(col("input_ref"))));
        List<DuplicateRecord> listed = dups.join(kept, dups.col("article_id").equalTo(kept.col("article_id")), "left")
                .select(dups.col("article_id"), col("input_ref"), col("kept_input_ref"))
                .orderBy(order.toArray(new Column[0])).limit(DUPLICATES_LISTED).collectAsList().stream()
                .map(r -> new DuplicateRecord(r.getString(0), r.getString(1), r.getString(2)))
                .toList();
        return new Duplicates(count, DUPLICATES_LISTED, listed);
    }

    /** Rows that go to the table. */
    long rowsToWrite() {
        return groups.stream().filter(StagedGroup::inTable).mapToLong(StagedGroup::rows).sum();
    }

    /** The translation model names and revisions the rows record, each once, sorted. */
    List<ModelName> translationModels() {
        Set<String> seen = new TreeSet<>();
        return groups.stream()
                .filter(g -> g.translationModel() != null)
                .sorted(Comparator.comparing(StagedGroup::translationModel)
                        .thenComparing(g -> String.valueOf(g.translationModelRevision())))
                .filter(g -> seen.add(g.translationModel() + "\u0000" + g.translationModelRevision()))
                .map(g -> new ModelName(g.translationModel(), g.translationModelRevision()))
                .toList();
    }
}
