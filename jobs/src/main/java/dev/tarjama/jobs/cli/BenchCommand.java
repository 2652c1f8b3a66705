package dev.tarjama.jobs.cli;

import dev.tarjama.jobs.exit.ExitCode;
import dev.tarjama.jobs.exit.UsageException;
import dev.tarjama.models.generate.GenerationConfig;
import dev.tarjama.models.generate.StepProfile;
import dev.tarjama.models.onnx.DecoderLayout;
import dev.tarjama.models.onnx.ModelBundle;
import dev.tarjama.models.onnx.ModelOptions;
import dev.tarjama.models.onnx.Precision;
import dev.tarjama.models.onnx.SessionSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code tarjama bench}: generation throughput for batch and beam sizes against a baseline measured
 * in the same run (batch 1, greedy, no KV cache) and beam against greedy, printed as ratios
 * ({@link BenchRuns}); {@code --profile} says where the time goes, {@code --sweep-session-settings}
 * compares ONNX Runtime settings. With {@code --soak N} it instead translates N sentences through
 * the pipeline and prints resident memory as it goes ({@link BenchSoak}).
 */
@Command(name = "bench", sortOptions = false,
        description = {"Measure generation throughput for each batch size and beam width against a baseline"
                + " measured in the same run (batch 1, greedy, no KV cache), printed as ratios.",
            "--soak N instead translates N sentences through the pipeline and prints resident memory as it goes."})
public final class BenchCommand implements Callable<Integer> {

    @Option(names = "--model", required = true, paramLabel = "DIR", description = "The model folder to measure.")
    private Path model;

    @Option(names = "--input", required = true, paramLabel = "FILE",
            description = "Arabic text; its sentences (cut as the pipeline cuts them) are the workload.")
    private Path input;

    @Option(names = "--batch", paramLabel = "N", split = ",",
            description = "Batch sizes to measure; repeatable or comma-separated. Default: 1,8,32.")
    private List<Integer> batches = new ArrayList<>();

    @Option(names = "--beams", paramLabel = "N", split = ",",
            description = "Beam widths to measure; repeatable or comma-separated. Default: 1.")
    private List<Integer> beams = new ArrayList<>();

    @Option(names = "--config", paramLabel = "BEAMSxBATCH", split = ",",
            description = "Measure exactly these beam x batch pairs (e.g. 1x16,4x16,1x64) instead of every --beams x"
                    + " --batch pair; repeatable.")
    private List<String> configs = new ArrayList<>();

    @Option(names = "--precision", paramLabel = "P", completionCandidates = InferenceOptions.PrecisionIds.class,
            description = "Precisions to measure (${COMPLETION-CANDIDATES}); repeatable. Default: fp32.")
    private List<Precision> precisions = new ArrayList<>();

    @Option(names = "--max-new-tokens", paramLabel = "N", defaultValue = "32",
            description = "Tokens generated per sentence. Default: ${DEFAULT-VALUE}.")
    private int maxNew;

    @Option(names = "--free-length",
            description = "Let EOS stop generation (default: fixed length, min = max, so random models compare fairly).")
    private boolean freeLength;

    @Option(names = "--sentences", paramLabel = "N", defaultValue = "64",
            description = "Sentences per measurement (the input's, repeated). Default: ${DEFAULT-VALUE}.")
    private int sentenceCount;

    @Option(names = "--baseline-sentences", paramLabel = "N", defaultValue = "8",
            description = "Sentences of the baseline measurement. Default: ${DEFAULT-VALUE}.")
    private int baselineSentences;

    @Mixin
    private ThreadsOption threadsOption;

    @Option(names = "--layout", paramLabel = "LAYOUT", defaultValue = "auto", completionCandidates = Layouts.class,
            description = "Decoder files: ${COMPLETION-CANDIDATES}. Default: ${DEFAULT-VALUE}.")
    private String layout;

    @Mixin
    private SetOption set;

    @Option(names = "--soak", paramLabel = "N", defaultValue = "0",
            description = "Translate N sentences through the pipeline and print resident memory instead.")
    private int soak;

    @Option(names = "--rounds", paramLabel = "N", defaultValue = "1",
            description = "Measure every configuration N times, interleaved; print medians and in-round ratios."
                    + " Default: ${DEFAULT-VALUE}.")
    private int rounds;

    @Option(names = "--no-baseline", description = "Skip the uncached batch-1 baseline.")
    private boolean noBaseline;

    @Option(names = "--profile", description = "Print where each configuration's time goes (ORT, copies, Java).")
    private boolean profile;

    @Option(names = "--ort-profile", paramLabel = "DIR",
            description = "Also run ONNX Runtime's own profiler, writing its traces to DIR, and print each ONNX file's"
                    + " slowest operators and nodes per run. Best with one --config and --no-baseline.")
    private Path ortProfile;

    @Option(names = "--session-setting", paramLabel = "KEY=VALUE",
            description = "An ONNX Runtime session setting for every configuration (optimization, memory_pattern,"
                    + " cpu_arena or an ORT session.* key); repeatable.")
    private List<String> sessionSettings = new ArrayList<>();

