package dev.tarjama.jobs.output;

import java.util.List;

/**
 * What a run did to the table, for the run report's {@code output} section (docs/batch-job.md):
 * the write semantics applied, the partitions changed, the downgrade verdict and the commit.
 *
 * @param committed false when the downgrade guard refused the commit (the table is untouched)
 * @param partitionsWritten partitions whose content changed (emptied ones included)
 * @param partitionsRemoved partitions left without rows, and so removed
 * @param removedByOverwrite overwrite mode: rows of other articles removed from the run's partitions
 * @param commitRecord the closed journal ({@code _runs/RUN_ID/commit.json}), null when nothing was committed
 * @param guarantee what readers are promised on this file system during the commit
 * @param versionBefore Delta: the table version before the run (-1: none), for time travel; else null
 * @param version Delta: the version this run committed; else null
 * @param recovery what the recovery before the run found and did
 */
public record WriteResult(String path, OutputFormat format, OutputMode mode, boolean committed, long rowsWritten,
        long inserted, long updated, long moved, long removedByOverwrite, List<String> partitionsWritten,
        List<String> partitionsRemoved, Downgrade downgrade, String commitRecord, String guarantee,
        Long versionBefore, Long version, TableRecovery.Result recovery) {

    public WriteResult {
        partitionsWritten = List.copyOf(partitionsWritten);
        partitionsRemoved = List.copyOf(partitionsRemoved);
    }
}
