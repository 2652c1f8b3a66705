package dev.tarjama.jobs.newsletter;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/**
 * What the templates see: plain strings, not yet escaped (each template's engine escapes for its
 * format), and links already checked by {@link SafeLink}.
 *
 * @param range the date range for people: one day, or "from – to"
 */
public record NewsletterView(String title, String range, int count, List<Item> items) {

    /**
     * One article.
     *
     * @param href a checked http(s) URL, or null: no link is shown
     * @param date publication time in UTC, or the partition date when the input had none
     */
    public record Item(int number, String titleAr, String summaryAr, String titleEn, String summaryEn,
            String source, String date, String href) {}

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")
            .withZone(ZoneOffset.UTC);

    public static NewsletterView of(String title, LocalDate from, LocalDate to, List<Candidate> articles) {
        List<Item> items = new ArrayList<>();
        for (Candidate c : articles) {
            items.add(new Item(items.size() + 1, text(c.titleAr()), Summaries.of(c.summaryAr(), c.bodyAr()),
                    text(c.titleEn()), Summaries.of(c.summaryEn(), c.bodyEn()),
                    c.source() == null || c.source().isBlank() ? "unknown source" : c.source().strip(),
                    c.publishedAt() != null ? TIME.format(c.publishedAt()) : c.dt().toString(),
                    SafeLink.href(c.url()).orElse(null)));
        }
        String range = from.equals(to) ? from.toString() : from + " – " + to;
        return new NewsletterView(title, range, items.size(), List.copyOf(items));
    }

    private static String text(String s) {
        return s == null ? "" : s.strip();
    }
}