    @Option(names = "--sweep-session-settings",
            description = "Measure the configurations under each ONNX Runtime session setting in turn, against"
                    + " Tarjama's defaults in the same round.")
    private boolean sweep;

    @Option(names = "--pipeline-limits", paramLabel = "TOKENSxROWS", split = ",",
            description = "Translate the input's articles (one per line, or --input-field of JSONL) through the job's"
                    + " pipeline under each model-batch limit (batch.max_tokens x batch.max_rows); repeatable.")
    private List<String> pipelineLimits = new ArrayList<>();

    @Option(names = "--input-field", paramLabel = "NAME", defaultValue = "body",
            description = "With --pipeline-limits and a .jsonl input: the field holding each article. Default:"
                    + " ${DEFAULT-VALUE}.")
    private String inputField;

    @Option(names = "--articles-per-call", paramLabel = "N", defaultValue = "16",
            description = "With --pipeline-limits: articles per pipeline call (batch.articles). Default: ${DEFAULT-VALUE}.")
    private int articlesPerCall;

    @Option(names = "--json", paramLabel = "FILE",
            description = "Also write the results, the input ids and the output ids as JSON to FILE.")
    private Path json;

    @Override
    public Integer call() throws IOException {
        if (!Files.isRegularFile(input)) {
            throw new UsageException("input file not found: " + input);
        }
        if (rounds < 1) {
            throw new UsageException("--rounds must be at least 1, got " + rounds);
        }
        int threads = threadsOption.threads();
        // --set generation.num_beams / max_new_tokens stand for --beams / --max-new-tokens (and win, as in run).
        generation = GenerationSets.of(set, "bench");
        maxNew = generation.maxNewTokens().orElse(maxNew);
        List<Precision> precisionList = precisions.isEmpty() ? List.of(Precision.FP32) : precisions;
        if (!pipelineLimits.isEmpty()) {
            return BenchPipeline.run(model, precisionList.get(0), threads, BenchPipeline.articles(input, inputField),
                    pipelineLimits, rounds, articlesPerCall, generation);
        }
        List<String> sentences = BenchArgs.sentences(input, sentenceCount);
        if (soak > 0) {
            return BenchSoak.run(model, precisionList.get(0), threads, sentences, soak, generation);
        }
        List<Integer> batchList = batches.isEmpty() ? List.of(1, 8, 32) : batches;
        List<Integer> beamList = generation.numBeams().isPresent() ? List.of(generation.numBeams().getAsInt())
                : beams.isEmpty() ? List.of(1) : beams;
        Map<String, String> settings = BenchArgs.sessionSettings(sessionSettings);
        if (ortProfile != null) {
            settings.put(SessionSettings.PROFILE_DIR, BenchOrtProfile.folder(ortProfile).toString());
        }
        DecoderLayout decoderLayout = BenchArgs.layout(layout);
        boolean fixed = !freeLength;
        int baselineCount = Math.min(sentences.size(), baselineSentences);

        System.out.printf(Locale.ROOT, "model %s (decoder layout %s) | %d sentences (baseline %s) | max_new_tokens %d%s"
                + " | ORT threads %d | %d round%s | load %s%n", model, layout, sentences.size(),
                noBaseline || sweep ? "none" : Integer.toString(baselineCount), maxNew,
                fixed ? " (fixed length: min = max)" : " (stops at EOS)", threads, rounds, rounds == 1 ? "" : "s",
                BenchArgs.loadAverage());
        StepProfile.enable(profile);
        List<BenchRuns.Measured> all = new ArrayList<>();
        for (Precision precision : precisionList) {
            ModelOptions cached = ModelOptions.builder().optPrecision(precision).optDecoderLayout(decoderLayout)
                    .optIntraOpThreads(threads).optInterOpThreads(1).optSessionSettings(settings).build();
            List<BenchRuns.Measured> measured = sweep
                    ? sweep(cached, precision, sentences, batchList, beamList, fixed, threads)
                    : measureAll(cached, precision, sentences, baselineCount, batchList, beamList, fixed);
            all.addAll(measured);
        }
        StepProfile.enable(false);
        if (ortProfile != null) {
            BenchOrtProfile.print(ortProfile.toAbsolutePath());
        }
        if (json != null) {
            Map<String, Object> run = new LinkedHashMap<>();
            run.put("model", model.toString());
            run.put("max_new_tokens", maxNew);
            run.put("fixed_length", fixed);
            run.put("threads", threads);
            run.put("rounds", rounds);
            run.put("session_settings", settings);
            BenchRuns.writeJson(json, run, inputIds, all);
            System.out.println("results written to " + json);
        }
        return ExitCode.OK;
    }

