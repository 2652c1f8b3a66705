package dev.tarjama.jobs.batch.report;

import java.util.List;

/**
 * The report's {@code output}: where the rows went and what the write changed.
 *
 * @param mode the configured {@code output.mode}
 * @param rowsWritten rows of this run written to the table
 * @param partitionsWritten the {@code dt} partitions the write replaced, sorted
 * @param ledger the run's ledger folder (one row per input record)
 */
public record OutputSection(String path, String mode, long rowsWritten, List<String> partitionsWritten,
        String ledger) {

    public OutputSection {
        partitionsWritten = List.copyOf(partitionsWritten);
    }
}
