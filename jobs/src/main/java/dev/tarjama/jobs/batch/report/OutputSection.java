package dev.tarjama.jobs.batch.report;

import dev.tarjama.jobs.output.Downgrade;
import dev.tarjama.jobs.output.WriteResult;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The report's {@code output}: where the rows went and what the write changed (docs/batch-job.md,
 * "Write semantics").
 *
 * @param format {@code output.format}: parquet or delta
 * @param mode {@code output.mode}: merge, incremental or overwrite
 * @param committed false when the downgrade guard refused the commit (exit 4, the table untouched)
 * @param rowsWritten rows of this run written to the table
 * @param partitionsWritten the {@code dt} partitions whose content the write changed, sorted
 * @param partitionsRemoved of those, the ones left without rows and removed
 * @param ledger the run's ledger folder (one row per input record)
 */
public record OutputSection(String path, String format, String mode, boolean committed, long rowsWritten,
        RowChanges rows, List<String> partitionsWritten, List<String> partitionsRemoved, DowngradeCheck downgrade,
        CommitSection commit, String ledger) {

    public OutputSection {
        partitionsWritten = List.copyOf(partitionsWritten);
        partitionsRemoved = List.copyOf(partitionsRemoved);
    }

    /**
     * What happened to the table's rows.
     *
     * @param inserted articles new to the table
     * @param updated articles replaced in their partition
     * @param moved articles whose row moved to another partition ({@code published_at} changed)
     * @param removedByOverwrite overwrite mode: rows of other articles removed from the run's partitions
     */
    public record RowChanges(long inserted, long updated, long moved, long removedByOverwrite) {}

    /**
     * The downgrade guard's verdict ({@code output.max_downgrade_rate}).
     *
     * @param okRowsReplaced existing ok rows the run replaces
     * @param downgradedTo how many of them become each other status
     * @param verdict {@code within_limit}, {@code refused} or {@code forced}
     */
    public record DowngradeCheck(long okRowsReplaced, long downgraded, Map<String, Long> downgradedTo, double rate,
            double maxRate, boolean forced, String verdict, String message) {}

    /**
     * The commit.
     *
     * @param record the closed journal, relative to the table ({@code _runs/RUN_ID/commit.json})
     * @param guarantee what readers were promised on this file system
     * @param deltaVersionBefore Delta: the table version before the run (time travel to it); -1 when new
     * @param deltaVersion Delta: the version this run committed
     * @param finishedCommits unfinished commits of crashed runs that this run finished first
     * @param removedStaging staging of crashed runs that this run removed first
     */
    public record CommitSection(String record, String guarantee, Long deltaVersionBefore, Long deltaVersion,
            List<String> finishedCommits, List<String> removedStaging) {}

    public static OutputSection of(WriteResult w, String ledger) {
        Downgrade d = w.downgrade();
        String verdict = d.refuses() ? "refused" : d.overLimit() ? "forced" : "within_limit";
        return new OutputSection(w.path(), w.format().key(), w.mode().key(), w.committed(),
                w.committed() ? w.rowsWritten() : 0,
                new RowChanges(w.inserted(), w.updated(), w.moved(), w.removedByOverwrite()),
                w.partitionsWritten(), w.partitionsRemoved(),
                new DowngradeCheck(d.okReplaced(), d.downgraded(), new TreeMap<>(d.downgradedTo()), d.rate(),
                        d.maxRate(), d.forced(), verdict, d.describe()),
                new CommitSection(w.commitRecord(), w.guarantee(), w.versionBefore(), w.version(),
                        w.recovery().finished(), w.recovery().removed()),
                ledger);
    }
}
