package dev.tarjama.jobs.cli;

import dev.tarjama.jobs.exit.ExitCode;
import dev.tarjama.jobs.exit.UsageException;
import dev.tarjama.models.generate.Generation;
import dev.tarjama.models.generate.GenerationConfig;
import dev.tarjama.models.generate.SearchStrategy;
import dev.tarjama.models.onnx.DecoderLayout;
import dev.tarjama.models.onnx.ModelBundle;
import dev.tarjama.models.onnx.ModelOptions;
import dev.tarjama.models.onnx.Precision;
import dev.tarjama.models.text.ArabicCleaner;
import dev.tarjama.models.text.Sentence;
import dev.tarjama.models.text.SentenceSplitter;
import dev.tarjama.models.translate.SourceArticle;
import dev.tarjama.models.translate.TranslationPipeline;
import dev.tarjama.models.translate.TranslatorSpec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code tarjama bench}: generation throughput for batch and beam sizes against a baseline measured
 * in the same run (batch 1, greedy, no KV cache), printed as ratios. With {@code --soak N} it
 * instead translates N sentences through the pipeline and prints resident memory as it goes.
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

    @Option(names = "--threads", paramLabel = "N", description = "ONNX Runtime intra-op threads. Default: the machine's cores.")
    private Integer threadsOption;

    @Option(names = "--layout", paramLabel = "LAYOUT", defaultValue = "auto", completionCandidates = Layouts.class,
            description = "Decoder files: ${COMPLETION-CANDIDATES}. Default: ${DEFAULT-VALUE}.")
    private String layout;

    @Option(names = "--soak", paramLabel = "N", defaultValue = "0",
            description = "Translate N sentences through the pipeline and print resident memory instead.")
    private int soak;

    @Override
    public Integer call() throws IOException {
        if (!Files.isRegularFile(input)) {
            throw new UsageException("input file not found: " + input);
        }
        int threads = threadsOption != null ? threadsOption : Runtime.getRuntime().availableProcessors();
        List<String> sentences = sentences(input, sentenceCount);
        List<Precision> precisionList = precisions.isEmpty() ? List.of(Precision.FP32) : precisions;
        if (soak > 0) {
            return soak(model, precisionList.get(0), threads, sentences, soak);
        }
        List<Integer> batchList = batches.isEmpty() ? List.of(1, 8, 32) : batches;
        List<Integer> beamList = beams.isEmpty() ? List.of(1) : beams;
        boolean fixed = !freeLength;
        int baselineCount = Math.min(sentences.size(), baselineSentences);
        DecoderLayout decoderLayout = layout(layout);

        System.out.printf(Locale.ROOT, "model %s (decoder layout %s) | %d sentences (baseline %d) | max_new_tokens %d%s | ORT threads %d%n",
                model, layout, sentences.size(), baselineCount, maxNew,
                fixed ? " (fixed length: min = max)" : " (stops at EOS)", threads);
        for (Precision precision : precisionList) {
            String precisionName = precision.id();
            ModelOptions cached = ModelOptions.builder().optPrecision(precision)
                    .optDecoderLayout(decoderLayout)
                    .optIntraOpThreads(threads).optInterOpThreads(1).build();
            Result baseline;
            try (ModelBundle bundle = ModelBundle.load(model, cached.toBuilder().optUseCache(false).build())) {
                GenerationConfig config = config(bundle, 1, maxNew, fixed);
                baseline = measure(bundle, config, sentences.subList(0, baselineCount), 1);
            }
            System.out.printf(Locale.ROOT, "%n[%s]%n%-34s %9s %8s %8s %9s %9s %9s%n", precisionName,
                    "configuration", "sentences", "tokens", "seconds", "sent/s", "tok/s", "x tok/s");
            print("baseline: batch 1, greedy, no cache", baseline, baseline);
            try (ModelBundle bundle = ModelBundle.load(model, cached)) {
                for (int beam : beamList) {
                    GenerationConfig config = config(bundle, beam, maxNew, fixed);
                    for (int batch : batchList) {
                        Result r = measure(bundle, config, sentences, batch);
                        print(String.format(Locale.ROOT, "batch %d, %s, KV cache", batch,
                                beam == 1 ? "greedy" : "beam " + beam), r, baseline);
                    }
                }
            }
        }
        return ExitCode.OK;
    }

    /** The values of {@code --layout}, for help and completion. */
    static final class Layouts implements Iterable<String> {
        @Override
        public java.util.Iterator<String> iterator() {
            return List.of("auto", "merged", "split").iterator();
        }
    }

    private record Result(int sentences, long tokens, double seconds) {}

    private static DecoderLayout layout(String name) {
        return switch (name) {
            case "auto" -> DecoderLayout.AUTO;
            case "merged" -> DecoderLayout.MERGED;
            case "split" -> DecoderLayout.SPLIT;
            default -> throw new UsageException("--layout takes auto, merged or split, got '" + name + "'");
        };
    }

    private static GenerationConfig config(ModelBundle bundle, int beams, int maxNew, boolean fixed) {
        GenerationConfig.Builder b = bundle.generationConfig().toBuilder()
                .optNumBeams(beams)
                .optMaxNewTokens(maxNew);
        // Random weights stop at arbitrary points; banning EOS until the cap makes runs comparable.
        if (fixed) {
            b.optMinLength(maxNew);
        }
        return b.build();
    }

    private static Result measure(ModelBundle bundle, GenerationConfig config, List<String> sentences, int batch) {
        SearchStrategy search = SearchStrategy.of(config);
        long[][] ids = bundle.tokenizer().encode(sentences);
        // Warm-up: one batch, untimed (JIT, ONNX Runtime's first-run allocations).
        search.generate(bundle.model(), java.util.Arrays.copyOfRange(ids, 0, Math.min(batch, ids.length)), config);
        long tokens = 0;
        long start = System.nanoTime();
        for (int i = 0; i < ids.length; i += batch) {
            long[][] rows = java.util.Arrays.copyOfRange(ids, i, Math.min(ids.length, i + batch));
            for (Generation g : search.generate(bundle.model(), rows, config)) {
                tokens += g.length();
            }
        }
        return new Result(ids.length, tokens, (System.nanoTime() - start) / 1e9);
    }

    private static void print(String name, Result r, Result baseline) {
        double tps = r.tokens() / r.seconds();
        double base = baseline.tokens() / baseline.seconds();
        System.out.printf(Locale.ROOT, "%-34s %9d %8d %8.2f %9.2f %9.1f %8.2fx%n",
                name, r.sentences(), r.tokens(), r.seconds(), r.sentences() / r.seconds(), tps, tps / base);
        System.out.flush();
    }

    /** The input's sentences as the pipeline would cut them, repeated until there are {@code count}. */
    private static List<String> sentences(Path input, int count) throws IOException {
        String text = new ArabicCleaner().clean(Files.readString(input, StandardCharsets.UTF_8));
        List<String> found = new ArrayList<>();
        for (Sentence s : new SentenceSplitter().sentences(text)) {
            if (!s.text().isBlank()) {
                found.add(s.text());
            }
        }
        if (found.isEmpty()) {
            throw new UsageException("no sentences in " + input);
        }
        List<String> out = new ArrayList<>(count);
        for (int i = 0; out.size() < count; i++) {
            out.add(found.get(i % found.size()));
        }
        return out;
    }

    private static int soak(Path model, Precision precision, int threads, List<String> sentences, int total) {
        TranslatorSpec spec = TranslatorSpec.builder().setModelDir(model.toString()).optPrecision(precision)
                .optThreads(threads, 1).optMaxNewTokens(16).optBatchLimits(8192, 64).build();
        try (TranslationPipeline pipeline = TranslationPipeline.open(spec)) {
            List<SourceArticle> batch = new ArrayList<>();
            for (int i = 0; i < sentences.size(); i++) {
                batch.add(new SourceArticle(Integer.toString(i), "", sentences.get(i)));
            }
            int done = 0;
            int report = Math.max(total / 5, 1);
            int warmUp = Math.min(1000, report);
            int nextReport = 0;
            long rssBefore = -1;
            while (done < total) {
                pipeline.translate(batch);
                done += batch.size();
                if (rssBefore < 0 && done >= warmUp) {
                    // Measured after a warm-up, so lazily loaded native code, JIT and ONNX Runtime's
                    // arenas are counted in and only growth after that shows.
                    System.gc();
                    rssBefore = rssKb();
                    System.out.printf(Locale.ROOT, "after %6d sentences (warm): RSS %,d KiB%n", done, rssBefore);
                    nextReport = done + report;
                } else if (rssBefore >= 0 && (done >= nextReport || done >= total)) {
                    System.gc();
                    System.out.printf(Locale.ROOT, "after %6d sentences: RSS %,d KiB (%+,d KiB since warm), heap used %,d KiB%n",
                            done, rssKb(), rssKb() - rssBefore,
                            (Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory()) / 1024);
                    nextReport += report;
                }
                System.out.flush();
            }
        }
        return ExitCode.OK;
    }

    /** Resident set size of this JVM, native memory included (Linux). */
    private static long rssKb() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
        return -1;
    }
}
