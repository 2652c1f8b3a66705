package dev.tarjama.jobs.output;

import io.delta.kernel.Scan;
import io.delta.kernel.Snapshot;
import io.delta.kernel.Table;
import io.delta.kernel.data.ColumnarBatch;
import io.delta.kernel.data.FilteredColumnarBatch;
import io.delta.kernel.defaults.engine.DefaultEngine;
import io.delta.kernel.engine.Engine;
import io.delta.kernel.internal.InternalScanFileUtils;
import io.delta.kernel.internal.data.ScanStateRow;
import io.delta.kernel.internal.util.Utils;
import io.delta.kernel.types.StringType;
import io.delta.kernel.types.StructType;
import io.delta.kernel.utils.CloseableIterator;
import io.delta.kernel.utils.FileStatus;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;

/**
 * Reads a table back with readers independent of the job: DuckDB for Parquet, Delta Kernel (no
 * Spark) for Delta. Rows are {@link Key}s, enough to check "each article once, from which run".
 */
public final class TableReads {
    private TableReads() {}

    /** What the checks compare of a row. */
    public record Key(String articleId, String dt, String status, String runId) {}

    /** Every row DuckDB reads from {@code glob} under {@code out} (hive partitioning), sorted. */
    public static List<Key> duckdb(Path out, String glob) throws Exception {
        List<Key> rows = new ArrayList<>();
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:");
                Statement s = c.createStatement();
                ResultSet r = s.executeQuery("SELECT article_id, CAST(dt AS VARCHAR), status, run_id FROM read_parquet('"
                        + out + "/" + glob + "', hive_partitioning = true) ORDER BY article_id, run_id")) {
            while (r.next()) {
                rows.add(new Key(r.getString(1), r.getString(2), r.getString(3), r.getString(4)));
            }
        }
        return rows;
    }

    /** The rows of the Delta table at {@code out}, latest version or {@code version}, read by Delta Kernel. */
    public static List<Key> kernel(Path out, Long version) throws Exception {
        Engine engine = DefaultEngine.create(new Configuration());
        Table table = Table.forPath(engine, out.toString());
        Snapshot snapshot = version == null ? table.getLatestSnapshot(engine)
                : table.getSnapshotAsOfVersion(engine, version);
        StructType schema = new StructType().add("article_id", StringType.STRING).add("dt", StringType.STRING)
                .add("status", StringType.STRING).add("run_id", StringType.STRING);
        Scan scan = snapshot.getScanBuilder().withReadSchema(schema).build();
        io.delta.kernel.data.Row state = scan.getScanState(engine);
        List<Key> rows = new ArrayList<>();
        try (CloseableIterator<FilteredColumnarBatch> files = scan.getScanFiles(engine)) {
            while (files.hasNext()) {
                try (CloseableIterator<io.delta.kernel.data.Row> fileRows = files.next().getRows()) {
                    while (fileRows.hasNext()) {
                        io.delta.kernel.data.Row file = fileRows.next();
                        FileStatus status = InternalScanFileUtils.getAddFileStatus(file);
                        CloseableIterator<ColumnarBatch> physical = engine.getParquetHandler().readParquetFiles(
                                Utils.singletonCloseableIterator(status),
                                ScanStateRow.getPhysicalDataReadSchema(engine, state), Optional.empty());
                        try (CloseableIterator<FilteredColumnarBatch> logical =
                                Scan.transformPhysicalData(engine, state, file, physical)) {
                            while (logical.hasNext()) {
                                try (CloseableIterator<io.delta.kernel.data.Row> data = logical.next().getRows()) {
                                    while (data.hasNext()) {
                                        io.delta.kernel.data.Row r = data.next();
                                        rows.add(new Key(r.getString(0), r.getString(1), r.getString(2), r.getString(3)));
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        rows.sort(java.util.Comparator.comparing(Key::articleId).thenComparing(Key::runId));
        return rows;
    }

    /** The table's rows by the independent reader of its format; fails on an article seen twice. */
    public static Map<String, Key> byId(Path out, OutputFormat format) throws Exception {
        List<Key> rows = format == OutputFormat.DELTA ? kernel(out, null) : duckdb(out, "**/*.parquet");
        Map<String, Key> byId = new TreeMap<>();
        for (Key row : rows) {
            if (byId.put(row.articleId(), row) != null) {
                throw new AssertionError("article " + row.articleId() + " appears more than once: " + rows);
            }
        }
        return byId;
    }
}
