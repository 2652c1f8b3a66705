package dev.tarjama.jobs.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tarjama.jobs.exit.ExitCode;
import dev.tarjama.jobs.exit.UsageException;
import dev.tarjama.models.onnx.Precision;
import dev.tarjama.models.translate.ArticleTranslation;
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

/**
 * {@code tarjama bench --pipeline-limits TOKENSxROWS...}: the job's translation path (cleaning,
 * splitting, batching across articles, the model's own generation settings, so beam 4 for
 * opus-mt-ar-en) under each model-batch limit ({@code batch.max_tokens} x {@code batch.max_rows}),
 * in interleaved rounds, reporting generated tokens/s as the run report does. This is how the
 * job's defaults were sized (docs/benchmarks.md, "Batch limits").
 */
final class BenchPipeline {

    private BenchPipeline() {}

    static int run(Path model, Precision precision, int threads, List<SourceArticle> articles, List<String> limits,
            int rounds, int articlesPerCall, GenerationSets generation) {
        List<int[]> parsed = new ArrayList<>();
        for (String limit : limits) {
            parsed.add(parse(limit));
        }
        double[][] tokensPerSecond = new double[parsed.size()][rounds];
        long[] generated = new long[parsed.size()];
        double[][] seconds = new double[parsed.size()][rounds];
        System.out.printf(Locale.ROOT, "pipeline: %d articles, %d per call, %d round%s, ORT threads %d%n",
                articles.size(), articlesPerCall, rounds, rounds == 1 ? "" : "s", threads);
        for (int r = 0; r < rounds; r++) {
            for (int l = 0; l < parsed.size(); l++) {
                TranslatorSpec spec = generation.applyTo(TranslatorSpec.builder().setModelDir(model.toString())
                        .optPrecision(precision).optThreads(threads, 1)
                        .optBatchLimits(parsed.get(l)[0], parsed.get(l)[1]).optMemoBytes(0)).build();
                try (TranslationPipeline pipeline = TranslationPipeline.open(spec)) {
                    // Warm-up on the first call's articles, untimed (JIT, ONNX Runtime's first allocations); memo off,
                    // so that the timed calls translate those articles again.
                    pipeline.translate(articles.subList(0, Math.min(articlesPerCall, articles.size())));
                    long tokens = 0;
                    long start = System.nanoTime();
                    for (int i = 0; i < articles.size(); i += articlesPerCall) {
                        for (ArticleTranslation t : pipeline.translate(
                                articles.subList(i, Math.min(articles.size(), i + articlesPerCall)))) {
                            tokens += t.generatedTokens();
                        }
                    }
                    seconds[l][r] = (System.nanoTime() - start) / 1e9;
                    tokensPerSecond[l][r] = tokens / seconds[l][r];
                    generated[l] = tokens;
                    System.out.printf(Locale.ROOT, "round %d, %s: %,d tokens in %.1f s, %.1f tok/s (beams %d)%n", r + 1,
                            limits.get(l), tokens, seconds[l][r], tokensPerSecond[l][r],
                            pipeline.generationConfig().numBeams());
                    System.out.flush();
                }
            }
        }
        System.out.printf(Locale.ROOT, "%n%-22s %16s %9s %9s %14s%n", "batch limits", "generated tokens", "seconds",
                "tok/s", "x " + limits.get(0));
        for (int l = 0; l < parsed.size(); l++) {
            double[] ratios = new double[rounds];
            for (int r = 0; r < rounds; r++) {
                ratios[r] = tokensPerSecond[l][r] / tokensPerSecond[0][r];
            }
            System.out.printf(Locale.ROOT, "%-22s %16d %9.1f %9.1f %13.2fx%n", limits.get(l) + " (tokens x rows)",
                    generated[l], BenchRuns.median(seconds[l]), BenchRuns.median(tokensPerSecond[l]),
                    BenchRuns.median(ratios));
        }
        return ExitCode.OK;
    }

    /** Articles to translate: one per non-blank line of a text file, or {@code field} of each JSONL line. */
    static List<SourceArticle> articles(Path input, String field) throws IOException {
        List<SourceArticle> articles = new ArrayList<>();
        boolean jsonl = input.getFileName().toString().endsWith(".jsonl");
        ObjectMapper mapper = new ObjectMapper();
        for (String line : Files.readAllLines(input, StandardCharsets.UTF_8)) {
            if (line.isBlank()) {
                continue;
            }
            String body = line;
            if (jsonl) {
                JsonNode value = mapper.readTree(line).get(field);
                if (value == null || !value.isTextual()) {
                    throw new UsageException(input + ": a line has no text field '" + field + "' (--input-field)");
                }
                body = value.asText();
            }
            articles.add(new SourceArticle(Integer.toString(articles.size()), "", body));
        }
        if (articles.isEmpty()) {
            throw new UsageException("no articles in " + input);
        }
        return articles;
    }

    private static int[] parse(String limit) {
        String[] parts = limit.toLowerCase(Locale.ROOT).split("x");
        try {
            if (parts.length == 2) {
                int tokens = Integer.parseInt(parts[0].trim());
                int rows = Integer.parseInt(parts[1].trim());
                if (tokens > 0 && rows > 0) {
                    return new int[] {tokens, rows};
                }
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new UsageException("--pipeline-limits takes TOKENSxROWS with both above 0, e.g. 4096x32; got '" + limit + "'");
    }
}
