package dev.tarjama.jobs.batch.report;

/**
 * A record left out as {@code skipped}/{@code duplicate_id}: its id, where it was read, and where
 * the record of that id that was kept was read.
 */
public record DuplicateRecord(String articleId, String inputRef, String keptInputRef) {}
