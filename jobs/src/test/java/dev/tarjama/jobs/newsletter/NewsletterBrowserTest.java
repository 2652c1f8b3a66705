package dev.tarjama.jobs.newsletter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import dev.tarjama.jobs.support.TestPaths;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Opens the HTML newsletter in Debian's headless Chromium (driven by Playwright, which is told never
 * to download a browser) at 600 px: Arabic blocks are laid out right to left and right-aligned,
 * nothing is wider than 600 px, and the page is saved as {@code docs/newsletter.png}.
 */
@Tag("browser")
class NewsletterBrowserTest {
    private static final Path CHROMIUM = Paths.get("/usr/bin/chromium");
    private static final int WIDTH = 600;

    @TempDir
    Path tmp;

    /**
     * For every {@code dir="rtl"} element: its language, computed direction and alignment, and the
     * largest gap between the right edge of its content box and the right end of any line of its
     * text (0 when every line is flush right).
     */
    private static final String RTL_PROBE = """
            () => [...document.querySelectorAll('[dir="rtl"]')].map(el => {
              const texts = el.querySelector('h2, p') ? [...el.querySelectorAll('h2, p')] : [el];
              const gaps = texts.map(t => {
                const cs = getComputedStyle(t);
                const inner = t.getBoundingClientRect().right - parseFloat(cs.paddingRight) - parseFloat(cs.borderRightWidth);
                const range = document.createRange();
                range.selectNodeContents(t);
                const lines = [];
                [...range.getClientRects()].filter(r => r.width > 0).sort((a, b) => a.top - b.top).forEach(r => {
                  const line = lines.find(l => r.top < l.bottom - 2 && r.bottom > l.top + 2);
                  if (line) { line.right = Math.max(line.right, r.right); } else { lines.push({top: r.top, bottom: r.bottom, right: r.right}); }
                });
                return lines.length ? Math.max(...lines.map(l => Math.abs(inner - l.right))) : 999;
              });
              const cs = getComputedStyle(el);
              return {lang: el.lang, direction: cs.direction, textAlign: cs.textAlign, maxGap: Math.max(...gaps),
                      text: el.textContent.trim().slice(0, 30)};
            })""";

    private static final String OVERFLOW_PROBE = """
            () => ({
              page: Math.max(document.documentElement.scrollWidth, document.body.scrollWidth),
              blocks: [...document.querySelectorAll('.block, .item, table, [dir]')]
                .filter(el => el.scrollWidth > 600 || el.scrollWidth > el.clientWidth + 1
                              || el.getBoundingClientRect().right > 600.5)
                .map(el => el.tagName + '.' + el.className + ' ' + el.scrollWidth + '/' + el.clientWidth),
              count: document.querySelectorAll('.block').length
            })""";

    /**
     * The meta line of each article: the left edges of the first and last letter of "Read the
     * original", and of the source and the date, as laid out; a reversing control in the source
     * would put them in the opposite order.
     */
    private static final String ORDER_PROBE = """
            () => [...document.querySelectorAll('td.meta')].map(td => {
              const x = (node, i) => { const r = document.createRange(); r.setStart(node, i); r.setEnd(node, i + 1);
                                       return r.getBoundingClientRect().left; };
              const link = td.querySelector('a');
              const text = link ? link.firstChild : null;
              const bdis = [...td.querySelectorAll('bdi')];
              return {linkFirst: text ? x(text, 0) : 0, linkLast: text ? x(text, 'Read the original'.length - 1) : 1,
                      source: bdis[0].getBoundingClientRect().left, date: bdis[1].getBoundingClientRect().left,
                      top: bdis[0].getBoundingClientRect().top, dateTop: bdis[1].getBoundingClientRect().top,
                      text: td.textContent.trim().slice(0, 60)};
            })""";

