package dev.tarjama.jobs.input;

import dev.tarjama.jobs.config.JobConfig;
import dev.tarjama.jobs.exit.UsageException;
import dev.tarjama.jobs.support.LocalSpark;
import dev.tarjama.jobs.support.TestPaths;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every input format, read into canonical records (no translation). */
@Tag("spark")
class ArticleReaderTest {
    private static SparkSession spark;
    private static final Path SAMPLES = TestPaths.repoRoot().resolve("conf/samples");

    @BeforeAll
    static void start() {
        spark = LocalSpark.start();
    }

    @AfterAll
    static void stop() {
        spark.stop();
    }

    private static List<InputRecord> read(String... sets) {
        return ArticleReader.read(spark, JobConfig.builder().sets(List.of(sets)).build()).records().collect().stream()
                .sorted(Comparator.comparing(InputRecord::ref)).toList();
    }

    @Test
    void jsonLinesKeepTheirByteOffsetsAndMapColumns() {
        List<InputRecord> records = read("input.path=" + SAMPLES.resolve("articles.jsonl"));
        assertEquals(6, records.size());
        InputRecord first = records.stream().filter(r -> r.articleId().equals("sample-001")).findFirst().orElseThrow();
        assertEquals("articles.jsonl@0", first.inputRef());
        assertEquals("2025-03-02T08:30:00Z", first.publishedAt());
        assertEquals("https://example.org/news/001", first.url());
        assertTrue(first.body().contains("مكتبة"));
    }

    @Test
    void csvWithQuotedMultiLineBodiesReadsLikeTheJsonLines() {
        List<InputRecord> csv = read("input.path=" + SAMPLES.resolve("articles.csv"));
        List<InputRecord> jsonl = read("input.path=" + SAMPLES.resolve("articles.jsonl"));
        assertEquals(6, csv.size());
        for (InputRecord r : csv) {
            InputRecord same = jsonl.stream().filter(j -> j.articleId().equals(r.articleId())).findFirst().orElseThrow();
            assertEquals(same.title(), r.title());
            assertEquals(same.body(), r.body());
            assertNull(r.malformed());
        }
    }

    @Test
    void aCsvRowThatDoesNotMatchTheHeaderIsMalformedNotFatal(@TempDir Path tmp) throws Exception {
        Path file = tmp.resolve("a.csv");
        Files.writeString(file, "id,title,body\nok-1,عنوان,نص\nbroken,only two fields\nextra,a,b,c\n", StandardCharsets.UTF_8);
        List<InputRecord> records = read("input.path=" + file);
        assertEquals(3, records.size());
        assertEquals(2, records.stream().filter(r -> r.malformed() != null).count());
        assertTrue(records.stream().anyMatch(r -> "ok-1".equals(r.articleId()) && r.malformed() == null));
    }

    @Test
    void aFolderOfTextFilesGivesOneArticlePerFile() {
        List<InputRecord> records = read("input.path=" + SAMPLES.resolve("txt"));
        assertEquals(3, records.size());
        InputRecord r = records.get(0);
        assertEquals("sample-001", r.articleId());
        assertEquals("افتتاح مكتبة عامة جديدة في وسط المدينة", r.title());
        assertTrue(r.body().startsWith("افتتحت بلدية المدينة"));
    }

    @Test
    void textThatIsNotUtf8IsMalformedWithTheFileNameAsId(@TempDir Path tmp) throws Exception {
        Files.write(tmp.resolve("bad.txt"), new byte[] {(byte) 0xff, (byte) 0xfe, 0x41});
        List<InputRecord> records = read("input.path=" + tmp);
        assertEquals(1, records.size());
        assertEquals("bad", records.get(0).articleId());
        assertEquals("not UTF-8 text", records.get(0).malformed());
    }

