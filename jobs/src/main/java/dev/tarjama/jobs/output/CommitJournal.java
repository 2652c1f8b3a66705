package dev.tarjama.jobs.output;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * What a commit is about to do, written before it touches the table: the staged files and the
 * files they replace (Parquet), or the staged MERGE source and the table version it starts from
 * (Delta). Paths are relative to the table root. While {@code _journal/RUN_ID.json} exists the
 * commit is decided and recovery finishes it; once done it is kept as {@code _runs/RUN_ID/commit.json}.
 *
 * @param partitions Parquet: one entry per touched partition, in the order they are swapped
 * @param delta Delta: the MERGE to run, or null for a Parquet commit
 * @param committedVersion Delta: the table version the commit made, once known (closed journals)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CommitJournal(int version, String runId, String format, String mode, String createdAt,
        List<PartitionSwap> partitions, DeltaMerge delta, Long committedVersion) {
    static final int VERSION = 1;
    private static final ObjectMapper JSON = new ObjectMapper()
            .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .enable(SerializationFeature.INDENT_OUTPUT)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    public CommitJournal {
        partitions = partitions == null ? List.of() : List.copyOf(partitions);
    }

    /**
     * One partition of a Parquet commit.
     *
     * @param staged the staged file that becomes {@code target}, or null when the partition is emptied
     * @param stagedBytes its length, to tell after a crash that the swap already happened
     * @param target the partition's file ({@code dt=.../data.parquet})
     * @param replaces the partition's other files when the journal was written (tables written
     *     before one-file partitions), removed after the swap; for an emptied partition, all its files
     */
    public record PartitionSwap(String dt, String staged, long stagedBytes, String target, List<String> replaces) {
        public PartitionSwap {
            replaces = replaces == null ? List.of() : List.copyOf(replaces);
        }

        public boolean emptied() {
            return staged == null;
        }
    }

    /**
     * The MERGE of a Delta commit.
     *
     * @param source the staged rows (Parquet, the table's columns), relative to the table root
     * @param replacePartitions overwrite mode: partitions whose rows not in the source are deleted
     * @param baseVersion the table version before the commit, -1 when the table does not exist yet
     */
    public record DeltaMerge(String source, List<String> replacePartitions, long baseVersion) {
        public DeltaMerge {
            replacePartitions = replacePartitions == null ? List.of() : List.copyOf(replacePartitions);
        }
    }

    public CommitJournal withCommittedVersion(long committed) {
        return new CommitJournal(version, runId, format, mode, createdAt, partitions, delta, committed);
    }

    public byte[] toBytes() {
        try {
            return JSON.writeValueAsBytes(this);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static CommitJournal read(FileSystem fs, Path path) throws IOException {
        try (InputStream in = fs.open(path)) {
            CommitJournal journal = JSON.readValue(in, CommitJournal.class);
            if (journal.version() != VERSION || journal.runId() == null || journal.format() == null) {
                throw new IOException("not a commit journal of this version: " + path);
            }
            return journal;
        }
    }
}
