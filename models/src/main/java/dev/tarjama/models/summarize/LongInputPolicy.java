package dev.tarjama.models.summarize;

/**
 * What {@link AbstractiveSummarizer} does with a text longer than the model's input limit
 * ({@code max_position_embeddings}, special tokens included). See docs/summaries-abstractive.md.
 */
public enum LongInputPolicy {
    /**
     * Keep the lead: the longest run of whole sentences from the start that fits; when the first
     * sentence alone does not fit, its first tokens. Note {@code input_truncated:N->M} (tokens).
     */
    TRUNCATE_LEAD,
    /**
     * Cut the text at sentence boundaries into windows that fit, summarize each, then summarize
     * the window summaries joined in order once more (its input lead-truncated if even that is
     * too long). Note {@code chunked:W}.
     */
    CHUNK
}
