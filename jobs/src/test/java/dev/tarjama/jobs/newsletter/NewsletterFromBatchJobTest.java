package dev.tarjama.jobs.newsletter;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tarjama.jobs.cli.Main;
import dev.tarjama.jobs.exit.ExitCode;
import dev.tarjama.jobs.support.Inputs;
import dev.tarjama.jobs.support.JobRuns;
import dev.tarjama.jobs.support.LocalSpark;
import dev.tarjama.jobs.support.TestPaths;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.SparkSession;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The batch job (smoke mode: the tiny Marian model, so the English is nonsense) translates the
 * project's samples plus a reprint of one of them under a hostile link; {@code tarjama newsletter}
 * then builds the newsletter from that Parquet, checked against DuckDB as an independent reader.
 */
@Tag("spark")
class NewsletterFromBatchJobTest {
    @TempDir
    static Path tmp;
    private static SparkSession spark;
    private static Path output;
    private static JsonNode manifest;
    private static Path folder;

    @BeforeAll
    static void runJobThenNewsletter() throws Exception {
        spark = LocalSpark.start();
        List<String> lines = new ArrayList<>(Files.readAllLines(TestPaths.repoRoot().resolve("conf/samples/articles.jsonl")));
        ObjectMapper json = new ObjectMapper();
        Map<String, Object> reprint = new LinkedHashMap<>(json.readValue(lines.get(0), Map.class));
        reprint.put("id", "reprint-001");
        reprint.put("source", "other-wire");
        reprint.put("url", "javascript:alert(1)");
        reprint.put("published_at", "2025-03-02T07:00:00Z");
        lines.add(json.writeValueAsString(reprint));
        Path input = Inputs.writeJsonl(tmp.resolve("in/articles.jsonl"), lines, List.of());
        output = tmp.resolve("out");
        JobRuns.run(spark, input, output, "run.date=2025-03-04");

        // The smoke model's English is flagged on every row (Arabic left in, lengths off): included here.
        int code = Main.execute(new String[] {"newsletter", "--input", output.toString(), "--from", "2025-03-01",
                "--to", "2025-03-04", "--per-source", "4", "--title", "Samples <weekly>", "--include-flagged"},
                System.err);
        assertEquals(ExitCode.OK, code);
        folder = output.resolve("_newsletters/2025-03-01_2025-03-04");
        manifest = json.readTree(folder.resolve("manifest.json").toFile());
    }

    @AfterAll
    static void stop() {
        spark.stop();
    }

