package dev.tarjama.jobs.output;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tarjama.jobs.output.TableReads.Key;
import dev.tarjama.jobs.support.LocalSpark;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The write semantics of docs/batch-job.md, on made-up staged rows, in both formats; every
 * table is read back by an independent reader (DuckDB for Parquet, Delta Kernel for Delta).
 */
@Tag("spark")
class TableWriteSemanticsTest {
    private static SparkSession spark;

    @TempDir
    Path tmp;

    @BeforeAll
    static void start() {
        spark = LocalSpark.start();
        // Delta rebuilds its snapshot state over 50 partitions by default: many empty tasks on a tiny table.
        spark.conf().set("spark.databricks.delta.snapshotPartitions", "2");
    }

    @AfterAll
    static void stop() {
        spark.stop();
    }

    private WriteResult write(Path out, OutputFormat format, OutputMode mode, TableRows rows, boolean force) {
        TableWriter writer = new TableWriter(spark, out.toString(), format, mode, 0.05, CommitObserver.NONE);
        writer.prepare();
        return writer.write(rows.frame(spark), rows.runId(), force);
    }

    private WriteResult write(Path out, OutputFormat format, TableRows rows) {
        return write(out, format, OutputMode.MERGE, rows, false);
    }

    @ParameterizedTest
    @EnumSource(OutputFormat.class)
    void aLateArticleJoinsItsDayAndTheDaysEarlierArticlesStay(OutputFormat format) throws Exception {
        Path out = tmp.resolve("out");
        write(out, format, TableRows.run("r1", "2025-03-04").dated("a", "2025-03-02").dated("b", "2025-03-02")
                .dated("c", "2025-03-01"));
        WriteResult late = write(out, format, TableRows.run("r2", "2025-03-04").dated("d", "2025-03-02"));
        Map<String, Key> table = TableReads.byId(out, format);
        assertEquals(List.of("a", "b", "c", "d"), List.copyOf(table.keySet()));
        assertEquals(3, table.values().stream().filter(k -> k.dt().equals("2025-03-02")).count());
        assertEquals("r1", table.get("a").runId());
        assertEquals(List.of("2025-03-02"), late.partitionsWritten());
        assertEquals(1, late.inserted());
    }

    @ParameterizedTest
    @EnumSource(OutputFormat.class)
    void theSameRowsTwiceLeaveOneRowPerArticleFromTheSecondRun(OutputFormat format) throws Exception {
        Path out = tmp.resolve("out");
        write(out, format, TableRows.run("r1", "2025-03-04").dated("a", "2025-03-02").undated("u"));
        WriteResult again = write(out, format, TableRows.run("r2", "2025-03-04").dated("a", "2025-03-02").undated("u"));
        Map<String, Key> table = TableReads.byId(out, format);
        assertEquals(2, table.size());
        assertTrue(table.values().stream().allMatch(k -> k.runId().equals("r2")), table.toString());
        assertEquals(2, again.updated());
    }

    @ParameterizedTest
    @EnumSource(OutputFormat.class)
    void anUndatedArticleKeepsThePartitionOfItsExistingRowOnALaterRunDate(OutputFormat format) throws Exception {
        Path out = tmp.resolve("out");
        write(out, format, TableRows.run("r1", "2026-12-01").undated("u"));
        write(out, format, TableRows.run("r2", "2026-12-02").undated("u").undated("v"));
        Map<String, Key> table = TableReads.byId(out, format);
        assertEquals(new Key("u", "2026-12-01", "ok", "r2"), table.get("u"));
        assertEquals("2026-12-02", table.get("v").dt(), "a new undated article takes the run date");
    }

    @ParameterizedTest
    @EnumSource(OutputFormat.class)
    void anArticleWhosePublicationDateChangedMovesAndAnEmptiedPartitionGoes(OutputFormat format) throws Exception {
        Path out = tmp.resolve("out");
        write(out, format, TableRows.run("r1", "2025-03-09").dated("a", "2025-03-01").dated("b", "2025-03-01")
                .dated("x", "2025-04-01"));
        WriteResult moved = write(out, format, TableRows.run("r2", "2025-03-09").dated("a", "2025-03-05")
                .dated("x", "2025-04-02"));
        Map<String, Key> table = TableReads.byId(out, format);
        assertEquals(3, table.size());
        assertEquals("2025-03-05", table.get("a").dt());
        assertEquals("2025-03-01", table.get("b").dt());
        assertEquals("2025-04-02", table.get("x").dt());
        assertEquals(2, moved.moved());
        assertEquals(List.of("2025-03-01", "2025-03-05", "2025-04-01", "2025-04-02"), moved.partitionsWritten());
        assertEquals(List.of("2025-04-01"), moved.partitionsRemoved());
        if (format == OutputFormat.PARQUET) {
            assertFalse(Files.exists(out.resolve("dt=2025-04-01")), "the emptied partition's folder is removed");
        }
    }

