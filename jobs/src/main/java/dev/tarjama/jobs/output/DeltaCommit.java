package dev.tarjama.jobs.output;

import static org.apache.spark.sql.functions.col;

import dev.tarjama.jobs.output.CommitJournal.DeltaMerge;
import io.delta.tables.DeltaMergeBuilder;
import io.delta.tables.DeltaTable;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The commit of a Delta table: one {@code MERGE INTO} on {@code article_id}, whose log entry is
 * the atomic commit (Delta's own protocol: data files first, then one log file created only if
 * absent). Tarjama's journal around it records the staged MERGE source and the version the
 * table was at, and the commit is tagged with the run id ({@code userMetadata}), so that after a
 * crash recovery can tell whether the MERGE committed and, if not, run it again from the source.
 */
final class DeltaCommit {
    private static final Logger LOG = LoggerFactory.getLogger(DeltaCommit.class);
    /** Prefix of the commit's {@code userMetadata}; the run id follows. */
    static final String TAG = "tarjama run ";
    /** Under the run's staging folder: the MERGE source. */
    static final String SOURCE = "source";
    private static final String USER_METADATA = "spark.databricks.delta.commitInfo.userMetadata";
    private static final String CODEC = "spark.sql.parquet.compression.codec";

    private final Supplier<SparkSession> sparkSupplier;
    private SparkSession spark;
    private final TablePaths paths;
    private final FileSwap swap;
    private final CommitObserver observer;

    /** {@code spark} is asked for only once a Spark job is needed (not to write or check the journal). */
    DeltaCommit(Supplier<SparkSession> spark, TablePaths paths, CommitObserver observer) {
        this.sparkSupplier = spark;
        this.paths = paths;
        this.swap = FileSwap.of(paths.fs(), paths.fs().getConf());
        this.observer = observer;
    }

    private SparkSession spark() {
        if (spark == null) {
            spark = sparkSupplier.get();
            ArticleTable.useDelta(spark);
        }
        return spark;
    }

    /** Stages the plan's rows as the MERGE source and returns the journal to write (nothing in the table changes). */
    CommitJournal stage(String runId, MergePlan plan) throws IOException {
        Path source = new Path(paths.commitStaging(runId), SOURCE);
        StagedFileCommitProtocol.write(spark(), () -> plan.resolved.write().mode(SaveMode.ErrorIfExists)
                .option("compression", "zstd").parquet(source.toString()));
        observer.reached(CommitStep.STAGED);
        List<String> replace = plan.mode == OutputMode.OVERWRITE ? List.copyOf(plan.runPartitions) : List.of();
        CommitJournal journal = new CommitJournal(CommitJournal.VERSION, runId, OutputFormat.DELTA.key(),
                plan.mode.key(), Instant.now().toString(), List.of(),
                new DeltaMerge(paths.relative(source), replace, latestVersion()), null);
        return journal;
    }

    /** Writes {@code journal}, runs its MERGE and closes the journal. */
    CommitJournal commit(CommitJournal journal) throws IOException {
        swap.write(paths.journal(journal.runId()), journal.toBytes());
        observer.reached(CommitStep.JOURNAL_WRITTEN);
        return close(journal.withCommittedVersion(merge(journal)));
    }

    /** Finishes an unfinished commit: done if its MERGE committed, else run again from the source. */
    CommitJournal recover(CommitJournal journal) throws IOException {
        Optional<Long> committed = committedVersion(journal.runId(), journal.delta().baseVersion());
        if (committed.isPresent()) {
            return close(journal.withCommittedVersion(committed.get()));
        }
        if (!paths.fs().exists(paths.resolve(journal.delta().source()))) {
            // Cannot happen unless the staging folder was deleted by hand; the table never saw the commit.
            paths.fs().delete(paths.journal(journal.runId()), false);
            LOG.warn("commit {} undone: its MERGE never committed and its staged source is gone", journal.runId());
            return journal;
        }
        return close(journal.withCommittedVersion(merge(journal)));
    }

    private long merge(CommitJournal journal) {
        String root = paths.root().toString();
        if (!DeltaTable.isDeltaTable(spark(), root)) {
            spark().createDataFrame(List.of(), OutputSchema.TABLE).write().format("delta")
                    .partitionBy(OutputSchema.DT).mode(SaveMode.ErrorIfExists).save(root);
        }
        Dataset<Row> source = spark().read().schema(OutputSchema.TABLE)
                .parquet(paths.resolve(journal.delta().source()).toString());
        DeltaMergeBuilder merge = DeltaTable.forPath(spark(), root).as("t")
                .merge(source.as("s"), "t.article_id = s.article_id")
                .whenMatched().updateAll()
                .whenNotMatched().insertAll();
        if (!journal.delta().replacePartitions().isEmpty()) {
            merge = merge.whenNotMatchedBySource(col("t." + OutputSchema.DT)
                    .isin(journal.delta().replacePartitions().toArray())).delete();
        }
        String codec = spark().conf().get(CODEC);
        spark().conf().set(USER_METADATA, TAG + journal.runId());
        spark().conf().set(CODEC, "zstd");
        try {
            merge.execute();
        } finally {
            spark().conf().unset(USER_METADATA);
            spark().conf().set(CODEC, codec);
        }
        return committedVersion(journal.runId(), journal.delta().baseVersion())
                .orElseThrow(() -> new IllegalStateException("MERGE of " + journal.runId() + " left no commit"));
    }

    private CommitJournal close(CommitJournal journal) throws IOException {
        swap.write(paths.commitRecord(journal.runId()), journal.toBytes());
        paths.fs().delete(paths.journal(journal.runId()), false);
        observer.reached(CommitStep.JOURNAL_CLOSED);
        LOG.info("commit {}: Delta table version {}", journal.runId(), journal.committedVersion());
        return journal;
    }

    /** The table's latest version, -1 when there is no Delta table yet. */
    long latestVersion() {
        String root = paths.root().toString();
        if (!DeltaTable.isDeltaTable(spark(), root)) {
            return -1;
        }
        return DeltaTable.forPath(spark(), root).history(1).select("version").first().getLong(0);
    }

    /** The version of the commit tagged with {@code runId}, among those made after {@code baseVersion}. */
    private Optional<Long> committedVersion(String runId, long baseVersion) {
        long latest = latestVersion();
        if (latest <= baseVersion) {
            return Optional.empty();
        }
        List<Row> rows = DeltaTable.forPath(spark(), paths.root().toString()).history((int) (latest - baseVersion))
                .where(col("userMetadata").equalTo(TAG + runId)).select("version").collectAsList();
        return rows.isEmpty() ? Optional.empty() : Optional.of(rows.get(0).getLong(0));
    }
}
