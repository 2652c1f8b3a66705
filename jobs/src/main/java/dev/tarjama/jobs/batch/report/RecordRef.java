package dev.tarjama.jobs.batch.report;

/**
 * One input record the report names: its id, where it was read ({@code input_ref}) and why it is
 * named (the row's {@code error} message).
 */
public record RecordRef(String articleId, String inputRef, String error) {}
