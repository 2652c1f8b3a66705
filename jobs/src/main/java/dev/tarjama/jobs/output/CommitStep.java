package dev.tarjama.jobs.output;

/**
 * The named points of a table commit, in the order a commit passes them. A crash before
 * {@link #JOURNAL_WRITTEN} is undone by the next run (or {@code tarjama repair}); a crash after it
 * is finished. The fault-injection tests halt the JVM at each one (docs/batch-job.md, "Commit").
 */
public enum CommitStep {
    /** The new partition files (Parquet) or the MERGE source (Delta) are staged; no journal yet. */
    STAGED("staged"),
    /** The journal is durable; nothing in the table has changed yet. */
    JOURNAL_WRITTEN("journal-written"),
    /** Parquet: one more partition file swapped in (reached once per partition). */
    PARTITION_SWAPPED("partition-swapped"),
    /** Parquet: every partition swapped in; the files they replaced and emptied partitions are still there. */
    ALL_SWAPPED("all-swapped"),
    /** Parquet: replaced files and emptied partitions removed. */
    REPLACED_REMOVED("replaced-removed"),
    /** Delta: MERGE wrote its data files, not its log entry (seen from Delta's LogStore, test hook only). */
    DELTA_FILES_WRITTEN("delta-files-written"),
    /** Delta: MERGE wrote its log entry, the commit (seen from Delta's LogStore, test hook only). */
    DELTA_LOG_WRITTEN("delta-log-written"),
    /** The journal is closed (kept as the run's commit record); the run's staging is still there. */
    JOURNAL_CLOSED("journal-closed");

    private final String id;

    CommitStep(String id) {
        this.id = id;
    }

    /** The step's name in logs, journals and the fault-injection tests. */
    public String id() {
        return id;
    }

    public static CommitStep parse(String id) {
        for (CommitStep step : values()) {
            if (step.id.equals(id)) {
                return step;
            }
        }
        throw new IllegalArgumentException("unknown commit step " + id);
    }
}
