package dev.tarjama.jobs.batch;

import dev.tarjama.jobs.batch.report.ModelName;
import dev.tarjama.jobs.batch.report.RecordRef;
import dev.tarjama.jobs.exit.JobFailure;
import dev.tarjama.jobs.prepare.Status;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import static org.apache.spark.sql.functions.col;

/**
 * What the report needs from a run's staged rows, read once after translation: the aggregate
 * groups, the first malformed records and the summary models the rows record.
 */
record StagedFacts(List<StagedGroup> groups, List<RecordRef> malformedSample, List<ModelName> summaryModels) {
    /** How many malformed records the report quotes. */
    static final int MALFORMED_SAMPLE = 5;

    static StagedFacts of(Dataset<Row> staged, long inputRecords, boolean abstractive) {
        List<StagedGroup> groups = StagedGroup.collect(staged);
        long rows = groups.stream().mapToLong(StagedGroup::rows).sum();
        if (rows != inputRecords) {
            // One row per input record is the job's contract; never report around a breach.
            throw new JobFailure("internal error: " + inputRecords + " input records but " + rows + " rows");
        }
        boolean anyMalformed = groups.stream().anyMatch(g -> Status.MALFORMED_RECORD.equals(g.reason()));
        List<RecordRef> malformed = !anyMalformed ? List.of()
                : staged.where(col("reason").equalTo(Status.MALFORMED_RECORD))
                        .select("article_id", "input_ref", "error").orderBy("input_ref").limit(MALFORMED_SAMPLE)
                        .collectAsList().stream()
                        .map(r -> new RecordRef(r.getString(0), r.getString(1), r.getString(2)))
                        .toList();
        List<ModelName> summaryModels = !abstractive ? List.of()
                : staged.where(col("summary_model").isNotNull()).select("summary_model", "summary_model_revision")
                        .distinct().orderBy("summary_model").collectAsList().stream()
                        .map(r -> new ModelName(r.getString(0), r.getString(1)))
                        .toList();
        return new StagedFacts(groups, malformed, summaryModels);
    }

    /** Rows that go to the table. */
    long rowsToWrite() {
        return groups.stream().filter(StagedGroup::inTable).mapToLong(StagedGroup::rows).sum();
    }

    /** The {@code dt} partitions the table rows fall in, sorted. */
    Set<String> datesToWrite() {
        Set<String> dates = new TreeSet<>();
        groups.stream().filter(StagedGroup::inTable).forEach(g -> dates.add(g.dt()));
        return dates;
    }

    /** The translation model names and revisions the rows record, each once, sorted. */
    List<ModelName> translationModels() {
        Set<String> seen = new TreeSet<>();
        return groups.stream()
                .filter(g -> g.translationModel() != null)
                .sorted(java.util.Comparator.comparing(StagedGroup::translationModel)
                        .thenComparing(g -> String.valueOf(g.translationModelRevision())))
                .filter(g -> seen.add(g.translationModel() + "\u0000" + g.translationModelRevision()))
                .map(g -> new ModelName(g.translationModel(), g.translationModelRevision()))
                .toList();
    }
}
