package dev.tarjama.jobs.newsletter;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/** Fixed newsletter rows written for the tests: real Arabic news style, hand-made English. */
final class Fixtures {
    static final Instant PROCESSED = Instant.parse("2025-03-04T02:00:00Z");

    private Fixtures() {}

    static Candidate row(String id, String source, String url, String published, String titleAr, String titleEn,
            String summaryAr, String summaryEn, String bodyAr, String bodyEn) {
        Instant at = published == null ? null : Instant.parse(published);
        LocalDate dt = at == null ? LocalDate.parse("2025-03-03") : LocalDate.ofInstant(at, java.time.ZoneOffset.UTC);
        return new Candidate(id, source, url, at, PROCESSED, dt, titleAr, titleEn, summaryAr, summaryEn, bodyAr, bodyEn);
    }

    /** Four stories: summaries present or not, a reprint of the first, a long unbroken URL-like word. */
    static List<Candidate> week() {
        return List.of(
                row("lib-1", "Al-Madina Daily", "https://example.org/news/library?id=1&lang=ar",
                        "2025-03-02T08:30:00Z",
                        "افتتاح مكتبة عامة جديدة في وسط المدينة",
                        "New public library opens in the city centre",
                        "افتتحت البلدية مكتبة عامة تضم أكثر من 25 ألف كتاب، والدخول مجاني لجميع السكان.",
                        "The municipality opened a public library with more than 25,000 books; entry is free for all residents.",
                        null, null),
                row("heat-2", "Weather_Desk", "http://example.net/weather/2",
                        "2025-03-02T11:00:00Z",
                        "ارتفاع درجات الحرارة خلال الأيام المقبلة",
                        "Temperatures to rise over the coming days",
                        null, null,
                        "توقعت هيئة الأرصاد الجوية ارتفاعاً ملحوظاً في درجات الحرارة خلال الأيام الثلاثة المقبلة، لتصل إلى ٣٨ درجة مئوية."
                                + " ودعت الهيئة المواطنين إلى تجنب أشعة الشمس في ساعات الظهيرة. وأضافت أن الطقس سيعتدل الأسبوع المقبل.",
                        "The weather authority expected a marked rise in temperatures over the next three days, reaching 38 degrees."
                                + " It urged citizens to avoid the midday sun. It added that the weather would ease next week."),
                row("lib-1-reprint", "Wire Service", "https://wire.example/story/77",
                        "2025-03-02T07:00:00Z",
                        "افتتاح مكتبة عامة جديدة وسط المدينة",
                        "New public library opens in the city centre",
                        "افتتحت البلدية مكتبة عامة تضم أكثر من 25 ألف كتاب، والدخول مجاني لجميع السكان.",
                        "The municipality opened a public library with more than 25,000 books; entry is free for all residents.",
                        null, null),
                row("clinic-3", "Health Ministry", "https://health.example/press/" + "a".repeat(140),
                        null,
                        "وزارة الصحة تطلق حملة للتطعيم في المدارس",
                        "Health ministry launches a school vaccination campaign",
                        "تستمر الحملة أسبوعين وتشمل طلاب المرحلة الابتدائية في جميع المحافظات: "
                                + "https://health.example/" + "حملة".repeat(20),
                        "The two-week campaign covers primary-school pupils in every governorate: https://health.example/"
                                + "campaign".repeat(20),
                        null, null));
    }
}
