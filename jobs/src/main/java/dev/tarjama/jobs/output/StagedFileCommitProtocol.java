package dev.tarjama.jobs.output;

import org.apache.hadoop.mapreduce.TaskAttemptContext;
import org.apache.spark.internal.io.FileNameSpec;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.execution.datasources.SQLHadoopMapReduceCommitProtocol;

/**
 * Spark's own commit protocol, except that every file it writes ends in
 * {@link TablePaths#STAGED_SUFFIX}: a run's staged rows, in flight or left by a crash, never match
 * a {@code *.parquet} glob over the table folder. Spark reads them back by folder as usual (it does
 * not look at extensions). Used only for writes under a run's staging folder, through {@link #write}.
 */
public final class StagedFileCommitProtocol extends SQLHadoopMapReduceCommitProtocol {
    /** Spark's SQL conf naming the commit protocol of file writes. */
    static final String CONF = "spark.sql.sources.commitProtocolClass";

    public StagedFileCommitProtocol(String jobId, String path, boolean dynamicPartitionOverwrite) {
        super(jobId, path, dynamicPartitionOverwrite);
    }

    @Override
    public String getFilename(TaskAttemptContext taskContext, FileNameSpec spec) {
        return super.getFilename(taskContext, spec) + TablePaths.STAGED_SUFFIX;
    }

    /** Runs {@code write} (Spark file writes into a staging folder) with this protocol, then restores the session's. */
    public static void write(SparkSession spark, Runnable write) {
        String before = spark.conf().get(CONF);
        spark.conf().set(CONF, StagedFileCommitProtocol.class.getName());
        try {
            write.run();
        } finally {
            spark.conf().set(CONF, before);
        }
    }
}
