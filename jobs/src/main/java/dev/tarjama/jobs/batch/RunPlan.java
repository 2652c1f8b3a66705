package dev.tarjama.jobs.batch;

import dev.tarjama.jobs.cluster.ShippedArchives;
import dev.tarjama.jobs.config.ConfigKey;
import dev.tarjama.jobs.config.JobConfig;
import dev.tarjama.jobs.exec.ModelSpec;
import dev.tarjama.jobs.exec.RunSettings;
import dev.tarjama.jobs.exec.SummaryMethod;
import dev.tarjama.jobs.exec.SummaryPlan;
import dev.tarjama.jobs.exit.JobFailure;
import dev.tarjama.jobs.exit.UsageException;
import dev.tarjama.jobs.models.ModelPaths;
import dev.tarjama.jobs.prepare.ContentHash;
import dev.tarjama.jobs.quality.QualitySettings;
import dev.tarjama.models.generate.GenerationConfigReader;
import dev.tarjama.models.onnx.Precision;
import dev.tarjama.models.summarize.LongInputPolicy;
import dev.tarjama.models.summarize.SummarizerSpec;
import dev.tarjama.models.translate.TranslatorSpec;
import java.nio.file.Files;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What one run does, resolved once from the configuration before any Spark work: its id and
 * folders, the models (translation spec, summary plan) and the generation hash, which is computed
 * from the very spec the executors load, so the two cannot drift apart.
 *
 * @param started when the run started; rows record it as {@code processed_at}
 * @param runDate {@code dt} of articles without a usable {@code published_at}
 * @param mode {@code output.mode}
 * @param modelDir the translation model folder, checked to exist
 * @param translation the translation model as executors open it
 * @param summaries what the summary stage does
 * @param taskCpus {@code spark.task.cpus}: ONNX Runtime intra-op threads of each task
 * @param settings what every executor needs to build rows
 */
