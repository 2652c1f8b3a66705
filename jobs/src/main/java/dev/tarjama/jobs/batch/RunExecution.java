package dev.tarjama.jobs.batch;

import dev.tarjama.jobs.batch.report.InputSection;
import dev.tarjama.jobs.config.ConfigKey;
import dev.tarjama.jobs.config.JobConfig;
import dev.tarjama.jobs.exec.ConfiguredSummaryStage;
import dev.tarjama.jobs.exec.CostPartitioner;
import dev.tarjama.jobs.exec.JobMetrics;
import dev.tarjama.jobs.exec.ProgressLog;
import dev.tarjama.jobs.exec.TranslatePartition;
import dev.tarjama.jobs.exit.NoInput;
import dev.tarjama.jobs.input.ArticleReader;
import dev.tarjama.jobs.output.OutputSchema;
import dev.tarjama.jobs.output.StagedFileCommitProtocol;
import dev.tarjama.jobs.output.TableWriter;
import dev.tarjama.jobs.output.WriteResult;
import dev.tarjama.jobs.prepare.ArticlePreparer;
import dev.tarjama.jobs.prepare.InputResolver;
import dev.tarjama.jobs.prepare.PreparedArticle;
import dev.tarjama.jobs.prepare.PreviousRow;
import dev.tarjama.jobs.prepare.Status;
import java.io.IOException;
import java.time.Duration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import scala.Tuple2;
import static org.apache.spark.sql.functions.col;

/**
 * The stages of one run, driver side, in order: read (read and check the input, prepare, settle
 * duplicates and, in incremental mode, attach the earlier rows), translate (spread by cost,
 * translate on executors, stage every row once), report (aggregate the staged rows, write the
 * ledger) and write (the touched partitions of the table). Every input record ends as exactly one
 * staged row. Configuration refusals and "no input" are raised in the read stage, before anything
 * is written.
 */
final class RunExecution {
    private static final Logger LOG = LoggerFactory.getLogger(RunExecution.class);
    /** The stage that changes the table; from its start the run's staging belongs to the commit. */
    static final String WRITE = "write";

    private final SparkSession spark;
    private final JobConfig config;
    private final RunPlan plan;
    private final StageClock clock;
    private final boolean force;

    /** @param force commit even when the downgrade guard would refuse ({@code run --force}) */
    RunExecution(SparkSession spark, JobConfig config, RunPlan plan, StageClock clock, boolean force) {
        this.spark = spark;
        this.config = config;
        this.plan = plan;
        this.clock = clock;
        this.force = force;
    }

    /**
     * What the stages produced, for the report.
     *
     * @param partitions Spark partitions the articles were spread over
     * @param translateSeconds the translate stage's seconds
     * @param written what the write did to the table (or why it refused to commit)
     * @param ledger the ledger folder written, or null when there was nothing to record
     */
    record Executed(InputSection input, int partitions, double translateSeconds, JobMetrics metrics,
            StagedFacts staged, WriteResult written, String ledger) {}

    Executed run() {
        // Files must be readable by pyarrow and DuckDB as is; INT96 timestamps are not.
        spark.conf().set("spark.sql.parquet.outputTimestampType", "TIMESTAMP_MICROS");
        TableWriter table = TableWriter.of(spark, config);

        clock.start("read");
        table.prepare(); // first of all: finish or undo a commit a crashed run left
        ArticleReader.Input input;
        try {
            input = ArticleReader.read(spark, config);
        } catch (NoInput none) {
            return withoutInput(none, config.string(ConfigKey.INPUT_FORMAT), table);
        }
        JavaRDD<PreparedArticle> resolved = prepare(input, table).persist(StorageLevel.MEMORY_AND_DISK_SER());
        long total = resolved.count();
        if (total == 0) {
            resolved.unpersist(false);
            return withoutInput(ArticleReader.noRecords(plan.inputPath()), input.formatName(), table);
        }
        clock.stop();

        clock.start("translate");
        clearEarlierAttempt();
        JobMetrics metrics = JobMetrics.register(spark.sparkContext());
        int partitions = partitions(total);
        translate(resolved, partitions, metrics, total);
        resolved.unpersist(false);
        double translateSeconds = clock.stop();

        clock.start("report");
        Dataset<Row> staged = spark.read().schema(OutputSchema.STAGING).parquet(plan.stagingDir() + "/rows");
        StagedFacts facts = StagedFacts.of(staged, total, plan.summaries().abstractive() != null);
        // JSON lines, not Parquet: a **/*.parquet glob over the table folder must find only the table.
        staged.select("article_id", "input_ref", "status", "reason", "error", OutputSchema.DT, OutputSchema.IN_TABLE)
                .coalesce(1).write().option("compression", "gzip").json(plan.ledgerPath());
        clock.stop();

        clock.start(WRITE);
        // dt_from_run_date stays for the writer (an undated article keeps its existing dt); no table row carries it.
        Dataset<Row> fresh = staged.where(col(OutputSchema.IN_TABLE)).drop(OutputSchema.IN_TABLE);
        WriteResult written = table.write(fresh, plan.runId(), force);
        clock.stop();
        return new Executed(new InputSection(plan.inputPath(), input.formatName(), total, null), partitions,
                translateSeconds, metrics, facts, written, plan.ledgerPath());
    }

