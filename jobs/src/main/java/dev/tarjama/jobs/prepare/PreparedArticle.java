package dev.tarjama.jobs.prepare;

import java.io.Serializable;
import java.util.List;

/**
 * An input record with its final id, content hash, date partition and, when the job already knows
 * the outcome, a {@link Verdict}; otherwise it goes to the translator.
 *
 * @param publishedAtMicros publication time in microseconds since the epoch (UTC), or null
 * @param dt partition date {@code yyyy-MM-dd}: the UTC date of publication, else the run date
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
        String contentHash,
        String inputRef,
        long cost,
        List<String> flags,
        Verdict verdict,
        PreviousRow previous) implements Serializable {

    public PreparedArticle {
        flags = List.copyOf(flags);
    }

    public boolean needsModel() {
        return verdict == null;
    }

    public PreparedArticle withVerdict(Verdict newVerdict) {
        return new PreparedArticle(articleId, title, body, url, source, publishedAtMicros, dt, contentHash,
                inputRef, 0, flags, newVerdict, previous);
    }

    public PreparedArticle withPrevious(PreviousRow row) {
        return new PreparedArticle(articleId, title, body, url, source, publishedAtMicros, dt, contentHash,
                inputRef, cost, flags, verdict, row);
    }
}
