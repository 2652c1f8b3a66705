package dev.tarjama.jobs.prepare;

import dev.tarjama.jobs.input.InputRecord;
import java.io.Serializable;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * Gives an input record its id, hash and date partition, and screens out what must not reach the
 * translator (malformed, too large, binary, empty, not Arabic) with a {@link Verdict}.
 */
public final class ArticlePreparer implements Serializable {
    /** Above this share of undecodable or control characters, a text is binary, not news. */
    static final double MAX_GARBAGE_RATIO = 0.1;

    private final int maxBodyChars;
    private final double minArabicRatio;
    private final String runDate;

    public ArticlePreparer(int maxBodyChars, double minArabicRatio, LocalDate runDate) {
        this.maxBodyChars = maxBodyChars;
        this.minArabicRatio = minArabicRatio;
        this.runDate = runDate.toString();
    }

    public PreparedArticle prepare(InputRecord record) {
        List<String> flags = new ArrayList<>();
        String title = record.title();
        String body = record.body();
        String hash = record.malformed() == null ? ContentHash.of(title, body) : null;
        String id = record.articleId();
        if (id == null) {
            if (hash != null) {
                id = ContentHash.idFor(hash);
                flags.add("id_from_hash");
            } else {
                id = "ref:" + record.inputRef();
                flags.add("id_from_input_ref");
            }
        }
        Instant published = PublishedAt.parse(record.publishedAt());
        if (published == null && record.publishedAt() != null && !record.publishedAt().isBlank()) {
            flags.add("bad_published_at");
        }
        String dt = published == null ? runDate : LocalDate.ofInstant(published, ZoneOffset.UTC).toString();
        Long micros = published == null ? null : ChronoUnit.MICROS.between(Instant.EPOCH, published);
        Verdict verdict = screen(record, title, body);
        long cost = verdict == null ? length(title) + length(body) : 0;
        if (verdict != null && (Status.TOO_LARGE.equals(verdict.reason())
                || Status.BINARY_CONTENT.equals(verdict.reason()))) {
            // Keep megabytes of junk out of the output; the message says how long it was.
            title = null;
            body = null;
        }
        return new PreparedArticle(id, title, body, record.url(), record.source(), micros, dt, published == null,
                hash, record.ref(), cost, flags, verdict, null);
    }

    private Verdict screen(InputRecord record, String title, String body) {
        if (record.malformed() != null) {
            return Verdict.failed(Status.MALFORMED_RECORD, record.malformed());
        }
        if (length(body) > maxBodyChars) {
            return Verdict.failed(Status.TOO_LARGE, "body has " + length(body) + " characters, more than "
                    + "input.max_body_chars=" + maxBodyChars);
        }
        String text = (title == null ? "" : title) + "\n" + (body == null ? "" : body);
        double garbage = TextChecks.garbageRatio(text);
        if (garbage > MAX_GARBAGE_RATIO) {
            return Verdict.failed(Status.BINARY_CONTENT, String.format(
                    "%.0f%% of the characters are control characters or undecodable bytes", garbage * 100));
        }
        if (text.isBlank()) {
            return Verdict.skipped(Status.EMPTY, "neither title nor body has text");
        }
        double arabic = TextChecks.arabicLetterRatio(text);
        if (arabic < minArabicRatio) {
            return Verdict.skipped(Status.NOT_ARABIC, arabic < 0 ? "the text has no letters"
                    : String.format("only %.0f%% of the letters are Arabic (input.min_arabic_ratio=%s)",
                            arabic * 100, minArabicRatio));
        }
        return null;
    }

    private static int length(String s) {
        return s == null ? 0 : s.length();
    }
}
