package dev.tarjama.jobs.output;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brings a table folder back to a committed state after a crash: finishes every commit whose
 * journal is still open (a Parquet commit is replayed from its journal; a Delta commit is closed
 * if its MERGE committed, else merged again from its staged source), then removes staging that
 * no journal refers to (a run that died before its journal: undone) and Spark's leftovers of
 * older versions. The job runs it before anything else; {@code tarjama repair} runs it on demand.
 * Assumes no other run is writing the table at the same time (docs/batch-job.md).
 */
public final class TableRecovery {
    private static final Logger LOG = LoggerFactory.getLogger(TableRecovery.class);

    private final TablePaths paths;
    private final Configuration conf;

    public TableRecovery(TablePaths paths, Configuration conf) {
        this.paths = paths;
        this.conf = conf;
    }

    /**
     * What recovery did.
     *
     * @param finished run ids whose commits were finished
     * @param removed staging and temporary folders removed (relative to the table)
     */
    public record Result(List<String> finished, List<String> removed) {
        public boolean nothing() {
            return finished.isEmpty() && removed.isEmpty();
        }
    }

    /** Recovers; {@code spark} is asked for only when a Delta commit needs finishing. */
    public Result recover(Supplier<SparkSession> spark) throws IOException {
        FileSystem fs = paths.fs();
        List<String> finished = new ArrayList<>();
        List<String> removed = new ArrayList<>();
        if (!fs.exists(paths.root())) {
            return new Result(finished, removed);
        }
        if (fs.exists(paths.journals())) {
            for (FileStatus status : fs.listStatus(paths.journals())) {
                String name = status.getPath().getName();
                if (name.startsWith(".")) {
                    fs.delete(status.getPath(), false); // a journal being written when the run died: never decided
                    continue;
                }
                CommitJournal journal = CommitJournal.read(fs, status.getPath());
                LOG.warn("run {} left an unfinished {} commit; finishing it", journal.runId(), journal.format());
                if (OutputFormat.parse(journal.format()) == OutputFormat.DELTA) {
                    new DeltaCommit(spark, paths, CommitObserver.NONE).recover(journal);
                } else {
                    new ParquetCommit(paths, conf, CommitObserver.NONE).apply(journal);
                }
                finished.add(journal.runId());
            }
        }
        // Every open journal is finished now, so no staging is needed any more: a run that died
        // before its journal is undone by removing what it staged.
        FileStatus[] staging = fs.globStatus(new Path(paths.root(), TablePaths.RUNS + "/*/{staging,commit-staging}"));
        for (FileStatus status : staging == null ? new FileStatus[0] : staging) {
            removed.add(paths.relative(status.getPath()));
            fs.delete(status.getPath(), true);
        }
        for (FileStatus status : fs.listStatus(paths.root())) {
            String name = status.getPath().getName();
            // Spark's dynamic partition overwrite and output committer, as earlier versions used them.
            if (status.isDirectory() && (name.startsWith(".spark-staging-") || name.equals("_temporary"))) {
                removed.add(name);
                fs.delete(status.getPath(), true);
            }
        }
        if (!removed.isEmpty()) {
            LOG.warn("removed staging left by earlier runs: {}", removed);
        }
        return new Result(finished, removed);
    }
}
