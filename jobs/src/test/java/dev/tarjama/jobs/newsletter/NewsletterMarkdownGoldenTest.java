package dev.tarjama.jobs.newsletter;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tarjama.jobs.support.TestPaths;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

/**
 * The Markdown newsletter of {@link Fixtures#week()} equals the committed file. After a deliberate
 * template change, rerun with {@code -Dnewsletter.golden.update=true} and review the diff.
 */
class NewsletterMarkdownGoldenTest {
    private static final Path GOLDEN = TestPaths.repoRoot().resolve("jobs/src/test/resources/newsletter/golden.md");

    @Test
    void markdownOfTheFixedRowsMatchesTheGoldenFile() throws Exception {
        NewsletterOptions options = NewsletterOptions.defaults("unused")
                .withRange(LocalDate.parse("2025-03-01"), LocalDate.parse("2025-03-03"));
        Selection selection = Selection.of(Fixtures.week(), options);
        NewsletterView view = NewsletterView.of(options.title(), options.from(), options.to(), selection.selected());
        String markdown = new NewsletterRenderer().render(NewsletterFormat.MARKDOWN, view);
        if (Boolean.getBoolean("newsletter.golden.update")) {
            Files.writeString(GOLDEN, markdown, StandardCharsets.UTF_8);
        }
        assertEquals(Files.readString(GOLDEN, StandardCharsets.UTF_8), markdown);
    }
}
