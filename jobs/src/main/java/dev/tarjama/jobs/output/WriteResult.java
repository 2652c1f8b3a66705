package dev.tarjama.jobs.output;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
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

    /** Fills the report's {@code output} object. */
    public void writeTo(ObjectNode out) {
        out.put("path", path);
        out.put("format", format.key());
        out.put("mode", mode.key());
        out.put("committed", committed);
        out.put("rows_written", committed ? rowsWritten : 0);
        ObjectNode rows = out.putObject("rows");
        rows.put("inserted", inserted);
        rows.put("updated", updated);
        rows.put("moved", moved);
        rows.put("removed_by_overwrite", removedByOverwrite);
        ArrayNode written = out.putArray("partitions_written");
        partitionsWritten.forEach(written::add);
        ArrayNode removed = out.putArray("partitions_removed");
        partitionsRemoved.forEach(removed::add);
        ObjectNode guard = out.putObject("downgrade");
        guard.put("ok_rows_replaced", downgrade.okReplaced());
        guard.put("downgraded", downgrade.downgraded());
        ObjectNode to = guard.putObject("downgraded_to");
        downgrade.downgradedTo().entrySet().stream().sorted(java.util.Map.Entry.comparingByKey())
                .forEach(e -> to.put(e.getKey(), e.getValue()));
        guard.put("rate", downgrade.rate());
        guard.put("max_rate", downgrade.maxRate());
        guard.put("forced", downgrade.forced());
        guard.put("verdict", downgrade.refuses() ? "refused" : downgrade.overLimit() ? "forced" : "within_limit");
        guard.put("message", downgrade.describe());
        ObjectNode commit = out.putObject("commit");
        if (commitRecord != null) {
            commit.put("record", commitRecord);
        }
        commit.put("guarantee", guarantee);
        if (versionBefore != null) {
            commit.put("delta_version_before", versionBefore);
        }
        if (version != null) {
            commit.put("delta_version", version);
        }
        ObjectNode recovered = out.putObject("recovery");
        ArrayNode finished = recovered.putArray("finished_commits");
        recovery.finished().forEach(finished::add);
        ArrayNode cleaned = recovered.putArray("removed_staging");
        recovery.removed().forEach(cleaned::add);
    }
}
