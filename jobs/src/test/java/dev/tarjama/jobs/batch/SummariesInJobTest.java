package dev.tarjama.jobs.batch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tarjama.jobs.support.Inputs;
import dev.tarjama.jobs.support.JobRuns;
import dev.tarjama.jobs.support.LocalSpark;
import dev.tarjama.jobs.support.TestPaths;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Both summary modes inside the batch job (local[2], tiny Marian translator): the default run
 * (no summary model: extractive in both languages) and a run with the tiny BART as summary model,
 * each checked on the Parquet read back.
 */
@Tag("spark")
class SummariesInJobTest {
    @TempDir
    static Path tmp;
    private static SparkSession spark;
    private static RunReport extractiveReport;
    private static RunReport abstractiveReport;
    private static List<Row> extractiveRows;
    private static List<Row> abstractiveRows;

    @BeforeAll
    static void runBothModes() throws Exception {
        spark = LocalSpark.start();
        List<String> lines = new ArrayList<>(Files.readAllLines(TestPaths.repoRoot().resolve("conf/samples/articles.jsonl")));
        Optional<Path> shared = TestPaths.sharedData();
        if (shared.isPresent()) {
            lines.addAll(Inputs.wikinews(shared.get(), 10)); // real news: many sentences, several paragraphs
        }
        Path input = Inputs.writeJsonl(tmp.resolve("in/articles.jsonl"), lines, List.of());
        extractiveReport = JobRuns.run(spark, input, tmp.resolve("extractive"), "run.date=2025-01-15");
        extractiveRows = okRows(tmp.resolve("extractive"));
        abstractiveReport = JobRuns.run(spark, input, tmp.resolve("abstractive"), "run.date=2025-01-15",
                "model.summary.dir=" + TestPaths.repoRoot().resolve("models/tiny/bart-xenova"));
        abstractiveRows = okRows(tmp.resolve("abstractive"));
    }

    @AfterAll
    static void stop() {
        spark.stop();
    }

    private static List<Row> okRows(Path output) {
        return spark.read().parquet(output.toString()).where("status = 'ok'")
                .select("article_id", "body_ar", "summary_ar", "summary_en", "summary_method_ar",
                        "summary_method_en", "summary_model", "summary_model_revision", "segments", "flags")
                .collectAsList();
    }

    @Test
    void withoutASummaryModelBothSummariesAreExtractiveAndTheReportSaysWhy() {
        JsonNode summaries = extractiveReport.json().path("summaries");
        assertEquals("extractive", summaries.path("en").asText());
        assertEquals("extractive", summaries.path("ar").asText());
        assertEquals("no summary model configured", summaries.path("reason").asText());
        assertTrue(extractiveRows.size() >= 6, "the samples are translated: " + extractiveRows.size());
        for (Row r : extractiveRows) {
            assertEquals("extractive", r.getString(4), r.getString(0));
            assertEquals("extractive", r.getString(5), r.getString(0));
            assertNull(r.getString(6), "no summary model for extractive summaries");
            assertNull(r.getString(7));
        }
    }

    @Test
    void extractiveSummaryArIsVerbatimBodySentencesInOrderAndSummaryEnExactlyTheirSegments() {
        int multiSentence = 0;
        for (Row r : extractiveRows) {
            String id = r.getString(0);
            String bodyAr = r.getString(1);
            String summaryAr = r.getString(2);
            String summaryEn = r.getString(3);
            assertNotNull(summaryAr, id);
            assertNotNull(summaryEn, id);
            assertFalse(summaryAr.isBlank(), id);
            List<Row> body = r.<Row>getList(8).stream().filter(s -> s.getInt(0) >= 0)
                    .sorted(Comparator.<Row>comparingInt(s -> s.getInt(0)).thenComparingInt(s -> s.getInt(1)))
                    .toList();
            // Walk the body segments in order, taking those whose Arabic is the next part of summary_ar.
            String rest = summaryAr;
            List<String> english = new ArrayList<>();
            int from = 0;
            int chosen = 0;
            for (Row s : body) {
                String ar = s.getString(2);
                if (rest.isEmpty() || ar.isBlank() || !rest.startsWith(ar)
                        || (rest.length() > ar.length() && rest.charAt(ar.length()) != ' ')) {
                    continue;
                }
                int at = bodyAr.indexOf(ar, from);
                assertTrue(at >= 0, id + ": summary sentence is verbatim in body_ar after the previous one: " + ar);
                from = at + ar.length();
                String en = s.getString(3);
                if (en == null || en.isBlank()) {
                    // nothing is invented: an untranslated sentence is left out and flagged
                    assertTrue(r.<String>getList(9).contains("summary_untranslated:" + s.getInt(0) + "/" + s.getInt(1)), id);
                } else {
                    english.add(en.strip());
                }
                rest = rest.substring(Math.min(rest.length(), ar.length() + 1));
                chosen++;
            }
            assertEquals("", rest, id + ": summary_ar is made of whole body sentences in source order");
            assertEquals(String.join(" ", english), summaryEn, id + ": summary_en is exactly those segments' en, joined");
            assertTrue(chosen <= 3, id + ": within the default budget of 3 sentences");
            if (body.size() > 3) {
                multiSentence++;
                assertEquals(3, chosen, id);
            }
        }
        assertTrue(multiSentence > 0 || TestPaths.sharedData().isEmpty(), "some articles needed a choice");
    }

    @Test
    void withTheTinyBartEnglishSummariesAreAbstractiveAndArabicStaysExtractive() {
        JsonNode summaries = abstractiveReport.json().path("summaries");
        assertEquals("abstractive", summaries.path("en").asText());
        assertEquals("extractive", summaries.path("ar").asText());
        assertEquals(extractiveRows.size(), abstractiveRows.size(), "summaries change no status");
        for (Row r : abstractiveRows) {
            String id = r.getString(0);
            assertNotNull(r.getString(3), id);
            assertFalse(r.getString(3).isBlank(), id);
            assertEquals("abstractive", r.getString(5), id);
            assertNotNull(r.getString(6), id + ": summary_model recorded");
            assertNotNull(r.getString(7), id + ": summary_model_revision recorded");
            assertEquals("extractive", r.getString(4), id);
            assertFalse(r.getString(2).isBlank(), id);
        }
        JsonNode models = abstractiveReport.json().path("models");
        assertEquals("summary", models.get(1).path("role").asText());
        assertEquals(abstractiveRows.get(0).getString(6), models.get(1).path("names").get(0).path("name").asText());
    }

    @Test
    void eachExecutorJvmLoadsTheSummaryModelOnce() {
        List<JsonNode> summaryLoads = new ArrayList<>();
        abstractiveReport.json().path("model_loads").forEach(n -> {
            if (n.path("role").asText().equals("summary")) {
                summaryLoads.add(n);
            }
        });
        assertEquals(1, summaryLoads.size(), "local mode: one executor JVM: " + summaryLoads);
        assertEquals(1, summaryLoads.get(0).path("loads").asInt());
        assertTrue(summaryLoads.get(0).path("partitions").asInt() > 1, "tasks shared the loaded model: " + summaryLoads);
        assertTrue(abstractiveReport.json().path("summaries").path("seconds").asDouble() > 0);
    }
}