    /**
     * A caller-chosen run id can come again (a scheduler retrying a task keeps its run id): the
     * earlier attempt's run folder (report, ledger, staging) gives way to this attempt's. Done only
     * once the input has been checked, so a refused retry leaves the earlier attempt's report.
     */
    private void clearEarlierAttempt() {
        try {
            Path dir = new Path(plan.runDir());
            FileSystem fs = dir.getFileSystem(spark.sparkContext().hadoopConfiguration());
            if (fs.exists(dir)) {
                LOG.info("run {}: the run id was used before; its earlier run folder {} is replaced", plan.runId(),
                        plan.runDir());
                fs.delete(dir, true);
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot clear the earlier attempt at " + plan.runDir() + ": "
                    + e.getMessage(), e);
        }
    }

    /** No input: refused, or with {@code run.allow_empty_input=true} a run of 0 articles that leaves the table alone. */
    private Executed withoutInput(NoInput none, String format, TableWriter table) {
        if (!config.flag(ConfigKey.RUN_ALLOW_EMPTY_INPUT)) {
            throw none;
        }
        LOG.warn("run {}: {}; {}=true: a run of 0 articles, the table is left untouched", plan.runId(),
                none.getMessage(), ConfigKey.RUN_ALLOW_EMPTY_INPUT.key());
        clock.stop();
        return new Executed(new InputSection(plan.inputPath(), format, 0, none.getMessage()), 0, 0,
                JobMetrics.register(spark.sparkContext()), StagedFacts.NONE, table.untouched(), null);
    }

    private JavaRDD<PreparedArticle> prepare(ArticleReader.Input input, TableWriter table) {
        ArticlePreparer preparer = new ArticlePreparer(config.integer(ConfigKey.INPUT_MAX_BODY_CHARS),
                config.decimal(ConfigKey.INPUT_MIN_ARABIC_RATIO), plan.runDate());
        JavaRDD<PreparedArticle> prepared = input.records().map(preparer::prepare);
        JavaPairRDD<String, PreviousRow> previous = plan.incremental() && table.tableExists() ? previousOk(table) : null;
        return InputResolver.resolve(prepared, previous);
    }

    /** Translates on the executors and stages every row once, partitioned by {@code dt} and {@code in_table}. */
    private void translate(JavaRDD<PreparedArticle> resolved, int partitions, JobMetrics metrics, long total) {
        JavaRDD<Row> rows = CostPartitioner.spread(resolved, partitions)
                .mapPartitions(new TranslatePartition(plan.translation(), plan.settings(),
                        new ConfiguredSummaryStage(plan.summaries()), metrics));
        try (ProgressLog progress = new ProgressLog(metrics, total,
                Duration.ofSeconds(config.integer(ConfigKey.RUN_PROGRESS_INTERVAL_S)))) {
            spark.sparkContext().addSparkListener(progress);
            try {
                StagedFileCommitProtocol.write(spark, () -> spark.createDataFrame(rows, OutputSchema.STAGING).write()
                        .mode(SaveMode.ErrorIfExists)
                        .option("compression", "zstd")
                        .partitionBy(OutputSchema.DT, OutputSchema.IN_TABLE)
                        .parquet(plan.stagingDir() + "/rows"));
            } finally {
                spark.sparkContext().removeSparkListener(progress);
            }
        }
    }

    private JavaPairRDD<String, PreviousRow> previousOk(TableWriter table) {
        return table.existing()
                .where(col("status").equalTo(Status.OK))
                .select("article_id", "content_hash", "translation_model", "translation_model_revision",
                        "generation_hash")
                .javaRDD()
                .mapToPair(r -> new Tuple2<>(r.getString(0),
                        new PreviousRow(r.getString(1), r.getString(2), r.getString(3), r.getString(4))));
    }

    private int partitions(long total) {
        int configured = config.integer(ConfigKey.EXEC_PARTITIONS);
        if (configured > 0) {
            return configured;
        }
        // Small inputs still use every core: parallelism matters more than fuller micro-batches there.
        return (int) Math.max(1, Math.min(2L * spark.sparkContext().defaultParallelism(), total));
    }
}
