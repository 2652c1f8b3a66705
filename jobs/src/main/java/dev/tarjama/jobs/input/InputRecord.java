package dev.tarjama.jobs.input;

import java.io.Serializable;

/**
 * One record as read from the input, already mapped to the canonical columns; any field may be
 * null. {@code malformed} is null for a well-formed record, otherwise why it could not be read
 * (the record still becomes an output row).
 *
 * @param ref where the record came from
 */
public record InputRecord(
        String articleId,
        String title,
        String body,
        String url,
        String source,
        String publishedAt,
        InputRef ref,
        String malformed) implements Serializable {

    public static InputRecord malformed(String articleId, InputRef ref, String why) {
        return new InputRecord(articleId, null, null, null, null, null, ref, why);
    }

    /** The {@code input_ref} text, e.g. {@code a/y.jsonl@1040}. */
    public String inputRef() {
        return ref.toString();
    }
}
