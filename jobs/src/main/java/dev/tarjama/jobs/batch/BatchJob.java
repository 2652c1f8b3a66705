package dev.tarjama.jobs.batch;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tarjama.jobs.cluster.ShippedArchives;
import dev.tarjama.jobs.config.ConfigKey;
import dev.tarjama.jobs.config.JobConfig;
import dev.tarjama.jobs.exec.ConfiguredSummaryStage;
import dev.tarjama.jobs.exec.CostPartitioner;
import dev.tarjama.jobs.exec.JobMetrics;
import dev.tarjama.jobs.exec.ModelCache;
import dev.tarjama.jobs.exec.ModelSpec;
import dev.tarjama.jobs.exec.ProgressLog;
import dev.tarjama.jobs.exec.RunSettings;
import dev.tarjama.jobs.exec.SummaryMethod;
import dev.tarjama.jobs.exec.SummaryPlan;
import dev.tarjama.jobs.exec.TranslatePartition;
import dev.tarjama.jobs.exit.JobFailure;
import dev.tarjama.jobs.exit.UsageException;
import dev.tarjama.jobs.input.ArticleReader;
import dev.tarjama.jobs.input.InputRecord;
import dev.tarjama.jobs.output.OutputSchema;
import dev.tarjama.jobs.output.TableWriter;
import dev.tarjama.jobs.prepare.ArticlePreparer;
import dev.tarjama.jobs.prepare.ContentHash;
import dev.tarjama.jobs.prepare.InputResolver;
import dev.tarjama.jobs.prepare.PreparedArticle;
import dev.tarjama.jobs.prepare.PreviousRow;
import dev.tarjama.jobs.prepare.Status;
import dev.tarjama.jobs.quality.QualitySettings;
import dev.tarjama.models.onnx.Precision;
import dev.tarjama.models.summarize.LongInputPolicy;
import dev.tarjama.models.summarize.SummarizerSpec;
import dev.tarjama.models.translate.TranslatorSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
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
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.sum;

/**
 * The translate job, driver side: read, prepare, settle duplicates (and unchanged articles in
 * incremental mode), spread by cost, translate on executors, stage the rows, write the touched
 * partitions, write the run report. Every input record ends as exactly one staged row.
 */
