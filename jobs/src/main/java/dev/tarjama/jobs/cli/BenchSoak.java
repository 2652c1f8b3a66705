package dev.tarjama.jobs.cli;

import dev.tarjama.jobs.exit.ExitCode;
import dev.tarjama.models.onnx.Precision;
import dev.tarjama.models.translate.SourceArticle;
import dev.tarjama.models.translate.TranslationPipeline;
import dev.tarjama.models.translate.TranslatorSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code tarjama bench --soak N}: translates N sentences through the full pipeline (the model's own
 * generation settings, so beam search for opus-mt-ar-en) and prints the resident set as it goes.
 */
final class BenchSoak {

    private BenchSoak() {}

    static int run(Path model, Precision precision, int threads, List<String> sentences, int total,
            GenerationSets generation) {
        // The soak repeats its sentences: without memo every one of them goes through the model.
        TranslatorSpec spec = generation.applyTo(TranslatorSpec.builder().setModelDir(model.toString())
                .optPrecision(precision).optThreads(threads, 1).optMaxNewTokens(16).optBatchLimits(8192, 64)
                .optMemoBytes(0)).build();
        try (TranslationPipeline pipeline = TranslationPipeline.open(spec)) {
            System.out.printf(Locale.ROOT, "soak: %,d sentences, beams %d, at most %d new tokens each%n", total,
                    pipeline.generationConfig().numBeams(), 16);
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
