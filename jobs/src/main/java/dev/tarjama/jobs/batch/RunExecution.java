package dev.tarjama.jobs.batch;

import dev.tarjama.jobs.batch.report.InputSection;
import dev.tarjama.jobs.config.ConfigKey;
import dev.tarjama.jobs.config.JobConfig;
import dev.tarjama.jobs.exec.ConfiguredSummaryStage;
import dev.tarjama.jobs.exec.CostPartitioner;
import dev.tarjama.jobs.exec.JobMetrics;
import dev.tarjama.jobs.exec.ProgressLog;
import dev.tarjama.jobs.exec.TranslatePartition;
import dev.tarjama.jobs.input.ArticleReader;
import dev.tarjama.jobs.input.InputRecord;
import dev.tarjama.jobs.output.OutputSchema;
import dev.tarjama.jobs.output.TableWriter;
import dev.tarjama.jobs.prepare.ArticlePreparer;
import dev.tarjama.jobs.prepare.InputResolver;
import dev.tarjama.jobs.prepare.PreparedArticle;
import dev.tarjama.jobs.prepare.PreviousRow;
import dev.tarjama.jobs.prepare.Status;
import java.time.Duration;
import java.util.List;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;
import scala.Tuple2;
import static org.apache.spark.sql.functions.col;

/**
 * The stages of one run, driver side, in order: read (read, prepare, settle duplicates and, in
 * incremental mode, attach the earlier rows), translate (spread by cost, translate on executors,
 * stage every row once), report (aggregate the staged rows, write the ledger) and write (the
 * touched partitions of the table). Every input record ends as exactly one staged row.
 */
final class RunExecution {
    private final SparkSession spark;
    private final JobConfig config;
    private final RunPlan plan;
    private final StageClock clock;

    RunExecution(SparkSession spark, JobConfig config, RunPlan plan, StageClock clock) {
        this.spark = spark;
        this.config = config;
        this.plan = plan;
        this.clock = clock;
    }

    /**
     * What the stages produced, for the report.
     *
     * @param partitions Spark partitions the articles were spread over
     * @param translateSeconds the translate stage's seconds
     * @param partitionsWritten the {@code dt} partitions the write replaced
     */
    record Executed(InputSection input, int partitions, double translateSeconds, JobMetrics metrics,
            StagedFacts staged, List<String> partitionsWritten) {}

    Executed run() {
        // Files must be readable by pyarrow and DuckDB as is; INT96 timestamps are not.
        spark.conf().set("spark.sql.parquet.outputTimestampType", "TIMESTAMP_MICROS");
        TableWriter table = new TableWriter(spark, plan.outputPath());

        clock.start("read");
        JavaRDD<PreparedArticle> resolved = read(table).persist(StorageLevel.MEMORY_AND_DISK_SER());
        long total = resolved.count();
        InputSection input = new InputSection(plan.inputPath(),
                ArticleReader.format(spark, config).name().toLowerCase(), total);
        clock.stop();

        clock.start("translate");
        JobMetrics metrics = JobMetrics.register(spark.sparkContext());
        int partitions = partitions(total);
        translate(resolved, partitions, metrics, total);
        resolved.unpersist(false);
        double translateSeconds = clock.stop();

        clock.start("report");
        Dataset<Row> staged = spark.read().schema(OutputSchema.STAGING).parquet(plan.stagingDir() + "/rows");
        StagedFacts facts = StagedFacts.of(staged, total, plan.summaries().abstractive() != null);
        staged.select("article_id", "input_ref", "status", "reason", "error", OutputSchema.DT, OutputSchema.IN_TABLE)
                .coalesce(1).write().option("compression", "zstd").parquet(plan.ledgerPath());
        clock.stop();

        clock.start("write");
        Dataset<Row> fresh = staged.where(col(OutputSchema.IN_TABLE)).drop(OutputSchema.IN_TABLE);
        List<String> written = table.write(fresh, facts.datesToWrite(), plan.incremental(),
                plan.stagingDir() + "/carry");
        clock.stop();
        return new Executed(input, partitions, translateSeconds, metrics, facts, written);
    }

    private JavaRDD<PreparedArticle> read(TableWriter table) {
        JavaRDD<InputRecord> records = ArticleReader.read(spark, config);
        ArticlePreparer preparer = new ArticlePreparer(config.integer(ConfigKey.INPUT_MAX_BODY_CHARS),
                config.decimal(ConfigKey.INPUT_MIN_ARABIC_RATIO), plan.runDate());
        JavaRDD<PreparedArticle> prepared = records.map(preparer::prepare);
        JavaPairRDD<String, PreviousRow> previous = plan.incremental() && table.tableExists() ? previousOk(table) : null;
        return InputResolver.resolve(prepared, previous);
    }

    /** Translates on the executors and stages every row once, partitioned by {@code dt} and {@code in_table}. */
    private void translate(JavaRDD<PreparedArticle> resolved, int partitions, JobMetrics metrics, long total) {
        JavaRDD<Row> rows = CostPartitioner.spread(resolved, partitions)
                .mapPartitions(new TranslatePartition(plan.translation(), plan.settings(),
                        new ConfiguredSummaryStage(plan.summaries()), metrics));
        try (ProgressLog progress = new ProgressLog(metrics.articlesDone(), total,
                Duration.ofSeconds(config.integer(ConfigKey.RUN_PROGRESS_INTERVAL_S)))) {
            spark.sparkContext().addSparkListener(progress);
            try {
                spark.createDataFrame(rows, OutputSchema.STAGING).write()
                        .mode(SaveMode.ErrorIfExists)
                        .option("compression", "zstd")
                        .partitionBy(OutputSchema.DT, OutputSchema.IN_TABLE)
                        .parquet(plan.stagingDir() + "/rows");
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
