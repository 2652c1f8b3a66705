package dev.tarjama.jobs.output;

import dev.tarjama.jobs.output.CommitJournal.PartitionSwap;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The commit of a Parquet table: each touched partition's new content is one staged file that
 * replaces the partition's one file ({@link TablePaths#PARTITION_FILE}) by a single atomic swap,
 * under a journal written first. Needs no Spark, so that recovery and {@code tarjama repair} are
 * quick and the fault-injection tests can halt it in a bare JVM.
 *
 * <p>Steps: journal written, then per partition a swap, then the files the partitions replaced
 * and emptied partitions removed, then the journal closed. {@link #apply} is idempotent: recovery
 * runs it again from the top after a crash anywhere.
 */
public final class ParquetCommit {
    private static final Logger LOG = LoggerFactory.getLogger(ParquetCommit.class);

    private final TablePaths paths;
    private final FileSystem fs;
    private final FileSwap swap;
    private final CommitObserver observer;

    public ParquetCommit(TablePaths paths, Configuration conf, CommitObserver observer) {
        this.paths = paths;
        this.fs = paths.fs();
        this.swap = FileSwap.of(fs, conf);
        this.observer = observer;
    }

    /** What readers are promised on this file system (for the report). */
    public String guarantee() {
        return swap.guarantee();
    }

    /**
     * The journal of a commit: {@code staged} maps each partition with rows to its staged file;
     * {@code emptied} partitions lose all their rows. Lists what each partition holds now.
     */
    public CommitJournal journal(String runId, String mode, SortedMap<String, Path> staged, List<String> emptied)
            throws IOException {
        List<PartitionSwap> swaps = new ArrayList<>();
        for (Map.Entry<String, Path> entry : staged.entrySet()) {
            Path target = paths.partitionFile(entry.getKey());
            swaps.add(new PartitionSwap(entry.getKey(), paths.relative(entry.getValue()),
                    fs.getFileStatus(entry.getValue()).getLen(), paths.relative(target),
                    currentFiles(entry.getKey(), target)));
        }
        for (String dt : emptied) {
            swaps.add(new PartitionSwap(dt, null, 0, paths.relative(paths.partitionFile(dt)), currentFiles(dt, null)));
        }
        return new CommitJournal(CommitJournal.VERSION, runId, OutputFormat.PARQUET.key(), mode,
                Instant.now().toString(), swaps, null, null);
    }

    /**
     * The staged partition files under {@code stagedTable} ({@code dt=X/} folders as Spark wrote
     * them), by {@code dt}; a partition must be exactly one file, so that one swap replaces it.
     */
    public SortedMap<String, Path> stagedPartitions(Path stagedTable) throws IOException {
        SortedMap<String, Path> out = new TreeMap<>();
        if (!fs.exists(stagedTable)) {
            return out;
        }
        String prefix = OutputSchema.DT + "=";
        for (FileStatus folder : fs.listStatus(stagedTable)) {
            if (!folder.isDirectory() || !folder.getPath().getName().startsWith(prefix)) {
                continue;
            }
            List<Path> files = new ArrayList<>();
            for (FileStatus file : fs.listStatus(folder.getPath())) {
                if (file.isFile() && file.getPath().getName().endsWith(TablePaths.STAGED_SUFFIX)
                        && !file.getPath().getName().startsWith(".")) {
                    files.add(file.getPath());
                }
            }
            if (files.size() != 1) {
                throw new IOException("staged partition " + folder.getPath() + " holds " + files.size()
                        + " files instead of one");
            }
            out.put(folder.getPath().getName().substring(prefix.length()), files.get(0));
        }
        return out;
    }

    /** Writes the journal (atomically), then applies it. */
    public void commit(CommitJournal journal) throws IOException {
        swap.write(paths.journal(journal.runId()), journal.toBytes());
        observer.reached(CommitStep.JOURNAL_WRITTEN);
        apply(journal);
    }

    /** Makes the table what the journal says, from wherever an earlier attempt stopped; closes the journal. */
    public void apply(CommitJournal journal) throws IOException {
        for (PartitionSwap partition : journal.partitions()) {
            if (partition.emptied()) {
                continue;
            }
            Path staged = paths.resolve(partition.staged());
            Path target = paths.resolve(partition.target());
            if (fs.exists(staged)) {
                swap.replace(staged, target);
                observer.reached(CommitStep.PARTITION_SWAPPED);
            } else if (!fs.exists(target) || fs.getFileStatus(target).getLen() != partition.stagedBytes()) {
                throw new IOException("commit " + journal.runId() + ": neither the staged file " + staged
                        + " nor its swapped-in copy " + target + " is there; the table folder was changed by hand");
            }
        }
        observer.reached(CommitStep.ALL_SWAPPED);
        for (PartitionSwap partition : journal.partitions()) {
            for (String file : partition.replaces()) {
                fs.delete(paths.resolve(file), false);
            }
            Path folder = paths.partition(partition.dt());
            if (partition.emptied() && fs.exists(folder)) {
                fs.delete(folder, true);
            }
        }
        observer.reached(CommitStep.REPLACED_REMOVED);
        close(journal);
    }

    /** Keeps the journal as the run's commit record and removes the open one. */
    void close(CommitJournal journal) throws IOException {
        Path open = paths.journal(journal.runId());
        swap.write(paths.commitRecord(journal.runId()), journal.toBytes());
        fs.delete(open, false);
        observer.reached(CommitStep.JOURNAL_CLOSED);
        LOG.info("commit {}: {} partition(s) replaced, {} emptied", journal.runId(),
                journal.partitions().stream().filter(p -> !p.emptied()).count(),
                journal.partitions().stream().filter(PartitionSwap::emptied).count());
    }

    /** The partition's files other than {@code keep}: files an older layout left, removed after the swap. */
    private List<String> currentFiles(String dt, Path keep) throws IOException {
        List<String> out = new ArrayList<>();
        Path folder = paths.partition(dt);
        if (!fs.exists(folder)) {
            return out;
        }
        for (FileStatus status : fs.listStatus(folder)) {
            String name = status.getPath().getName();
            if (status.isFile() && !name.startsWith(".") && !name.startsWith("_")
                    && (keep == null || !name.equals(keep.getName()))) {
                out.add(paths.relative(status.getPath()));
            }
        }
        out.sort(null);
        return out;
    }
}
