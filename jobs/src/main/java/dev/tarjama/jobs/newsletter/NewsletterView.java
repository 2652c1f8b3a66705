package dev.tarjama.jobs.newsletter;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What the templates see: plain strings, not yet escaped (each template's engine escapes for its
 * format), cleaned of directional formatting characters ({@link Bidi}), and links already checked
 * by {@link SafeLink}.
 *
 * @param range the date range for people: one day, or "from – to"
 * @param smokeWarning the banner every format shows when an article came from the smoke model; null otherwise
 * @param models who wrote the English, for the footer: one line per model and revision
 */
public record NewsletterView(String title, String range, int count, List<Item> items, String smokeWarning,
        List<String> models) {

    /**
     * One article.
     *
     * @param href a checked http(s) URL, or null: no link is shown
     * @param date publication time in UTC, or the partition date when the input had none
     * @param needsReview the review flags of an article the editor asked to include, or null
     */
    public record Item(int number, String titleAr, String summaryAr, String titleEn, String summaryEn,
            String source, String date, String href, String needsReview) {}

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")
            .withZone(ZoneOffset.UTC);

    public static NewsletterView of(String title, LocalDate from, LocalDate to, List<Candidate> articles) {
        List<Item> items = new ArrayList<>();
        Set<String> models = new LinkedHashSet<>();
        int smoke = 0;
        for (Candidate c : articles) {
            List<String> review = c.reviewFlags();
            items.add(new Item(items.size() + 1, text(c.titleAr()), text(Summaries.of(c.summaryAr(), c.bodyAr())),
                    text(c.titleEn()), text(Summaries.of(c.summaryEn(), c.bodyEn())),
                    c.source() == null || c.source().isBlank() ? "unknown source" : text(c.source()),
                    c.publishedAt() != null ? TIME.format(c.publishedAt()) : c.dt().toString(),
                    SafeLink.href(c.url()).orElse(null), review.isEmpty() ? null : String.join(", ", review)));
            Candidate.Provenance p = c.provenance();
            if (p.translationModel() != null) {
                models.add("translation: " + text(p.translationModel()) + revision(p.translationModelRevision()));
            }
            if (p.summaryModel() != null) {
                models.add("summaries: " + text(p.summaryModel()) + revision(p.summaryModelRevision()));
            }
            smoke += c.smoke() ? 1 : 0;
        }
        String range = from.equals(to) ? from.toString() : from + " – " + to;
        String warning = smoke == 0 ? null : "TEST OUTPUT, NOT A TRANSLATION: " + smoke + " of " + items.size()
                + " articles were translated by the bundled smoke model (random weights). Do not send.";
        return new NewsletterView(text(title), range, items.size(), List.copyOf(items), warning, List.copyOf(models));
    }

    private static String revision(String revision) {
        return revision == null || revision.isBlank() ? "" : " (revision " + text(revision) + ")";
    }

    private static String text(String s) {
        return s == null ? "" : Bidi.clean(s).strip();
    }
}