public final class BatchJob {
    private static final Logger LOG = LoggerFactory.getLogger(BatchJob.class);
    private static final DateTimeFormatter RUN_ID_TIME =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);
    /** How many malformed records the report quotes. */
    private static final int MALFORMED_SAMPLE = 5;

    private final SparkSession spark;
    private final JobConfig config;
    private final JobOptions options;
    private final Map<String, Double> stageSeconds = new LinkedHashMap<>();

    public BatchJob(SparkSession spark, JobConfig config, JobOptions options) {
        this.spark = spark;
        this.config = config;
        this.options = options;
    }

    /** Runs the job and returns its report (also written beside the data). */
    public RunReport run() {
        Instant started = Instant.now();
        String runId = "run-" + RUN_ID_TIME.format(started) + "-" + UUID.randomUUID().toString().substring(0, 8);
        try {
            return execute(started, runId);
        } catch (Exception e) { // Spark rethrows task failures as the checked SparkException
            // A scheduler reads the report either way: say what failed, next to the data left intact.
            String cause = rootMessage(e);
            writeFailureReport(started, runId, cause);
            deleteQuietly(config.string(ConfigKey.OUTPUT_PATH) + "/_runs/" + runId + "/staging");
            if (e instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new JobFailure("run " + runId + " failed: " + cause, e);
        }
    }

    /** The innermost cause's message: what went wrong, without Spark's stage and task wrapping. */
    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + ": " + root.getMessage();
    }

    private void writeFailureReport(Instant started, String runId, String error) {
        ObjectNode report = RunReport.JSON.createObjectNode();
        report.put("run_id", runId);
        report.put("status", "failed");
        report.put("error", error);
        report.put("started_at", started.toString());
        report.put("finished_at", Instant.now().toString());
        ObjectNode stages = report.putObject("stage_seconds");
        stageSeconds.forEach(stages::put);
        ObjectNode effective = report.putObject("configuration");
        config.effective().forEach(effective::put);
        String path = config.string(ConfigKey.OUTPUT_PATH) + "/_runs/" + runId + "/report.json";
        try {
            new RunReport(report).writeTo(path, spark.sparkContext().hadoopConfiguration());
            LOG.error("run {} failed: {}; report {}", runId, error, path);
        } catch (IOException | RuntimeException writeError) {
            LOG.error("run {} failed: {}; the failure report could not be written to {}: {}", runId, error,
                    path, writeError.getMessage());
        }
    }

    private RunReport execute(Instant started, String runId) {
        String output = config.string(ConfigKey.OUTPUT_PATH);
        TableWriter table = TableWriter.of(spark, config);
        table.prepare();
        boolean incremental = table.mode().skipsUnchanged();
        String modelDir = modelDir();
        String runDir = output + "/_runs/" + runId;
        String staging = runDir + "/staging";
        LocalDate runDate = config.date(ConfigKey.RUN_DATE) != null ? config.date(ConfigKey.RUN_DATE)
                : LocalDate.ofInstant(started, ZoneOffset.UTC);
        // Files must be readable by pyarrow and DuckDB as is; INT96 timestamps are not.
        spark.conf().set("spark.sql.parquet.outputTimestampType", "TIMESTAMP_MICROS");

        int taskCpus = spark.sparkContext().getConf().getInt("spark.task.cpus", 1);
        // ONNX Runtime threads follow spark.task.cpus: each task thread runs its own model calls.
        ModelSpec spec = new ModelSpec(TranslatorSpec.builder().setModelDir(modelDir)
                .optPrecision(Precision.parse(config.string(ConfigKey.MODEL_TRANSLATION_PRECISION)))
                .optThreads(taskCpus, config.integer(ConfigKey.EXEC_INTER_OP_THREADS))
                .optNumBeams(config.integer(ConfigKey.GENERATION_NUM_BEAMS))
                .optMaxNewTokens(config.integer(ConfigKey.GENERATION_MAX_NEW_TOKENS))
                .optBatchLimits(config.integer(ConfigKey.BATCH_MAX_TOKENS), config.integer(ConfigKey.BATCH_MAX_ROWS))
                .build(), options.translatorFactory());
        String generationHash = generationHash();
        SummaryPlan summaryPlan = summaryPlan(config, taskCpus);
        LOG.info("run {}: summaries en={} ar={} ({})", runId, summaryPlan.en().key(), summaryPlan.ar().key(),
                summaryPlan.reason());
        LOG.info("run {}: input {} -> output {} ({} mode), model {}", runId, config.string(ConfigKey.INPUT_PATH),
                output, incremental ? "incremental" : "overwrite", modelDir);

        long stage = System.nanoTime();
        JavaRDD<InputRecord> records = ArticleReader.read(spark, config);
        ArticlePreparer preparer = new ArticlePreparer(config.integer(ConfigKey.INPUT_MAX_BODY_CHARS),
                config.decimal(ConfigKey.INPUT_MIN_ARABIC_RATIO), runDate);
        JavaRDD<PreparedArticle> prepared = records.map(preparer::prepare);
        JavaPairRDD<String, PreviousRow> previous = incremental && table.tableExists() ? previousOk(table) : null;
        JavaRDD<PreparedArticle> resolved = InputResolver.resolve(prepared, previous)
                .persist(StorageLevel.MEMORY_AND_DISK_SER());
        long total = resolved.count();
        stageSeconds.put("read", seconds(stage));

        stage = System.nanoTime();
        JobMetrics metrics = JobMetrics.register(spark.sparkContext());
        int partitions = partitions(total);
        RunSettings settings = new RunSettings(runId, options.smoke(), started.toEpochMilli(), generationHash,
                config.integer(ConfigKey.BATCH_ARTICLES), QualitySettings.of(config));
        JavaRDD<Row> rows = CostPartitioner.spread(resolved, partitions)
                .mapPartitions(new TranslatePartition(spec, settings,
                        new ConfiguredSummaryStage(summaryPlan), metrics));
        try (ProgressLog progress = new ProgressLog(metrics.articlesDone(), total,
                Duration.ofSeconds(config.integer(ConfigKey.RUN_PROGRESS_INTERVAL_S)))) {
            spark.sparkContext().addSparkListener(progress);
            try {
                dev.tarjama.jobs.output.StagedFileCommitProtocol.write(spark, () ->
                        spark.createDataFrame(rows, OutputSchema.STAGING).write()
                        .mode(SaveMode.ErrorIfExists)
                        .option("compression", "zstd")
                        .partitionBy(OutputSchema.DT, OutputSchema.IN_TABLE)
                        .parquet(staging + "/rows"));
            } finally {
                spark.sparkContext().removeSparkListener(progress);
            }
        }
        resolved.unpersist(false);
        double translateSeconds = seconds(stage);
        stageSeconds.put("translate", translateSeconds);

        stage = System.nanoTime();
        Dataset<Row> staged = spark.read().schema(OutputSchema.STAGING).parquet(staging + "/rows");
        List<Row> groups = aggregate(staged);
        ObjectNode report = summarize(staged, groups, total, translateSeconds);
        List<Row> summaryModels = summaryPlan.abstractive() == null ? List.of()
                : staged.where(col("summary_model").isNotNull()).select("summary_model", "summary_model_revision")
                        .distinct().orderBy("summary_model").collectAsList();
        staged.select("article_id", "input_ref", "status", "reason", "error", OutputSchema.DT, OutputSchema.IN_TABLE)
                .coalesce(1).write().option("compression", "gzip").json(runDir + "/ledger");
        stageSeconds.put("report", seconds(stage));

        stage = System.nanoTime();
        Dataset<Row> fresh = staged.where(col(OutputSchema.IN_TABLE)).drop(OutputSchema.IN_TABLE);
        long rowsWritten = groups.stream().filter(g -> g.getBoolean(5)).mapToLong(g -> g.getLong(6)).sum();
        Set<String> dates = new TreeSet<>();
        groups.stream().filter(g -> g.getBoolean(5)).forEach(g -> dates.add(g.getString(4)));
        dev.tarjama.jobs.output.WriteResult writeResult = table.write(fresh, runId, false);
        stageSeconds.put("write", seconds(stage));
        deleteQuietly(staging);

        ObjectNode out = report.putObject("output");
        writeResult.writeTo(out);
        out.put("ledger", runDir + "/ledger");
        report.put("run_id", runId);
        report.put("started_at", started.toString());
        report.put("finished_at", Instant.now().toString());
        report.put("run_date", runDate.toString());
        ArrayNode models = report.putArray("models");
        ObjectNode model = models.addObject();
        model.put("role", "translation");
        model.put("dir", modelDir);
        model.put("smoke", options.smoke());
        model.put("generation_hash", generationHash);
        ArrayNode names = model.putArray("names");
        Set<String> seen = new TreeSet<>();
        for (Row g : groups) {
            if (!g.isNullAt(2) && seen.add(g.getString(2) + "\u0000" + g.getString(3))) {
                names.addObject().put("name", g.getString(2)).put("revision", g.getString(3));
            }
        }
        if (summaryPlan.abstractive() != null) {
            ObjectNode summaryModel = models.addObject();
            summaryModel.put("role", "summary");
            summaryModel.put("dir", summaryPlan.abstractive().modelDir());
            ArrayNode summaryNames = summaryModel.putArray("names");
            for (Row r : summaryModels) {
                summaryNames.addObject().put("name", r.getString(0)).put("revision", r.getString(1));
            }
        }
        ObjectNode summaries = report.putObject("summaries");
        summaries.put("en", summaryPlan.en().key());
        summaries.put("ar", summaryPlan.ar().key());
        summaries.put("reason", summaryPlan.reason());
        summaries.put("budget", summaryPlan.budget());
        if (summaryPlan.abstractive() != null) {
            summaries.put("model_dir", summaryPlan.abstractive().modelDir());
            summaries.put("long_input", config.string(ConfigKey.SUMMARY_LONG_INPUT));
        }
        // Summed over task threads, like model_call_seconds; part of the translate stage's time.
        summaries.put("seconds", metrics.summaryMillis().value() / 1000.0);
        ArrayNode loadRows = report.putArray("model_loads");
        Map<String, Long> partitionsPerJvm = metrics.modelPartitions().value();
        metrics.modelLoads().value().forEach((key, n) -> {
            // "role model jvm": the role has no space, the JVM id neither
            int first = key.indexOf(' ');
            int last = key.lastIndexOf(' ');
            loadRows.addObject().put("role", key.substring(0, first)).put("model", key.substring(first + 1, last))
                    .put("executor_jvm", key.substring(last + 1))
                    .put("loads", n).put("partitions", partitionsPerJvm.getOrDefault(key, 0L));
        });
        report.put("model_load_seconds", metrics.modelLoadMillis().value() / 1000.0);
        ObjectNode sparkNode = report.putObject("spark");
        sparkNode.put("master", spark.sparkContext().master());
        sparkNode.put("application_id", spark.sparkContext().applicationId());
        sparkNode.put("task_cpus", taskCpus);
        sparkNode.put("partitions", partitions);
        ObjectNode stages = report.putObject("stage_seconds");
        stageSeconds.forEach(stages::put);
        ObjectNode effective = report.putObject("configuration");
        config.effective().forEach(effective::put);
        ObjectNode origins = report.putObject("configuration_origins");
        config.origins().forEach(origins::put);

        RunReport result = new RunReport(report);
        try {
            result.writeTo(runDir + "/report.json", spark.sparkContext().hadoopConfiguration());
        } catch (IOException e) {
            throw new JobFailure("cannot write the run report to " + runDir + ": " + e.getMessage(), e);
        }
        LOG.info(String.format("run %s done: %d articles, ok %d, partial %d, skipped %d, failed %d;"
                        + " %.2f articles/s translated; report %s", runId, total,
                result.count(Status.OK), result.count(Status.PARTIAL), result.count(Status.SKIPPED),
                result.count(Status.FAILED), report.path("throughput").path("articles_per_s").asDouble(),
                runDir + "/report.json"));
        return result;
    }

    /** Closes the models this JVM loaded (the driver is also the executor in local mode). */
    public static void releaseModels() {
        ModelCache.closeAll();
    }

    private String modelDir() {
        String dir = modelDir(config, options.smoke());
        if (options.smoke()) {
            LOG.warn("*** SMOKE RUN: translating with the bundled tiny model {} - the output is NOT a translation;"
                    + " every row records the model as smoke:<name> ***", dir);
        }
        return dir;
    }

    /**
     * The translation model folder this run uses, checked to exist: the real one, or with
     * {@code smoke} the bundled tiny one. Never falls back from one to the other.
     */
    public static String modelDir(JobConfig config, boolean smoke) {
        ConfigKey key = smoke ? ConfigKey.MODEL_SMOKE_DIR : ConfigKey.MODEL_TRANSLATION_DIR;
        String dir = config.string(key);
        if (dir.contains("://") || Files.isDirectory(java.nio.file.Path.of(dir))) {
            return dir; // a remote file system is checked where the model is opened
        }
        if (ShippedArchives.ships(dir)) {
            return dir; // spark-submit --archives ...#dir: unpacked on the executors only
        }
        if (smoke) {
            throw new JobFailure("the bundled tiny model is missing at " + dir + " (" + key.key() + ")");
        }
        throw new JobFailure("translation model not found at " + dir + " (" + key.key() + "); fetch it there"
                + " ('./tarjama models fetch --name opus-mt-ar-en --revision main --out " + dir + "', needs internet)"
                + " or set " + key.key() + ", or pass --smoke to try the job with the bundled tiny model "
                + config.string(ConfigKey.MODEL_SMOKE_DIR) + " (not a real translation)");
    }

    /**
     * What the summary stage does, from configuration: {@code summary.en=auto} means abstractive
     * when {@code model.summary.dir} is set, else extractive. A summary model that is needed but
     * missing stops the run here; it never falls back to extractive silently.
     *
     * @param threads ONNX Runtime intra-op threads of the summarization model ({@code spark.task.cpus})
     */
    public static SummaryPlan summaryPlan(JobConfig config, int threads) {
        String dir = config.string(ConfigKey.MODEL_SUMMARY_DIR);
        String en = config.string(ConfigKey.SUMMARY_EN);
        SummaryMethod ar = config.string(ConfigKey.SUMMARY_AR).equals("none") ? SummaryMethod.NONE
                : SummaryMethod.EXTRACTIVE;
        String budget = config.string(ConfigKey.SUMMARY_BUDGET);
        if (en.equals("auto")) {
            if (dir.isEmpty()) {
                return new SummaryPlan(SummaryMethod.EXTRACTIVE, ar, "no summary model configured", budget, null);
            }
            return new SummaryPlan(SummaryMethod.ABSTRACTIVE, ar, "summary model configured ("
                    + ConfigKey.MODEL_SUMMARY_DIR.key() + ")", budget, summarizerSpec(config, dir, threads));
        }
        String reason = ConfigKey.SUMMARY_EN.key() + "=" + en;
        if (!en.equals("abstractive")) {
            SummaryMethod method = en.equals("none") ? SummaryMethod.NONE : SummaryMethod.EXTRACTIVE;
            return new SummaryPlan(method, ar, reason, budget, null);
        }
        if (dir.isEmpty()) {
            throw new UsageException(reason + " needs a summarization model: set " + ConfigKey.MODEL_SUMMARY_DIR.key());
        }
        return new SummaryPlan(SummaryMethod.ABSTRACTIVE, ar, reason, budget, summarizerSpec(config, dir, threads));
    }

    private static SummarizerSpec summarizerSpec(JobConfig config, String dir, int threads) {
        if (!dir.contains("://") && !Files.isDirectory(java.nio.file.Path.of(dir)) && !ShippedArchives.ships(dir)) {
            throw new JobFailure("summary model not found at " + dir + " (" + ConfigKey.MODEL_SUMMARY_DIR.key()
                    + "); install it there, or set " + ConfigKey.MODEL_SUMMARY_DIR.key() + " empty (or "
                    + ConfigKey.SUMMARY_EN.key() + "=extractive) for extractive summaries");
        }
        return SummarizerSpec.builder().setModelDir(dir)
                .optPrecision(Precision.parse(config.string(ConfigKey.MODEL_SUMMARY_PRECISION)))
                .optThreads(threads, config.integer(ConfigKey.EXEC_INTER_OP_THREADS))
                .optNumBeams(config.integer(ConfigKey.SUMMARY_NUM_BEAMS))
                .optLongInputPolicy(config.string(ConfigKey.SUMMARY_LONG_INPUT).equals("chunk")
                        ? LongInputPolicy.CHUNK : LongInputPolicy.TRUNCATE_LEAD)
                .build();
    }

    /** Identifies the settings that change what the model writes; part of the incremental key. */
    private String generationHash() {
        String settings = "precision=" + config.string(ConfigKey.MODEL_TRANSLATION_PRECISION)
                + ";num_beams=" + config.string(ConfigKey.GENERATION_NUM_BEAMS)
                + ";max_new_tokens=" + config.string(ConfigKey.GENERATION_MAX_NEW_TOKENS);
        return ContentHash.sha256(settings).substring(0, 16);
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

    /** One aggregate over the staged rows feeds the whole report: counts, tokens, models, dates. */
    private static List<Row> aggregate(Dataset<Row> staged) {
        return staged.groupBy("status", "reason", "translation_model", "translation_model_revision",
                        OutputSchema.DT, OutputSchema.IN_TABLE)
                .agg(count("*"), sum("source_tokens"), sum("generated_tokens"), sum("translate_ms"))
                .collectAsList();
    }

    private ObjectNode summarize(Dataset<Row> staged, List<Row> groups, long total, double translateSeconds) {
        ObjectNode report = RunReport.JSON.createObjectNode();
        ObjectNode input = report.putObject("input");
        input.put("path", config.string(ConfigKey.INPUT_PATH));
        input.put("format", ArticleReader.format(spark, config).name().toLowerCase());
        input.put("records", total);

        Map<String, Long> byStatus = new LinkedHashMap<>();
        for (String status : List.of(Status.OK, Status.PARTIAL, Status.SKIPPED, Status.FAILED)) {
            byStatus.put(status, 0L);
        }
        Map<String, Long> byReason = new java.util.TreeMap<>();
        long rowCount = 0;
        long sourceTokens = 0;
        long generatedTokens = 0;
        long modelMillis = 0;
        for (Row g : groups) {
            long n = g.getLong(6);
            byStatus.merge(g.getString(0), n, Long::sum);
            byReason.merge(g.getString(0) + "/" + g.getString(1), n, Long::sum);
            rowCount += n;
            sourceTokens += g.isNullAt(7) ? 0 : g.getLong(7);
            generatedTokens += g.isNullAt(8) ? 0 : g.getLong(8);
            modelMillis += g.isNullAt(9) ? 0 : g.getLong(9);
        }
        if (rowCount != total) {
            // One row per input record is the job's contract; never report around a breach.
            throw new JobFailure("internal error: " + total + " input records but " + rowCount + " rows");
        }
        ObjectNode counts = report.putObject("counts");
        byStatus.forEach(counts::put);
        ObjectNode reasons = report.putObject("reasons");
        byReason.forEach(reasons::put);
        long translated = byStatus.get(Status.OK) + byStatus.get(Status.PARTIAL);
        ObjectNode tokenNode = report.putObject("tokens");
        tokenNode.put("source", sourceTokens);
        tokenNode.put("generated", generatedTokens);
        ObjectNode throughput = report.putObject("throughput");
        throughput.put("translated_articles", translated);
        throughput.put("translate_stage_seconds", translateSeconds);
        throughput.put("articles_per_s", translateSeconds > 0 ? translated / translateSeconds : 0);
        throughput.put("generated_tokens_per_s", translateSeconds > 0 ? generatedTokens / translateSeconds : 0);
        // Time inside model calls, summed over task threads: the part of the stage that is translation.
        throughput.put("model_call_seconds", modelMillis / 1000.0);
        throughput.put("articles_per_model_call_s", modelMillis > 0 ? translated / (modelMillis / 1000.0) : 0);

        ObjectNode malformed = report.putObject("malformed");
        long malformedCount = byReason.entrySet().stream()
                .filter(e -> e.getKey().endsWith("/" + Status.MALFORMED_RECORD)).mapToLong(Map.Entry::getValue).sum();
        malformed.put("count", malformedCount);
        ArrayNode sample = malformed.putArray("sample");
        if (malformedCount > 0) {
            for (Row r : staged.where(col("reason").equalTo(Status.MALFORMED_RECORD))
                    .select("article_id", "input_ref", "error").orderBy("input_ref").limit(MALFORMED_SAMPLE)
                    .collectAsList()) {
                sample.addObject().put("article_id", r.getString(0)).put("input_ref", r.getString(1))
                        .put("error", r.getString(2));
            }
        }
        long failed = byStatus.get(Status.FAILED);
        double rate = total == 0 ? 0 : (double) failed / total;
        report.put("failure_rate", rate);
        report.put("max_failure_rate", config.decimal(ConfigKey.RUN_MAX_FAILURE_RATE));
        report.put("status", rate > config.decimal(ConfigKey.RUN_MAX_FAILURE_RATE) ? "too_many_failures" : "succeeded");
        return report;
    }

    private void deleteQuietly(String path) {
        try {
            Path p = new Path(path);
            p.getFileSystem(spark.sparkContext().hadoopConfiguration()).delete(p, true);
        } catch (IOException e) {
            LOG.warn("could not delete staging folder {}: {}", path, e.getMessage());
        }
    }

    private static double seconds(long startNanos) {
        return Math.round((System.nanoTime() - startNanos) / 1e6) / 1000.0;
    }
}
