package dev.tarjama.jobs.newsletter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Attribute;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;

/** Hostile article text and links render inert in every format, and only http(s) links are linked. */
class NewsletterEscapingTest {
    private static final String SCRIPT = "<script>alert(1)</script>";
    private static final String IMG = "\"><img src=x onerror=alert(2)>";
    private static final String MD_LINK = "[x](javascript:alert(3))";
    private static final String OK_URL = "http://ok.example/?a=1&b=<2>";

    private static List<Candidate> hostile() {
        return List.of(
                Fixtures.row("h1", SCRIPT, "javascript:alert(1)", "2025-03-02T10:00:00Z",
                        "عنوان " + SCRIPT, SCRIPT + " headline", IMG, IMG + " summary", null, null),
                Fixtures.row("h2", "src' onmouseover='alert(4)", "data:text/html,<script>alert(5)</script>",
                        "2025-03-02T09:00:00Z", MD_LINK, MD_LINK + " **bold** `code` <b>b</b>",
                        "- list? # heading? > quote?", "1. not a list <https://evil.example> &amp; &lt;",
                        null, null),
                Fixtures.row("h3", "ok source", OK_URL, "2025-03-02T08:00:00Z",
                        "عنوان ثالث", "third", "ملخص", "summary three words here", null, null),
                Fixtures.row("h4", "bad url", "JaVaScRiPt:alert(6)", "2025-03-02T07:00:00Z",
                        "رابع", "fourth", "ملخص رابع", "another different summary text", null, null),
                Fixtures.row("h5", "bad url", "https://exa mple.com/ x\" onclick=\"alert(7)", "2025-03-02T06:00:00Z",
                        "خامس", "fifth", "ملخص خامس", "yet another unrelated summary sentence", null, null));
    }

    private static String render(NewsletterFormat format) {
        NewsletterOptions options = NewsletterOptions.defaults("unused")
                .withRange(LocalDate.parse("2025-03-02"), LocalDate.parse("2025-03-02"));
        Selection selection = Selection.of(hostile(), options);
        assertEquals(5, selection.selected().size());
        return new NewsletterRenderer().render(format,
                NewsletterView.of(options.title() + " " + SCRIPT, options.from(), options.to(), selection.selected()));
    }

    @Test
    void htmlHasNoScriptNoHandlerAndNoScriptLinksButShowsTheTextLiterally() {
        String html = render(NewsletterFormat.HTML);
        Document doc = Jsoup.parse(html);
        assertTrue(doc.select("script, img, iframe, object, embed, b").isEmpty(), "no element from article text");
        for (Element e : doc.getAllElements()) {
            for (Attribute a : e.attributes()) {
                assertFalse(a.getKey().toLowerCase(Locale.ROOT).startsWith("on"), "handler attribute " + a + " on " + e.tagName());
                String value = a.getValue().toLowerCase(Locale.ROOT).replaceAll("\\s", "");
                assertFalse(value.startsWith("javascript:") || value.startsWith("data:"), a.toString());
            }
        }
        List<String> hrefs = doc.select("a").eachAttr("href");
        assertEquals(List.of("http://ok.example/?a=1&b=%3C2%3E"), hrefs, "only the http link is linked");
        assertTrue(doc.text().contains(SCRIPT + " headline"), "the hostile headline is shown as text");
        assertTrue(doc.text().contains(IMG), "the attribute-breaking summary is shown as text");
        assertTrue(doc.text().contains("src' onmouseover='alert(4)"));
        assertTrue(html.contains("href=\"http://ok.example/?a&#61;1&amp;b&#61;%3C2%3E\""), "attribute-escaped href");
    }

    @Test
    void markdownEscapesInlineAndBlockSyntaxAndLinksOnlyHttp() {
        String md = render(NewsletterFormat.MARKDOWN);
        assertFalse(java.util.regex.Pattern.compile("(?<!\\\\)<[A-Za-z/]").matcher(md).find(), "no raw HTML or autolink");
        assertTrue(md.contains("\\<script\\>alert(1)\\</script\\> headline"));
        assertTrue(md.contains("\\[x\\](javascript:alert(3))"), "no Markdown link from text");
        assertTrue(md.contains("\\*\\*bold\\*\\* \\`code\\` \\<b\\>b\\</b\\>"));
        assertTrue(md.contains("\n\\- list? # heading? \\> quote?\n"), "no list, heading or quote from text");
        assertTrue(md.contains("\n1\\. not a list \\<https://evil.example\\> \\&amp; \\&lt;\n"));
        assertTrue(md.contains("src' onmouseover='alert(4)"));
        List<String> links = md.lines().filter(l -> l.contains("](")).filter(l -> !l.contains("\\](")).toList();
        // Source and date each in a first-strong isolate (U+2068 ... U+2069), like <bdi> in HTML.
        assertEquals(List.of("*\u2068ok source\u2069 · \u20682025-03-02 08:00 UTC\u2069* · [Read the original]"
                + "(http://ok.example/?a=1&b=%3C2%3E)"), links);
        assertFalse(md.toLowerCase(Locale.ROOT).contains("(javascript:alert(6)"));
        assertFalse(md.contains("data:text/html"));
    }

    @Test
    void plainTextKeepsTheTextAsItIsAndPrintsOnlyCheckedLinks() {
        String txt = render(NewsletterFormat.TEXT);
        assertTrue(txt.contains(SCRIPT + " headline"), "plain text is not escaped");
        assertTrue(txt.contains("\nhttp://ok.example/?a=1&b=%3C2%3E\n"));
        assertFalse(txt.toLowerCase(Locale.ROOT).contains("javascript:alert(1)\n"));
        assertFalse(txt.contains("data:text/html"));
    }

    @Test
    void onlyAbsoluteHttpLinksWithAHostAreKept() {
        assertEquals(Optional.of("http://ok.example/?a=1&b=%3C2%3E"), SafeLink.href(OK_URL));
        assertEquals(Optional.of("https://ar.example/%D8%AE%D8%A8%D8%B1%20%281%29"), SafeLink.href("https://ar.example/خبر (1)"));
        assertEquals(Optional.of("HTTPS://example.org/a"), SafeLink.href("  HTTPS://example.org/a "));
        for (String bad : new String[] {"javascript:alert(1)", " JavaScript:alert(1)", "data:text/html,<b>x</b>",
                "vbscript:x", "//example.org/x", "/news/1", "http://", "http:///x", "https://ex ample.org\n/x",
                "http://exa%zzmple.org/", "ftp://example.org/", "", null}) {
            assertEquals(Optional.empty(), SafeLink.href(bad), String.valueOf(bad));
        }
    }
}
