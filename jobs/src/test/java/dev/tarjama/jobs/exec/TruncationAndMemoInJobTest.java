package dev.tarjama.jobs.exec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tarjama.jobs.batch.RunReport;
import dev.tarjama.jobs.support.Inputs;
import dev.tarjama.jobs.support.JobRuns;
import dev.tarjama.jobs.support.LocalSpark;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * In the job: segments stopped by a length limit are flagged {@code max_length} (segment and
 * article), repeated boilerplate is translated once per executor JVM, and the report counts both.
 */
class TruncationAndMemoInJobTest {
    @TempDir
    static Path tmp;
    private static SparkSession spark;
    private static RunReport report;
    private static String files;

    private static final String CREDIT = "المصدر: وكالة الأنباء الرسمية.";
    private static final String NOTE = "جميع الحقوق محفوظة للنشر.";
    private static final String[] NEWS = {
        "قال وزير الخارجية إن المحادثات ستستأنف الأسبوع المقبل.",
        "ارتفعت أسعار النفط في الأسواق العالمية يوم الثلاثاء.",
        "أعلنت الحكومة عن خطة جديدة لدعم الاقتصاد المحلي.",
        "وصل الرئيس إلى القاهرة في زيارة رسمية تستغرق يومين.",
        "سجلت البورصة ارتفاعا بنسبة 3.5% في عام 2024.",
        "هل ستنجح المفاوضات؟ المصادر تقول إن الاتفاق قريب.",
    };

    @BeforeAll
    static void runOnce() throws Exception {
        spark = LocalSpark.start();
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < NEWS.length; i++) {
            // Every article ends with the agency credit; every second one also carries the note.
            String body = NEWS[i] + " " + CREDIT + (i % 2 == 0 ? "\n\n" + NOTE : "");
            lines.add(Inputs.line("a" + i, "", body));
        }
        Path input = Inputs.writeJsonl(tmp.resolve("in/articles.jsonl"), lines, List.of());
        Path output = tmp.resolve("out");
        // One partition, so one task meets the repeats in order (concurrent tasks could both miss).
        report = JobRuns.run(spark, input, output, "run.date=2025-01-15", "generation.max_new_tokens=8",
                "exec.partitions=1");
        files = "read_parquet('" + output + "/dt=*/*.parquet', hive_partitioning = true)";
    }

    @AfterAll
    static void stop() {
        spark.stop();
    }

    private static long count(String sql) throws Exception {
        try (Connection db = DriverManager.getConnection("jdbc:duckdb:"); Statement st = db.createStatement();
                ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    @Test
    void aSegmentIsFlaggedMaxLengthExactlyWhenItRanToTheLimitForcedEosIncluded() throws Exception {
        // The tiny model forces EOS at the limit, so a flagged segment has 8 tokens, the last an EOS.
        String segments = "(SELECT unnest(segments) AS s FROM " + files + ")";
        long atLimit = count("SELECT count(*) FROM " + segments + " WHERE s.generated_tokens = 8");
        long flagged = count("SELECT count(*) FROM " + segments + " WHERE list_contains(s.flags, 'max_length')");
        long mismatched = count("SELECT count(*) FROM " + segments
                + " WHERE list_contains(s.flags, 'max_length') <> (s.generated_tokens = 8)");
        assertTrue(atLimit > 0, "some segments run to the limit");
        assertEquals(atLimit, flagged);
        assertEquals(0, mismatched);
        long articles = count("SELECT count(*) FROM " + files + " WHERE list_contains(flags, 'max_length')");
        long expectedArticles = count("SELECT count(*) FROM " + files
                + " WHERE len(list_filter(segments, s -> list_contains(s.flags, 'max_length'))) > 0");
        assertEquals(expectedArticles, articles, "an article carries the flag of its segments");

        JsonNode counts = report.json().path("segments");
        assertEquals(flagged, counts.path("max_length").asLong());
        assertEquals(articles, counts.path("articles_max_length").asLong());
        assertEquals(count("SELECT count(*) FROM " + segments), counts.path("translated").asLong());
    }

    @Test
    void boilerplateIsTranslatedOnceAndEveryCopyReadsTheSame() throws Exception {
        // CREDIT in 6 articles, NOTE in 3: 5 + 2 repeats come from the memo.
        assertEquals(7, report.json().path("segments").path("memo_hits").asLong(), report.json().toString());
        assertEquals(1, count("SELECT count(DISTINCT s.en) FROM (SELECT unnest(segments) AS s FROM " + files
                + ") WHERE s.ar = '" + CREDIT + "'"));
    }
}
