package dev.tarjama.jobs.output;

import static org.apache.spark.sql.functions.col;

import dev.tarjama.jobs.config.ConfigKey;
import dev.tarjama.jobs.config.JobConfig;
import dev.tarjama.jobs.exit.UsageException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeSet;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Moves a run's rows into the output table, keyed by {@code article_id}: plans the merge
 * ({@link MergePlan}), applies the downgrade guard, then commits in the table's format
 * ({@link ParquetCommit} or {@link DeltaCommit}). The write semantics (mode x format x kind of
 * row) and the per-file-system guarantees are in docs/batch-job.md.
 */
public final class TableWriter {
    private static final Logger LOG = LoggerFactory.getLogger(TableWriter.class);
    /** Under the run's staging folder: the new partition files of a Parquet commit. */
    static final String STAGED_TABLE = "table";

    private final SparkSession spark;
    private final OutputFormat format;
    private final OutputMode mode;
    private final double maxDowngradeRate;
    private final TablePaths paths;
    private final CommitObserver observer;
    private TableRecovery.Result recovery = new TableRecovery.Result(List.of(), List.of());

    public TableWriter(SparkSession spark, String output, OutputFormat format, OutputMode mode,
            double maxDowngradeRate, CommitObserver observer) {
        this.spark = spark;
        this.format = format;
        this.mode = mode;
        this.maxDowngradeRate = maxDowngradeRate;
        this.paths = new TablePaths(output, spark.sparkContext().hadoopConfiguration());
        this.observer = observer;
    }

    /** The writer the configuration asks for. */
    public static TableWriter of(SparkSession spark, JobConfig config) {
        return new TableWriter(spark, config.string(ConfigKey.OUTPUT_PATH), OutputFormat.of(config),
                OutputMode.of(config), config.decimal(ConfigKey.OUTPUT_MAX_DOWNGRADE_RATE), CommitObserver.NONE);
    }

    public OutputMode mode() {
        return mode;
    }

    public OutputFormat format() {
        return format;
    }

    /**
     * Before anything else in a run: finishes or undoes a commit a crashed run left, removes stale
     * staging, and checks that an existing table is in the configured format.
     */
    public TableRecovery.Result prepare() {
        try {
            recovery = new TableRecovery(paths, conf()).recover(() -> spark);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot recover the table at " + paths.root() + ": " + e.getMessage(), e);
        }
        OutputFormat found = ArticleTable.format(spark, paths.root().toString());
        if (found != null && found != format) {
            throw new UsageException("the output " + paths.root() + " holds a " + found.key() + " table but "
                    + ConfigKey.OUTPUT_FORMAT.key() + "=" + format.key() + "; set " + ConfigKey.OUTPUT_FORMAT.key()
                    + "=" + found.key() + " or write to a new folder");
        }
        if (format == OutputFormat.DELTA) {
            ArticleTable.useDelta(spark);
        }
        return recovery;
    }

    public boolean tableExists() {
        return ArticleTable.format(spark, paths.root().toString()) != null;
    }

    /** The table as it is (only call when {@link #tableExists()}). */
    public Dataset<Row> existing() {
        return ArticleTable.read(spark, paths.root().toString());
    }

    /**
     * Commits {@code fresh} (this run's table rows: {@link OutputSchema#TABLE} columns and {@code dt_from_run_date}) unless the
     * downgrade guard refuses; then the result says so and nothing was written.
     */
    public WriteResult write(Dataset<Row> fresh, String runId, boolean force) {
        try {
            Staged staged = stage(fresh, runId, force);
            if (staged.journal() == null) {
                return result(staged, !staged.downgrade().refuses(), null);
            }
            CommitJournal done = commit(staged.journal());
            paths.fs().delete(paths.commitStaging(runId), true);
            return result(staged, true, done);
        } catch (IOException e) {
            throw new UncheckedIOException("commit of run " + runId + " to " + paths.root() + " failed: "
                    + e.getMessage(), e);
        }
    }

    /**
     * A commit prepared up to its journal, which is not written yet; {@code journal} is null when
     * there is nothing to commit or the guard refused.
     */
    record Staged(MergePlan plan, Downgrade downgrade, long removedByOverwrite, List<String> emptied,
            CommitJournal journal) {}

