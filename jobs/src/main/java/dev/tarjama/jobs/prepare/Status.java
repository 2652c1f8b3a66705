package dev.tarjama.jobs.prepare;

/** Row statuses and reason codes, as written in the {@code status} and {@code reason} columns. */
public final class Status {
    public static final String OK = "ok";
    public static final String PARTIAL = "partial";
    public static final String SKIPPED = "skipped";
    public static final String FAILED = "failed";

    /** ok: every segment was translated. */
    public static final String TRANSLATED = "translated";
    /** partial: the title was translated, the body is empty. */
    public static final String EMPTY_BODY = "empty_body";
    /** skipped: neither title nor body has text. */
    public static final String EMPTY = "empty";
    /** skipped: the text is not (mostly) Arabic, e.g. English-only. */
    public static final String NOT_ARABIC = "not_arabic";
    /** skipped: another input record with the same id was kept. */
    public static final String DUPLICATE_ID = "duplicate_id";
    /** skipped (incremental): an ok row with the same content, models and settings exists. */
    public static final String UNCHANGED = "unchanged";
    /** failed: the record could not be read (bad JSON, wrong types, bad CSV row, not UTF-8). */
    public static final String MALFORMED_RECORD = "malformed_record";
    /** failed: the body is longer than input.max_body_chars. */
    public static final String TOO_LARGE = "too_large";
    /** failed: the text is mostly control characters or undecodable bytes. */
    public static final String BINARY_CONTENT = "binary_content";
    /** failed: the translator threw on this article alone. */
    public static final String TRANSLATION_ERROR = "translation_error";
    /** partial: translated, but the summarizer failed on this article; the translation is kept. */
    public static final String SUMMARY_ERROR = "summary_error";

    private Status() {}
}
