package dev.tarjama.jobs.batch.report;

import java.util.List;

/**
 * The report's {@code duplicates}: records that share an id with a later one in input order,
 * which was kept. {@code records} lists the first {@code listLimit} of them by article id and input
 * order; the ledger has them all.
 */
public record Duplicates(long count, int listLimit, List<DuplicateRecord> records) {

    public Duplicates {
        records = List.copyOf(records);
    }
}