    @Test
    void parquetWithOtherColumnNamesIsMappedByConfiguration(@TempDir Path tmp) {
        Path ntrex = TestPaths.sharedData().map(d -> d.resolve("ntrex-ar-en-dev.jsonl")).orElse(null);
        Assumptions.assumeTrue(ntrex != null && Files.exists(ntrex), "../shared/data not found");
        Path parquet = tmp.resolve("ntrex.parquet");
        spark.read().json(ntrex.toString()).write().parquet(parquet.toString());
        List<InputRecord> records = read("input.path=" + parquet, "input.columns.title=title_ar",
                "input.columns.body=body_ar");
        assertEquals(50, records.size());
        assertTrue(records.stream().allMatch(r -> r.inputRef().matches("part-.*\\.parquet#\\d+")));
        assertTrue(records.stream().allMatch(r -> r.url() == null && r.body() != null && r.articleId() != null));
        UsageException typo = assertThrows(UsageException.class, () -> read("input.path=" + parquet,
                "input.columns.title=title_ar", "input.columns.body=body_ar", "input.columns.url=no_such_column"));
        assertTrue(typo.getMessage().startsWith("input.columns.url=no_such_column: no record of the input has a column"
                + " 'no_such_column'; columns seen: "), typo.getMessage());
    }

    @Test
    void csvRowsAreNumberedFromZeroPerFileAndFilesAreNamedBelowTheInputRoot(@TempDir Path tmp) throws Exception {
        // Spark reads a CSV folder's files and its hive-style partition folders (key=value).
        Files.createDirectories(tmp.resolve("feed=a"));
        Files.createDirectories(tmp.resolve("feed=b"));
        String csv = "id,title,body\nx-1,عنوان,\"نص\nعلى سطرين\"\nx-2,عنوان,نص\n";
        Files.writeString(tmp.resolve("feed=a/y.csv"), csv, StandardCharsets.UTF_8);
        Files.writeString(tmp.resolve("feed=b/y.csv"), csv.replace("x-", "z-"), StandardCharsets.UTF_8);
        List<InputRecord> records = read("input.path=" + tmp, "input.format=csv");
        assertEquals(List.of("feed=a/y.csv#0", "feed=a/y.csv#1", "feed=b/y.csv#0", "feed=b/y.csv#1"),
                records.stream().map(InputRecord::inputRef).toList());
        assertEquals(List.of("x-1", "x-2", "z-1", "z-2"), records.stream().map(InputRecord::articleId).toList(),
                "row numbers follow the file, multi-line fields included");
    }

    @Test
    void jsonLinesInSubfoldersKeepTheirPathSoFilesOfOneNameStayApart(@TempDir Path tmp) throws Exception {
        Files.createDirectories(tmp.resolve("a"));
        Files.createDirectories(tmp.resolve("b"));
        Files.writeString(tmp.resolve("a/y.jsonl"), "not json\n{\"id\": \"k\", \"title\": \"عنوان\", \"body\": \"نص\"}\n");
        Files.writeString(tmp.resolve("b/y.jsonl"), "not json\n");
        List<String> refs = read("input.path=" + tmp).stream().map(InputRecord::inputRef).toList();
        assertEquals(List.of("a/y.jsonl@0", "a/y.jsonl@9", "b/y.jsonl@0"), refs);
    }

    @Test
    void aBodyColumnThatNoRecordHoldsIsRefusedNamingTheKeyTheColumnAndWhatWasSeen() {
        UsageException jsonl = assertThrows(UsageException.class,
                () -> read("input.path=" + SAMPLES.resolve("articles.jsonl"), "input.columns.body=text"));
        assertEquals("input.columns.body=text: no record of the input has a field 'text'; fields seen: body, id,"
                + " published_at, source, title, url", jsonl.getMessage());
        UsageException csv = assertThrows(UsageException.class,
                () -> read("input.path=" + SAMPLES.resolve("articles.csv"), "input.columns.body=text"));
        assertTrue(csv.getMessage().startsWith("input.columns.body=text: no record of the input has a column 'text';"
                + " columns seen: id, "), csv.getMessage());
        UsageException txt = assertThrows(UsageException.class,
                () -> read("input.path=" + SAMPLES.resolve("txt"), "input.columns.body=text"));
        assertEquals("input.columns.body=text: no record of the input has a field 'text'; fields seen: id, title, body",
                txt.getMessage());
    }

    @Test
    void anOptionalColumnIsCheckedOnlyWhenMappedToANameOfItsOwn() {
        assertEquals(6, read("input.path=" + SAMPLES.resolve("articles.jsonl"), "input.columns.article_id=id").size());
        assertEquals(3, read("input.path=" + SAMPLES.resolve("txt")).size(), "a text folder has no url: fine by default");
        UsageException e = assertThrows(UsageException.class,
                () -> read("input.path=" + SAMPLES.resolve("articles.jsonl"), "input.columns.published_at=date"));
        assertTrue(e.getMessage().startsWith("input.columns.published_at=date: "), e.getMessage());
    }
}
