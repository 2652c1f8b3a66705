package dev.tarjama.jobs.batch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tarjama.jobs.batch.report.DuplicateRecord;
import dev.tarjama.jobs.support.Inputs;
import dev.tarjama.jobs.support.JobRuns;
import dev.tarjama.jobs.support.LocalSpark;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One run over a folder {@code in/} with {@code a/y.jsonl} and {@code b/y.jsonl}: duplicates are
 * settled by input order (path, then byte offset as a number) and every record keeps its full
 * {@code input_ref}, so files of one name in two folders never collide.
 */
@Tag("spark")
class DuplicatesAndProvenanceTest {
    @TempDir
    static Path tmp;
    private static SparkSession spark;
    private static RunReport report;
    private static Map<String, Row> table;

    /** Appends {@code line} to {@code out} and checks it starts at {@code offset}. */
    private static void lineAt(ByteArrayOutputStream out, long offset, String line) {
        assertEquals(offset, out.size(), "fixture layout: " + line);
        out.writeBytes((line + "\n").getBytes(StandardCharsets.UTF_8));
    }

    /** A record without title or body, padded so that the next line starts at {@code nextOffset}. */
    private static void fillerUntil(ByteArrayOutputStream out, String id, long nextOffset) {
        String head = "{\"id\": \"" + id + "\", \"pad\": \"";
        int pad = (int) (nextOffset - out.size() - head.length() - "\"}\n".length());
        out.writeBytes((head + "x".repeat(pad) + "\"}\n").getBytes(StandardCharsets.UTF_8));
        assertEquals(nextOffset, out.size());
    }

    @BeforeAll
    static void runOnce() throws IOException {
        spark = LocalSpark.start();
        ByteArrayOutputStream a = new ByteArrayOutputStream();
        lineAt(a, 0, "not json");
        fillerUntil(a, "filler-1", 88);
        lineAt(a, 88, Inputs.line("dup", "الخبر الأول", "النص كما نشر أولا."));
        fillerUntil(a, "filler-2", 1040);
        lineAt(a, 1040, Inputs.line("dup", "الخبر الأول", "النص بعد التصحيح."));
        long sameInA = a.size();
        a.writeBytes((Inputs.line("same", "خبر ثان", "نسخة المجلد الأول.") + "\n").getBytes(StandardCharsets.UTF_8));
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        lineAt(b, 0, "not json");
        lineAt(b, 9, Inputs.line("same", "خبر ثان", "نسخة المجلد الثاني."));
        Files.createDirectories(tmp.resolve("in/a"));
        Files.createDirectories(tmp.resolve("in/b"));
        Files.write(tmp.resolve("in/a/y.jsonl"), a.toByteArray());
        Files.write(tmp.resolve("in/b/y.jsonl"), b.toByteArray());
        assertTrue(sameInA > 1040);

        Path output = tmp.resolve("out");
        report = JobRuns.run(spark, tmp.resolve("in"), output, "run.date=2025-01-15");
        table = new TreeMap<>();
        for (Row r : spark.read().parquet(output.toString()).select("article_id", "input_ref", "body_ar", "reason")
                .collectAsList()) {
            Row previous = table.put(r.getString(0), r);
            assertEquals(null, previous, "one row per article_id: " + r.getString(0));
        }
    }

    @AfterAll
    static void stop() {
        spark.stop();
    }

    @Test
    void theLastRecordOfAnIdWinsComparingByteOffsetsAsNumbers() {
        Row dup = table.get("dup");
        assertEquals("a/y.jsonl@1040", dup.getString(1), "byte 1040 comes after byte 88 (as text it would not)");
        assertEquals("النص بعد التصحيح.", dup.getString(2), "the later record, a correction, is the row");
    }

    @Test
    void filesComeInPathOrderSoBWinsOverAWhateverTheOffsets() {
        assertEquals("b/y.jsonl@9", table.get("same").getString(1));
    }

    @Test
    void filesOfOneNameInTwoFoldersKeepDistinctRefs() {
        assertEquals("a/y.jsonl@0", table.get("ref:a/y.jsonl@0").getString(1));
        assertEquals("b/y.jsonl@0", table.get("ref:b/y.jsonl@0").getString(1));
        assertEquals("malformed_record", table.get("ref:b/y.jsonl@0").getString(3));
        assertEquals(List.of("a/y.jsonl@0", "b/y.jsonl@0"),
                report.malformed().sample().stream().map(r -> r.inputRef()).toList());
    }

    @Test
    void theReportListsEachDuplicateWithItsFullRefAndTheRecordKept() {
        assertEquals(2, report.duplicates().count());
        assertEquals(2L, report.reasons().get("skipped/duplicate_id"));
        assertEquals(List.of(new DuplicateRecord("dup", "a/y.jsonl@88", "a/y.jsonl@1040"),
                new DuplicateRecord("same", report.duplicates().records().get(1).inputRef(), "b/y.jsonl@9")),
                report.duplicates().records());
        assertTrue(report.duplicates().records().get(1).inputRef().startsWith("a/y.jsonl@"));
        assertEquals(report.inputRecords() - 2, table.size(), "every record but the two duplicates is a row");
    }
}
