package dev.tarjama.jobs.output;

import java.nio.file.Path;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.SparkSession;

/**
 * A JVM that runs only the commit of a run whose rows are already staged, and halts
 * ({@code Runtime.halt}, no shutdown hooks, like {@code kill -9}) when it reaches a named
 * {@link CommitStep}. Arguments: format, table folder, journal file, step, occurrence.
 * A Parquet commit runs without Spark; a Delta commit starts local Spark only when it merges.
 */
public final class CommitChild {
    /** The exit status of a halted child, as after {@code kill -9}. */
    static final int HALTED = 137;
    /** System property naming the step {@link HaltingLogStore} halts at. */
    static final String HALT_AT = "tarjama.test.halt-at";

    private CommitChild() {}

    public static void main(String[] args) throws Exception {
        OutputFormat format = OutputFormat.parse(args[0]);
        TablePaths paths = new TablePaths(args[1], new Configuration());
        CommitStep step = CommitStep.parse(args[3]);
        CommitObserver observer = haltAt(step, Integer.parseInt(args[4]));
        System.setProperty(HALT_AT, step.id());
        observer.reached(CommitStep.STAGED); // the parent staged; this JVM is the run right after
        CommitJournal journal = CommitJournal.read(paths.fs(), new org.apache.hadoop.fs.Path(Path.of(args[2]).toUri()));
        if (format == OutputFormat.PARQUET) {
            new ParquetCommit(paths, new Configuration(), observer).commit(journal);
        } else {
            new DeltaCommit(CommitChild::spark, paths, observer).commit(journal);
        }
        System.exit(0); // finished without reaching the step: the parent fails the case
    }

    /** Halts the JVM the {@code occurrence}-th time {@code step} is reached. */
    static CommitObserver haltAt(CommitStep step, int occurrence) {
        int[] seen = {0};
        return reached -> {
            if (reached == step && ++seen[0] == occurrence) {
                Runtime.getRuntime().halt(HALTED);
            }
        };
    }

    private static SparkSession spark() {
        return SparkSession.builder().master("local[1]").appName("commit-child")
                .config("spark.ui.enabled", "false")
                .config("spark.sql.shuffle.partitions", "1")
                .config("spark.databricks.delta.snapshotPartitions", "1")
                .config("spark.sql.session.timeZone", "UTC")
                .config("spark.driver.host", "127.0.0.1")
                .config("spark.delta.logStore.file.impl", HaltingLogStore.class.getName())
                .getOrCreate();
    }
}