    /** Baseline (unless skipped) and every beam x batch configuration of one precision, in rounds. */
    private List<BenchRuns.Measured> measureAll(ModelOptions cached, Precision precision, List<String> sentences,
            int baselineCount, List<Integer> batchList, List<Integer> beamList, boolean fixed) {
        BenchRuns.Measured baseline = noBaseline ? null
                : new BenchRuns.Measured(new BenchRuns.Config(precision.id(), 1, 1, false, DEFAULTS));
        List<BenchRuns.Measured> measured = new ArrayList<>();
        ModelOptions uncached = cached.toBuilder().optUseCache(false).build();
        try (ModelBundle base = noBaseline ? null : ModelBundle.load(model, uncached);
                ModelBundle bundle = ModelBundle.load(model, cached)) {
            long[][] ids = bundle.tokenizer().encode(sentences);
            inputIds = ids;
            long[][] baseIds = java.util.Arrays.copyOf(ids, baselineCount);
            GenerationConfig greedy = config(bundle, 1, maxNew, fixed);
            if (base != null) {
                BenchRuns.warmUp(base, greedy, baseIds, 1);
            }
            for (int[] pair : BenchArgs.pairs(configs, beamList, batchList)) {
                measured.add(new BenchRuns.Measured(new BenchRuns.Config(precision.id(), pair[0], pair[1], true, DEFAULTS)));
                BenchRuns.warmUp(bundle, config(bundle, pair[0], maxNew, fixed), ids, pair[1]);
            }
            for (int r = 0; r < rounds; r++) {
                if (base != null) {
                    BenchRuns.measure(base, greedy, baseIds, 1, baseline);
                }
                for (BenchRuns.Measured m : measured) {
                    BenchRuns.measure(bundle, config(bundle, m.config.beams(), maxNew, fixed), ids, m.config.batch(), m);
                }
            }
        }
        BenchRuns.printTable(precision.id(), measured, baseline);
        if (profile) {
            BenchRuns.printProfile(measured);
        }
        List<BenchRuns.Measured> out = new ArrayList<>(measured);
        if (baseline != null) {
            out.add(0, baseline);
        }
        return out;
    }

    /**
     * Each session-setting variant in turn, reloading the model for each (so that only one copy is in
     * memory), every round; ratios are against Tarjama's defaults in the same round.
     */
    private List<BenchRuns.Measured> sweep(ModelOptions cached, Precision precision, List<String> sentences,
            List<Integer> batchList, List<Integer> beamList, boolean fixed, int threads) {
        Map<String, Map<String, String>> variants = new LinkedHashMap<>();
        variants.put(DEFAULTS, Map.of());
        Map<String, String> effective = SessionSettings.effective(cached);
        for (String[] kv : BenchArgs.sweepVariants(threads)) {
            if (!kv[1].equals(effective.getOrDefault(kv[0], SessionSettings.ORT_DEFAULTS.get(kv[0])))) {
                variants.put(kv[0] + "=" + kv[1], Map.of(kv[0], kv[1]));
            }
        }
        List<BenchRuns.Measured> measured = new ArrayList<>();
        for (String variant : variants.keySet()) {
            for (int[] pair : BenchArgs.pairs(configs, beamList, batchList)) {
                measured.add(new BenchRuns.Measured(new BenchRuns.Config(precision.id(), pair[0], pair[1], true, variant)));
            }
        }
        for (int r = 0; r < rounds; r++) {
            for (Map.Entry<String, Map<String, String>> variant : variants.entrySet()) {
                ModelOptions options = cached.toBuilder().optSessionSettings(variant.getValue()).build();
                try (ModelBundle bundle = ModelBundle.load(model, options)) {
                    long[][] ids = bundle.tokenizer().encode(sentences);
                    inputIds = ids;
                    for (BenchRuns.Measured m : measured) {
                        if (m.config.variant().equals(variant.getKey())) {
                            GenerationConfig config = config(bundle, m.config.beams(), maxNew, fixed);
                            BenchRuns.warmUp(bundle, config, ids, m.config.batch());
                            BenchRuns.measure(bundle, config, ids, m.config.batch(), m);
                            System.out.printf(Locale.ROOT, "round %d, %s, %s: %.1f tok/s%n", r + 1, variant.getKey(),
                                    m.config.label(), m.rounds.get(r).tokensPerSecond());
                        }
                    }
                }
            }
            System.out.printf(Locale.ROOT, "round %d of %d done (load %s)%n", r + 1, rounds, BenchArgs.loadAverage());
        }
        BenchRuns.printSweep(precision.id(), measured, DEFAULTS);
        return measured;
    }

    /** The values of {@code --layout}, for help and completion. */
    static final class Layouts implements Iterable<String> {
        @Override
        public java.util.Iterator<String> iterator() {
            return List.of("auto", "merged", "split").iterator();
        }
    }

    private static final String DEFAULTS = "defaults";

    /** The {@code --set} generation keys, read once in {@link #call()}. */
    private GenerationSets generation;

    /** The token ids of the measured sentences, for --json. */
    private long[][] inputIds;

    private GenerationConfig config(ModelBundle bundle, int beams, int maxNew, boolean fixed) {
        GenerationConfig.Builder b = generation.applyTo(bundle.generationConfig().toBuilder())
                .optNumBeams(beams)
                .optMaxNewTokens(maxNew);
        // Random weights stop at arbitrary points; banning EOS until the cap makes runs comparable.
        if (fixed) {
            b.optMinLength(maxNew);
        }
        return b.build();
    }

}