    /** article_id -> title_ar of the ok rows in the range, read by DuckDB. */
    private static Map<String, String> okRowsByDuckDb() throws Exception {
        Map<String, String> rows = new LinkedHashMap<>();
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:");
             ResultSet rs = c.createStatement().executeQuery("SELECT article_id, title_ar FROM read_parquet('"
                     + output + "/dt=*/*.parquet', hive_partitioning = true) WHERE status = 'ok'"
                     + " AND dt BETWEEN DATE '2025-03-01' AND DATE '2025-03-04'")) {
            while (rs.next()) {
                rows.put(rs.getString(1), rs.getString(2));
            }
        }
        return rows;
    }

    @Test
    void everyOkRowOfTheRangeIsSelectedCollapsedOrCountedOut() throws Exception {
        Map<String, String> ok = okRowsByDuckDb();
        assertEquals(7, ok.size(), "six samples and the reprint translated: " + ok.keySet());
        JsonNode counts = manifest.path("counts");
        assertEquals(ok.size(), counts.path("candidates").asInt());
        assertEquals(ok.size(), counts.path("selected").asInt() + counts.path("collapsed_duplicates").asInt()
                + counts.path("capped_per_source").asInt() + counts.path("over_max").asInt()
                + counts.path("flagged_left_out").asInt());
        for (JsonNode a : manifest.path("articles")) {
            assertTrue(ok.containsKey(a.path("article_id").asText()), a.toString());
        }
        assertEquals("2025-03-01", manifest.path("from").asText());
        assertEquals("2025-03-04", manifest.path("to").asText());
    }

    @Test
    void theReprintIsCollapsedIntoTheNewerOriginal() {
        boolean found = false;
        for (JsonNode d : manifest.path("duplicates")) {
            if (d.path("article_id").asText().equals("reprint-001")) {
                assertEquals("sample-001", d.path("duplicate_of").asText());
                found = true;
            }
        }
        assertTrue(found, manifest.path("duplicates").toString());
    }

    @Test
    void theHtmlShowsEachSelectedArticleWithItsArabicHeadlineNewestFirst() throws Exception {
        Map<String, String> ok = okRowsByDuckDb();
        Document doc = Jsoup.parse(folder.resolve("newsletter.html").toFile(), "UTF-8");
        List<String> headlines = doc.select("td[dir=rtl] h2").eachText();
        List<String> expected = new ArrayList<>();
        for (JsonNode a : manifest.path("articles")) {
            expected.add(ok.get(a.path("article_id").asText()).strip());
        }
        assertEquals(expected, headlines);
        assertEquals("Samples <weekly>", doc.select("h1").text());
        assertTrue(doc.select("script").isEmpty());
        List<String> published = new ArrayList<>();
        for (JsonNode a : manifest.path("articles")) {
            if (!a.path("published_at").isNull()) {
                published.add(a.path("published_at").asText());
            }
        }
        List<String> sorted = new ArrayList<>(published);
        sorted.sort(java.util.Comparator.reverseOrder());
        assertEquals(sorted, published, "newest first");
        assertTrue(Files.readString(folder.resolve("newsletter.md")).contains("\n# Samples \\<weekly\\>\n"));
        assertTrue(Files.size(folder.resolve("newsletter.txt")) > 0);
    }

    @Test
    void aSmokeNewsletterCarriesItsWarningInEveryFormatAndNamesTheModel() throws Exception {
        String warning = "TEST OUTPUT, NOT A TRANSLATION";
        Document doc = Jsoup.parse(folder.resolve("newsletter.html").toFile(), "UTF-8");
        assertTrue(doc.select("td.banner[role=alert]").text().startsWith(warning), doc.select("td.banner").toString());
        assertTrue(Files.readString(folder.resolve("newsletter.md")).contains("> **" + warning));
        assertTrue(Files.readString(folder.resolve("newsletter.txt")).startsWith("!!! " + warning));
        for (String file : List.of("newsletter.html", "newsletter.md", "newsletter.txt")) {
            assertTrue(Files.readString(folder.resolve(file)).contains("smoke:marian-xenova (revision "), file);
        }
        assertTrue(manifest.path("counts").path("smoke_articles").asInt() > 0);
        assertTrue(doc.select("td.review").size() > 0 && doc.select("td.review").get(0).text().startsWith("NEEDS REVIEW: "),
                "included flagged rows are marked");
    }

    @Test
    void byDefaultFlaggedRowsAreLeftOutListedAndFailIfEmptyExitsFive() throws Exception {
        Path out = tmp.resolve("default-newsletter");
        int code = Main.execute(new String[] {"newsletter", "--input", output.toString(), "--from", "2025-03-01",
                "--to", "2025-03-04", "--out", out.toString(), "--fail-if-empty"}, System.err);
        assertEquals(ExitCode.NO_INPUT, code, "every smoke row is flagged, so nothing is selected");
        JsonNode m = new ObjectMapper().readTree(out.resolve("manifest.json").toFile());
        assertEquals(0, m.path("counts").path("selected").asInt());
        assertEquals(m.path("counts").path("candidates").asInt(), m.path("counts").path("flagged_left_out").asInt());
        assertEquals(m.path("counts").path("candidates").asInt(), m.path("flagged").size());
        assertTrue(m.path("flagged").get(0).path("flags").size() > 0, m.path("flagged").toString());
        assertTrue(Files.readString(out.resolve("newsletter.txt")).contains("No articles for this date range."));
    }

    @Test
    void theDefaultRangeIsTheLatestPublicationDayNotTheRunDate() throws Exception {
        Path out = tmp.resolve("latest-day");
        assertEquals(ExitCode.OK, Main.execute(new String[] {"newsletter", "--input", output.toString(),
                "--out", out.toString(), "--include-flagged"}, System.err));
        JsonNode m = new ObjectMapper().readTree(out.resolve("manifest.json").toFile());
        assertEquals("2025-03-03", m.path("to").asText(), "sample-004 and -005 are the latest published, not run.date");
        assertEquals("2025-03-03", m.path("from").asText());
        assertEquals(2, m.path("counts").path("candidates").asInt());
    }
}