    /** Plans, applies the guard, stages the new rows and builds the journal (the table is untouched). */
    Staged stage(Dataset<Row> fresh, String runId, boolean force) throws IOException {
        Dataset<Row> existing = tableExists() ? existing() : null;
        MergePlan plan = MergePlan.of(fresh, existing, mode);
        Downgrade downgrade = new Downgrade(plan.okReplaced, plan.downgradedTo, maxDowngradeRate, force);
        if (downgrade.refuses()) {
            LOG.error("run {}: commit refused: {}", runId, downgrade.describe());
            return new Staged(plan, downgrade, 0, List.of(), null);
        }
        if (downgrade.overLimit()) {
            LOG.warn("run {}: {}", runId, downgrade.describe());
        }
        long removed = plan.removedByOverwrite(existing);
        if (mode == OutputMode.OVERWRITE) {
            LOG.warn("run {}: output.mode=overwrite: partitions {} are replaced by this run's rows; {} row(s) of"
                    + " other articles in them are removed", runId, plan.runPartitions, removed);
        }
        if (plan.touched.isEmpty()) {
            return new Staged(plan, downgrade, removed, List.of(), null);
        }
        if (format == OutputFormat.DELTA) {
            CommitJournal journal = new DeltaCommit(() -> spark, paths, observer).stage(runId, plan);
            return new Staged(plan, downgrade, removed, emptied(plan, existing), journal);
        }
        Path staged = new Path(paths.commitStaging(runId), STAGED_TABLE);
        Dataset<Row> content = existing == null ? plan.resolved : plan.resolved.unionByName(plan.kept(existing));
        // One task per dt, so one file per partition: a partition is replaced by one rename.
        StagedFileCommitProtocol.write(spark, () -> content.repartition(col(OutputSchema.DT)).write()
                .mode(SaveMode.ErrorIfExists).option("compression", "zstd")
                .partitionBy(OutputSchema.DT).parquet(staged.toString()));
        observer.reached(CommitStep.STAGED);
        ParquetCommit commit = new ParquetCommit(paths, conf(), observer);
        SortedMap<String, Path> files = commit.stagedPartitions(staged);
        List<String> emptied = new ArrayList<>(plan.touched);
        emptied.removeAll(files.keySet());
        return new Staged(plan, downgrade, removed, emptied, commit.journal(runId, mode.key(), files, emptied));
    }

    /** The result of a run that leaves the table alone (no input): nothing written, nothing refused. */
    public WriteResult untouched() {
        return new WriteResult(paths.root().toString(), format, mode, true, 0, 0, 0, 0, 0, List.of(), List.of(),
                new Downgrade(0, java.util.Map.of(), maxDowngradeRate, false), null, guarantee(), null, null, recovery);
    }

    /** Writes the journal and commits; returns the closed journal. */
    CommitJournal commit(CommitJournal journal) throws IOException {
        if (format == OutputFormat.DELTA) {
            return new DeltaCommit(() -> spark, paths, observer).commit(journal);
        }
        new ParquetCommit(paths, conf(), observer).commit(journal);
        return journal;
    }

    /** Touched partitions left without rows (Delta: found by query, as Delta has no folder to look at). */
    private List<String> emptied(MergePlan plan, Dataset<Row> existing) {
        TreeSet<String> left = new TreeSet<>(plan.touched);
        left.removeAll(plan.runPartitions);
        if (existing != null && !left.isEmpty()) {
            for (Row r : plan.kept(existing).select(OutputSchema.DT).distinct().collectAsList()) {
                left.remove(r.getString(0));
            }
        }
        return List.copyOf(left);
    }

    private WriteResult result(Staged staged, boolean committed, CommitJournal done) {
        MergePlan plan = staged.plan();
        boolean delta = done != null && done.delta() != null;
        return new WriteResult(paths.root().toString(), format, mode, committed, plan.rows, plan.inserted,
                plan.updated, plan.moved, staged.removedByOverwrite(), committed ? plan.touchedList() : List.of(),
                committed ? staged.emptied() : List.of(), staged.downgrade(),
                done == null ? null : paths.relative(paths.commitRecord(done.runId())), guarantee(),
                delta ? done.delta().baseVersion() : null, delta ? done.committedVersion() : null, recovery);
    }

    /** What readers are promised during a commit on this file system and format. */
    private String guarantee() {
        return format == OutputFormat.DELTA
                ? "delta: one atomic log entry for all partitions (Delta's LogStore for "
                        + paths.fs().getUri().getScheme() + ")"
                : new ParquetCommit(paths, conf(), CommitObserver.NONE).guarantee();
    }

    private Configuration conf() {
        return spark.sparkContext().hadoopConfiguration();
    }
}
