package dev.tarjama.models.translate;

import java.util.List;

/**
 * The translation of one {@link SourceArticle}.
 *
 * @param id the source article's id
 * @param titleAr the cleaned Arabic title
 * @param bodyAr the cleaned Arabic body (paragraphs separated by a blank line)
 * @param titleEn the English title
 * @param bodyEn the English body, paragraphs separated by a blank line, in source order
 * @param segments title segments (paragraph -1) then body segments, in source order
 * @param memoHits model inputs (sentences or pieces of them) whose translation was reused from an
 *     identical input translated earlier by the same pipeline instead of generated again
 */
public record ArticleTranslation(
        String id,
        String titleAr,
        String bodyAr,
        String titleEn,
        String bodyEn,
        List<SegmentTranslation> segments,
        int memoHits) {

    public ArticleTranslation {
        segments = List.copyOf(segments);
    }

    /** A translation that reused nothing. */
    public ArticleTranslation(String id, String titleAr, String bodyAr, String titleEn, String bodyEn,
                              List<SegmentTranslation> segments) {
        this(id, titleAr, bodyAr, titleEn, bodyEn, segments, 0);
    }

    /** Tokens fed to the encoder over all segments. */
    public int sourceTokens() {
        return segments.stream().mapToInt(SegmentTranslation::sourceTokens).sum();
    }

    /** Tokens generated over all segments. */
    public int generatedTokens() {
        return segments.stream().mapToInt(SegmentTranslation::generatedTokens).sum();
    }
}
