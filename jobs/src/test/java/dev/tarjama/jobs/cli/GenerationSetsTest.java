package dev.tarjama.jobs.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code summarize} and {@code bench} take {@code --set} for the generation keys, as {@code run} does. */
class GenerationSetsTest {

    private static final String BART = Path.of("..", "models", "tiny", "bart-xenova").toString();
    private static final String MARIAN = Path.of("..", "models", "tiny", "marian-xenova").toString();

    @Test
    void summarizeAppliesGenerationKeysOverTheModelsSettings(@TempDir Path dir) throws Exception {
        Path input = Files.writeString(dir.resolve("en.txt"), "The minister said talks would resume next week.\n");
        // The model asks for at least 56 tokens; 5 new tokens end it with the forced EOS.
        CommandRun o = CommandRun.of("summarize", "--model", BART, "--json", "--set", "generation.num_beams=1",
                "--set", "generation.max_new_tokens=5", input.toString());
        assertEquals(0, o.code(), o.stderr());
        assertEquals(5, new ObjectMapper().readTree(o.stdout().get(0)).get("ids").size(), o.stdout().get(0));
        CommandRun job = CommandRun.of("summarize", "--model", BART, "--set", "summary.num_beams=1", input.toString());
        assertEquals(2, job.code());
        assertTrue(job.stderr().contains("'summary.num_beams' is not one of them"), job.stderr());
        CommandRun extractive = CommandRun.of("summarize", "--extractive", "--set", "generation.num_beams=1",
                input.toString());
        assertEquals(2, extractive.code());
    }

    @Test
    void benchTakesTheBeamWidthFromSetAndRefusesOtherKeys(@TempDir Path dir) throws Exception {
        Path input = Files.writeString(dir.resolve("ar.txt"), "قال الوزير إن المحادثات ستستأنف.\n");
        CommandRun o = CommandRun.of("bench", "--model", MARIAN, "--input", input.toString(), "--batch", "1",
                "--sentences", "2", "--baseline-sentences", "1", "--max-new-tokens", "3",
                "--set", "generation.num_beams=2", "--set", "generation.max_length_per_source_token=1.5");
        assertEquals(0, o.code(), o.stderr());
        assertTrue(o.stdout().stream().anyMatch(l -> l.startsWith("batch 1, beam 2")), o.stdout().toString());
        CommandRun job = CommandRun.of("bench", "--model", MARIAN, "--input", input.toString(),
                "--set", "batch.max_rows=2");
        assertEquals(2, job.code());
        assertTrue(job.stderr().contains("'batch.max_rows' is not one of them"), job.stderr());
    }
}