    @Test
    void arabicBlocksAreRightAlignedAndNothingOverflowsAt600Pixels() throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(CHROMIUM), "Debian chromium not installed at " + CHROMIUM);
        Path html = render("nl", Fixtures.week(), false);
        try (Playwright playwright = playwright(); BrowserContext context = browser(playwright)) {
            Page page = open(context, html);
            @SuppressWarnings("unchecked")
            List<Map<String, Object>> rtl = (List<Map<String, Object>>) page.evaluate(RTL_PROBE);
            assertEquals(1 + 3, rtl.size(), "the Arabic header line and one Arabic block per article");
            for (Map<String, Object> block : rtl) {
                assertEquals("ar", block.get("lang"), block.toString());
                assertEquals("rtl", block.get("direction"), block.toString());
                assertTrue(List.of("right", "start").contains(block.get("textAlign")), block.toString());
                assertTrue(((Number) block.get("maxGap")).doubleValue() <= 2.0,
                        "every line of text ends at the block's right edge: " + block);
            }
            assertNoOverflow(page);

            Path png = TestPaths.repoRoot().resolve("docs/newsletter.png");
            page.screenshot(new Page.ScreenshotOptions().setPath(png).setFullPage(true));
            assertTrue(Files.size(png) > 10_000, "screenshot written");
        }
    }

    @Test
    void aHostileSourceNeitherReversesTheMetaLineNorWidensTheEmail() throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(CHROMIUM), "Debian chromium not installed at " + CHROMIUM);
        String mixed = "وكالة" + "Agency".repeat(3) + "١٢٣٤٥" + "الأنباء" + "News_Wire-".repeat(12);
        Candidate hostile = new Candidate("hostile-1", "\u202Eevil wire " + mixed + " \u2067tail",
                "https://evil.example/" + mixed, java.time.Instant.parse("2025-03-03T09:00:00Z"), Fixtures.PROCESSED,
                LocalDate.parse("2025-03-03"), "\u202Bعنوان " + mixed, "\u202DHeadline " + mixed + mixed,
                "ملخص " + mixed, "Summary " + mixed, null, null,
                new Candidate.Provenance("smoke:marian-xenova", "abc123", null, null, List.of("repetition_loop")));
        List<Candidate> rows = new java.util.ArrayList<>(Fixtures.week());
        rows.add(hostile);
        Path html = render("hostile", rows, true);
        String text = Files.readString(html);
        int control = java.util.stream.IntStream.range(0, text.length()).filter(i -> text.charAt(i) >= 0x202A
                && text.charAt(i) <= 0x202E || text.charAt(i) >= 0x2066 && text.charAt(i) <= 0x2069).findFirst().orElse(-1);
        assertEquals(-1, control, "no directional formatting characters left in the HTML: "
                + (control < 0 ? "" : text.substring(Math.max(0, control - 80), control + 1)));
        try (Playwright playwright = playwright(); BrowserContext context = browser(playwright)) {
            Page page = open(context, html);
            assertNoOverflow(page);
            @SuppressWarnings("unchecked")
            List<Map<String, Object>> metas = (List<Map<String, Object>>) page.evaluate(ORDER_PROBE);
            assertEquals(4, metas.size(), "four articles after the reprint collapses");
            for (Map<String, Object> m : metas) {
                assertTrue(number(m, "linkFirst") < number(m, "linkLast"), "'Read the original' reads left to right: " + m);
                boolean sameLine = Math.abs(number(m, "top") - number(m, "dateTop")) < 2;
                assertTrue(!sameLine || number(m, "source") < number(m, "date"), "source before date: " + m);
            }
            assertTrue(page.textContent("td.banner").strip().startsWith("TEST OUTPUT, NOT A TRANSLATION"));
            assertTrue(page.textContent("td.review").contains("NEEDS REVIEW: repetition_loop"));
        }
    }

    private static double number(Map<String, Object> m, String key) {
        return ((Number) m.get(key)).doubleValue();
    }

    private Path render(String name, List<Candidate> rows, boolean includeFlagged) throws Exception {
        NewsletterOptions options = NewsletterOptions.defaults("unused")
                .withRange(LocalDate.parse("2025-03-01"), LocalDate.parse("2025-03-03")).withOut(tmp.resolve(name))
                .withIncludeFlagged(includeFlagged);
        NewsletterJob.write(options, Selection.of(rows, options), new NewsletterRenderer(),
                Instant.parse("2025-03-04T06:00:00Z"));
        return tmp.resolve(name + "/newsletter.html");
    }

    private static Playwright playwright() {
        return Playwright.create(new Playwright.CreateOptions().setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
    }

    private BrowserContext browser(Playwright playwright) {
        return playwright.chromium().launchPersistentContext(tmp.resolve("profile"),
                new BrowserType.LaunchPersistentContextOptions()
                        .setExecutablePath(CHROMIUM)
                        .setHeadless(true)
                        .setArgs(List.of("--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                                "--disable-background-networking", "--disable-component-update", "--disable-sync"))
                        .setViewportSize(WIDTH, 900));
    }

    private static Page open(BrowserContext context, Path html) {
        Page page = context.pages().isEmpty() ? context.newPage() : context.pages().get(0);
        page.navigate(html.toUri().toString());
        return page;
    }

    private static void assertNoOverflow(Page page) {
        @SuppressWarnings("unchecked")
        Map<String, Object> overflow = (Map<String, Object>) page.evaluate(OVERFLOW_PROBE);
        assertTrue(((Number) overflow.get("page")).intValue() <= WIDTH, "page scroll width " + overflow);
        assertEquals(List.of(), overflow.get("blocks"), "blocks wider than their box or than 600 px");
        assertTrue(((Number) overflow.get("count")).intValue() >= 10, overflow.toString());
    }
}
