package dev.tarjama.jobs.batch.report;

/**
 * The report's {@code input}: what was read.
 *
 * @param format the resolved input format ({@code jsonl}, {@code parquet}, {@code csv}, {@code txt})
 * @param records input records, one output or ledger row each
 * @param note why there were none, for a run with {@code run.allow_empty_input=true}; null otherwise
 */
public record InputSection(String path, String format, long records, String note) {}
