package dev.tarjama.jobs.batch.report;

/**
 * The report's {@code segments}: translated sentences (segments), how many a length limit stopped,
 * and how many model inputs the per-executor memo served instead of the model.
 *
 * @param translated segments of translated rows
 * @param maxLength segments flagged {@code max_length}: stopped by the source-length cap,
 *     {@code max_new_tokens} or {@code max_length}, forced EOS or not
 * @param articlesMaxLength translated rows with at least one such segment
 * @param memoHits model inputs (sentences or their pieces) whose translation an executor JVM reused
 *     from an identical input it had translated before; counted by an accumulator like model loads
 */
public record SegmentsSection(long translated, long maxLength, long articlesMaxLength, long memoHits) {}
