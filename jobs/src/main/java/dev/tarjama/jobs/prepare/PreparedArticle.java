package dev.tarjama.jobs.prepare;

import dev.tarjama.jobs.input.InputRef;
import java.io.Serializable;
import java.util.List;

/**
 * An input record with its final id, content hash, date partition and, when the job already knows
 * the outcome, a {@link Verdict}; otherwise it goes to the translator.
 *
 * @param publishedAtMicros publication time in microseconds since the epoch (UTC), or null
 * @param dt partition date {@code yyyy-MM-dd}: the UTC date of publication, else the run date
 * @param dtFromRunDate true when {@code dt} is the run date because the article has no usable
 *     {@code published_at} (an undated article keeps the date of its existing row when the table
 *     already has one)
 * @param ref where the record was read
 * @param cost estimated translation cost (characters to translate; 0 when nothing is translated)
 * @param flags article flags known before translation, e.g. {@code id_from_hash}
 * @param previous the earlier ok row's identity (incremental mode), or null
 */
public record PreparedArticle(
        String articleId,
        String title,
        String body,
        String url,
        String source,
        Long publishedAtMicros,
        String dt,
        boolean dtFromRunDate,
        String contentHash,
        InputRef ref,
        long cost,
        List<String> flags,
        Verdict verdict,
        PreviousRow previous) implements Serializable {

    public PreparedArticle {
        flags = List.copyOf(flags);
    }

    /** The {@code input_ref} text. */
    public String inputRef() {
        return ref.toString();
    }

    public boolean needsModel() {
        return verdict == null;
    }

    public PreparedArticle withVerdict(Verdict newVerdict) {
        return new PreparedArticle(articleId, title, body, url, source, publishedAtMicros, dt, dtFromRunDate,
                contentHash, ref, 0, flags, newVerdict, previous);
    }

    public PreparedArticle withPrevious(PreviousRow row) {
        return new PreparedArticle(articleId, title, body, url, source, publishedAtMicros, dt, dtFromRunDate,
                contentHash, ref, cost, flags, verdict, row);
    }
}
