package dev.tarjama.jobs.input;

import java.io.Serializable;

/**
 * One record as read from the input, already mapped to the canonical columns; any field may be
 * null. {@code malformed} is null for a well-formed record, otherwise why it could not be read
 * (the record still becomes an output row).
 *
 * @param inputRef where the record came from: {@code file@byteOffset} (JSONL), {@code file#row}
 *     (Parquet), {@code file} (CSV, txt)
 */
public record InputRecord(
        String articleId,
        String title,
        String body,
        String url,
        String source,
        String publishedAt,
        String inputRef,
        String malformed) implements Serializable {

    public static InputRecord malformed(String articleId, String inputRef, String why) {
        return new InputRecord(articleId, null, null, null, null, null, inputRef, why);
    }
}