public record RunPlan(
        String runId,
        Instant started,
        LocalDate runDate,
        String inputPath,
        String outputPath,
        String mode,
        boolean smoke,
        String modelDir,
        ModelSpec translation,
        String generationHash,
        SummaryPlan summaries,
        int taskCpus,
        RunSettings settings) {
    private static final Logger LOG = LoggerFactory.getLogger(RunPlan.class);
    private static final DateTimeFormatter RUN_ID_TIME =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

    /** A fresh run id, {@code run-<UTC time>-<8 hex digits>}: sortable by start, unique across drivers. */
    public static String newRunId(Instant started) {
        return "run-" + RUN_ID_TIME.format(started) + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** Resolves the plan of a run that starts now; throws when the configuration cannot run. */
    public static RunPlan resolve(JobConfig config, JobOptions options, int taskCpus, Instant started) {
        String runId = options.runId() != null ? options.runId() : newRunId(started);
        LocalDate runDate = config.date(ConfigKey.RUN_DATE) != null ? config.date(ConfigKey.RUN_DATE)
                : LocalDate.ofInstant(started, ZoneOffset.UTC);
        String modelDir = modelDir(config, options.smoke());
        checkGenerationSettings(modelDir);
        if (options.smoke()) {
            LOG.warn("*** SMOKE RUN: translating with the bundled tiny model {} - the output is NOT a translation;"
                    + " every row records the model as smoke:<name> ***", modelDir);
        }
        // ONNX Runtime threads follow spark.task.cpus: each task thread runs its own model calls.
        TranslatorSpec spec = TranslatorSpec.builder().setModelDir(modelDir)
                .optPrecision(Precision.parse(config.string(ConfigKey.MODEL_TRANSLATION_PRECISION)))
                .optThreads(taskCpus, config.integer(ConfigKey.EXEC_INTER_OP_THREADS))
                .optNumBeams(config.integer(ConfigKey.GENERATION_NUM_BEAMS))
                .optMaxNewTokens(config.integer(ConfigKey.GENERATION_MAX_NEW_TOKENS))
                .optMaxLengthPerSourceToken(config.decimal(ConfigKey.GENERATION_MAX_LENGTH_PER_SOURCE_TOKEN))
                .optMaxLengthOffset(config.integer(ConfigKey.GENERATION_MAX_LENGTH_OFFSET))
                .optBatchLimits(config.integer(ConfigKey.BATCH_MAX_TOKENS), config.integer(ConfigKey.BATCH_MAX_ROWS))
                .build();
        String generationHash = generationHash(spec);
        RunSettings settings = new RunSettings(runId, options.smoke(), started.toEpochMilli(), generationHash,
                config.integer(ConfigKey.BATCH_ARTICLES), QualitySettings.of(config));
        return new RunPlan(runId, started, runDate, config.string(ConfigKey.INPUT_PATH),
                config.string(ConfigKey.OUTPUT_PATH), config.string(ConfigKey.OUTPUT_MODE), options.smoke(), modelDir,
                new ModelSpec(spec, options.translatorFactory()), generationHash, summaryPlan(config, taskCpus),
                taskCpus, settings);
    }

    /** True in {@code output.mode=incremental}: unchanged articles are skipped. */
    public boolean incremental() {
        return mode.equals("incremental");
    }

    /** {@code <output>/_runs/<run_id>}: the run's report, ledger and staging. */
    public String runDir() {
        return outputPath + "/_runs/" + runId;
    }

    public String stagingDir() {
        return runDir() + "/staging";
    }

    public String reportPath() {
        return runDir() + "/report.json";
    }

    public String ledgerPath() {
        return runDir() + "/ledger";
    }

    /**
     * Identifies the settings that change what the model writes; part of the incremental key.
     * Computed from the spec the executors open, so it cannot disagree with it.
     */
    static String generationHash(TranslatorSpec spec) {
        String settings = "precision=" + spec.precision().id()
                + ";num_beams=" + spec.numBeams()
                + ";max_new_tokens=" + spec.maxNewTokens();
        TranslatorSpec defaults = TranslatorSpec.builder().setModelDir(spec.modelDir()).build();
        if (spec.maxLengthPerSourceToken() != defaults.maxLengthPerSourceToken()
                || spec.maxLengthOffset() != defaults.maxLengthOffset()) {
            // Only a changed cap enters the hash, so rows written before the cap was a key still match.
            settings += ";max_length_per_source_token=" + spec.maxLengthPerSourceToken()
                    + ";max_length_offset=" + spec.maxLengthOffset();
        }
        return ContentHash.sha256(settings).substring(0, 16);
    }

    /**
     * The translation model folder a run uses, checked to exist: the real one, or with
     * {@code smoke} the bundled tiny one. Never falls back from one to the other.
     */
    public static String modelDir(JobConfig config, boolean smoke) {
        ConfigKey key = smoke ? ConfigKey.MODEL_SMOKE_DIR : ConfigKey.MODEL_TRANSLATION_DIR;
        String dir = config.string(key);
        if (Files.isRegularFile(java.nio.file.Path.of(dir))) {
            return ModelPaths.localArchive(java.nio.file.Path.of(dir)); // a 'models pack' zip, unpacked where opened
        }
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
     * Reads a local model folder's generation settings on the driver, so that one the model needs
     * and Tarjama does not implement stops the run before Spark starts rather than in every task.
     * Remote and shipped folders are checked where executors open them.
     */
    private static void checkGenerationSettings(String modelDir) {
        if (modelDir.contains("://") || !Files.isDirectory(java.nio.file.Path.of(modelDir))) {
            return;
        }
        java.nio.file.Path dir = java.nio.file.Path.of(modelDir);
        try {
            GenerationConfigReader.read(dir.resolve("config.json"), dir.resolve("generation_config.json"));
        } catch (RuntimeException e) {
            throw new JobFailure("translation model " + modelDir + ": " + e.getMessage());
        }
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

    private static SummarizerSpec summarizerSpec(JobConfig config, String configured, int threads) {
        String dir = Files.isRegularFile(java.nio.file.Path.of(configured))
                ? ModelPaths.localArchive(java.nio.file.Path.of(configured)) : configured;
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
}
