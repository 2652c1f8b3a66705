package dev.tarjama.jobs.output;

import java.io.IOException;
import java.io.UncheckedIOException;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * Where things live in a table folder. Only the table's own files end in {@code .parquet}: run
 * records, journals and staged files do not, so a recursive {@code **}{@code /*.parquet} glob reads
 * exactly the table (DuckDB's glob enters hidden and {@code _} folders).
 *
 * <pre>
 * OUT/dt=2025-03-02/data.parquet          the partition (Parquet format: one file per dt)
 * OUT/_delta_log/                         the transaction log (Delta format)
 * OUT/_journal/RUN_ID.json                an unfinished commit (exists only during and after a crashed commit)
 * OUT/_runs/RUN_ID/report.json            the run report; commit.json: the closed journal; ledger/
 * OUT/_runs/RUN_ID/staging/               the run's translated rows (*.staged), removed when the run ends
 * OUT/_runs/RUN_ID/commit-staging/        the commit's staged files (*.staged), removed after the commit
 * </pre>
 */
public final class TablePaths {
    public static final String RUNS = "_runs";
    public static final String JOURNAL = "_journal";
    /** The one file of a Parquet partition; a fixed name, so a partition is replaced by one rename. */
    public static final String PARTITION_FILE = "data.parquet";
    /** Appended to every file a run stages, so that no staged file ends in {@code .parquet}. */
    public static final String STAGED_SUFFIX = ".staged";

    private final Path root;
    private final FileSystem fs;

    public TablePaths(String output, Configuration conf) {
        try {
            Path path = new Path(output);
            this.fs = path.getFileSystem(conf);
            this.root = fs.makeQualified(path);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open output " + output + ": " + e.getMessage(), e);
        }
    }

    public FileSystem fs() {
        return fs;
    }

    public Path root() {
        return root;
    }

    public Path run(String runId) {
        return new Path(new Path(root, RUNS), runId);
    }

    /** The commit's staged files: kept while a journal names them, whatever happens to the run's own staging. */
    public Path commitStaging(String runId) {
        return new Path(run(runId), "commit-staging");
    }

    /** Where an open journal lives; its presence means the commit is decided but maybe unfinished. */
    public Path journal(String runId) {
        return new Path(new Path(root, JOURNAL), runId + ".json");
    }

    public Path journals() {
        return new Path(root, JOURNAL);
    }

    /** Where a closed journal is kept, as the record of what the run's commit did. */
    public Path commitRecord(String runId) {
        return new Path(run(runId), "commit.json");
    }

    public Path partition(String dt) {
        return new Path(root, OutputSchema.DT + "=" + dt);
    }

    public Path partitionFile(String dt) {
        return new Path(partition(dt), PARTITION_FILE);
    }

    /** {@code path} relative to the table root, as journals record it (the folder may be moved). */
    public String relative(Path path) {
        String full = fs.makeQualified(path).toString();
        String prefix = root.toString() + "/";
        if (!full.startsWith(prefix)) {
            throw new IllegalArgumentException(path + " is not inside the table " + root);
        }
        return full.substring(prefix.length());
    }

    public Path resolve(String relative) {
        return new Path(root, relative);
    }
}
