package dev.tarjama.jobs.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The soak: resident memory (native included) stays flat over 5,000 beam-4 sentences through the
 * whole pipeline after a warm-up. Minutes long, so tagged {@code slow} (out of the default run);
 * TARJAMA_SOAK_MODEL points it at another model folder (docs/benchmarks.md, "Memory over long runs").
 */
@Tag("slow")
class BenchSoakTest {

    private static final Pattern SAMPLE = Pattern.compile("after +([0-9]+) sentences: RSS [0-9,]+ KiB \\(([-+][0-9,]+) KiB");
    /** A leak of 20 KiB per sentence would cross this; RSS swings of the allocator stay below it. */
    private static final long MAX_GROWTH_KIB = 100 * 1024;

    @Test
    void residentMemoryStaysFlatOverFiveThousandBeamSearchSentences() {
        String model = System.getenv().getOrDefault("TARJAMA_SOAK_MODEL",
                Path.of("..", "models", "tiny", "marian-xenova").toString());
        CommandRun o = CommandRun.of("bench", "--model", model, "--input",
                Path.of("..", "conf", "samples", "bench-ar.txt").toString(), "--sentences", "100",
                "--soak", "6000", "--set", "generation.num_beams=4");
        assertEquals(0, o.code(), o.stderr());
        String out = String.join("\n", o.stdout());
        System.out.println(out);
        assertTrue(out.contains("beams 4"), out);
        List<long[]> samples = new ArrayList<>();
        Matcher m = SAMPLE.matcher(out);
        while (m.find()) {
            samples.add(new long[] {Long.parseLong(m.group(1)), Long.parseLong(m.group(2).replace(",", ""))});
        }
        assertTrue(samples.size() >= 4, "RSS samples after the warm-up: " + out);
        long[] last = samples.get(samples.size() - 1);
        assertEquals(6000, last[0], out);
        // A leak only grows, so it shows at the end; one sample caught in an allocator swing may be higher.
        assertTrue(last[1] <= MAX_GROWTH_KIB, "RSS grew " + last[1] + " KiB over the run: " + out);
        assertTrue(samples.stream().filter(s -> s[1] > MAX_GROWTH_KIB).count() <= 1, "RSS stayed up: " + out);
    }
}