    @ParameterizedTest
    @EnumSource(OutputFormat.class)
    void overwriteReplacesTheRunsPartitionsWholeAndCountsWhatItRemoved(OutputFormat format) throws Exception {
        Path out = tmp.resolve("out");
        write(out, format, TableRows.run("r1", "2025-03-04").dated("a", "2025-03-02").dated("b", "2025-03-02")
                .dated("c", "2025-03-01"));
        WriteResult over = write(out, format, OutputMode.OVERWRITE,
                TableRows.run("r2", "2025-03-04").dated("d", "2025-03-02").dated("c", "2025-03-03"), false);
        Map<String, Key> table = TableReads.byId(out, format);
        assertEquals(List.of("c", "d"), List.copyOf(table.keySet()));
        assertEquals("2025-03-03", table.get("c").dt(), "a moved article still leaves its old partition");
        assertEquals(2, over.removedByOverwrite());
        assertEquals(OutputMode.OVERWRITE, over.mode());
    }

    @ParameterizedTest
    @EnumSource(OutputFormat.class)
    void theDowngradeGuardRefusesToReplaceOkRowsByPartialOnesUnlessForced(OutputFormat format) throws Exception {
        Path out = tmp.resolve("out");
        TableRows good = TableRows.run("r1", "2025-03-04");
        TableRows bad = TableRows.run("r2", "2025-03-04");
        TableRows forced = TableRows.run("r3", "2025-03-04");
        for (int i = 0; i < 20; i++) {
            good.dated("a" + i, "2025-03-02");
            bad.dated("a" + i, "2025-03-02", i < 2 ? "ok" : "partial");
            forced.dated("a" + i, "2025-03-02", i < 2 ? "ok" : "partial");
        }
        write(out, format, good);
        WriteResult refused = write(out, format, OutputMode.MERGE, bad, false);
        assertFalse(refused.committed());
        assertEquals(20, refused.downgrade().okReplaced());
        assertEquals(Map.of("partial", 18L), refused.downgrade().downgradedTo());
        assertTrue(TableReads.byId(out, format).values().stream().allMatch(k -> k.runId().equals("r1")),
                "a refused commit leaves the table as it was");
        WriteResult committed = write(out, format, OutputMode.MERGE, forced, true);
        assertTrue(committed.committed());
        assertEquals(18, TableReads.byId(out, format).values().stream().filter(k -> k.status().equals("partial")).count());
    }

    @ParameterizedTest
    @EnumSource(value = OutputFormat.class, names = "PARQUET")
    void aRecursiveParquetGlobReadsExactlyThePartitionsRows(OutputFormat format) throws Exception {
        Path out = tmp.resolve("out");
        write(out, format, TableRows.run("r1", "2025-03-04").dated("a", "2025-03-02").dated("c", "2025-03-01"));
        write(out, format, TableRows.run("r2", "2025-03-04").dated("b", "2025-03-02"));
        Files.createDirectories(out.resolve("_runs/r2/ledger"));
        assertEquals(TableReads.duckdb(out, "dt=*/*.parquet"), TableReads.duckdb(out, "**/*.parquet"));
        assertEquals(3, TableReads.duckdb(out, "**/*.parquet").size());
        try (Stream<Path> files = Files.walk(out)) {
            List<String> left = files.map(p -> out.relativize(p).toString())
                    .filter(p -> p.startsWith("_journal/") || p.endsWith(".staged")).toList();
            assertEquals(List.of(), left, "no staging and no open journal after the commit");
        }
        assertTrue(Files.isRegularFile(out.resolve("_runs/r2/commit.json")), "the closed journal is the commit record");
        try (Stream<Path> partition = Files.list(out.resolve("dt=2025-03-02"))) {
            assertEquals(List.of("data.parquet"), partition.map(p -> p.getFileName().toString())
                    .filter(n -> !n.startsWith(".")).toList(), "one file per partition");
        }
    }

    @ParameterizedTest
    @EnumSource(value = OutputFormat.class, names = "DELTA")
    void aDeltaTableReadBackWithoutSparkTravelsToTheVersionBeforeARun(OutputFormat format) throws Exception {
        Path out = tmp.resolve("out");
        write(out, format, TableRows.run("r1", "2025-03-04").dated("a", "2025-03-02").dated("b", "2025-03-01"));
        WriteResult second = write(out, format, TableRows.run("r2", "2025-03-04").dated("a", "2025-03-02")
                .dated("c", "2025-03-02"));
        assertEquals(List.of(new Key("a", "2025-03-02", "ok", "r2"), new Key("b", "2025-03-01", "ok", "r1"),
                new Key("c", "2025-03-02", "ok", "r2")), TableReads.kernel(out, null));
        assertEquals(List.of(new Key("a", "2025-03-02", "ok", "r1"), new Key("b", "2025-03-01", "ok", "r1")),
                TableReads.kernel(out, second.versionBefore()), "time travel to the version before the run");
        assertEquals(second.versionBefore() + 1, second.version());
        assertEquals(2, ArticleTable.readVersion(spark, out.toString(), second.versionBefore()).count(),
                "Spark's time travel agrees");
    }
}
