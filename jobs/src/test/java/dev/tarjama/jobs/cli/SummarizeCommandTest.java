package dev.tarjama.jobs.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code tarjama summarize}: one summary line per input line, abstractive or extractive. */
class SummarizeCommandTest {

    private static final String BART = Path.of("..", "models", "tiny", "bart-xenova").toString();

    @Test
    void abstractiveJsonGivesOneObjectPerLineAndNotesAnEmptyLine(@TempDir Path dir) throws Exception {
        Path input = dir.resolve("en.txt");
        Files.writeString(input, "The minister said talks would resume next week.\n\nPrices rose by 3.5 percent.\n");
        CommandRun o = CommandRun.of("summarize", "--model", BART, "--beams", "1", "--json", "--batch-lines", "2", input.toString());
        assertEquals(0, o.code(), o.stderr());
        assertEquals(3, o.stdout().size(), o.stdout().toString());
        ObjectMapper mapper = new ObjectMapper();
        JsonNode empty = mapper.readTree(o.stdout().get(1));
        assertEquals("empty_input", empty.get("notes").get(0).asText());
        for (int i : new int[] {0, 2}) {
            JsonNode json = mapper.readTree(o.stdout().get(i));
            assertTrue(json.get("ids").size() > 0 && json.get("score").asDouble() < 0, json.toString());
        }
    }

    @Test
    void extractiveKeepsTheTopSentencesInSourceOrder(@TempDir Path dir) throws Exception {
        Path input = dir.resolve("ar.txt");
        String article = "قال الوزير إن المحادثات ستستأنف. وأضاف أن الوفد سيصل غدا. وارتفعت الأسعار. وانعقد المؤتمر.";
        Files.writeString(input, article + "\n");
        CommandRun o = CommandRun.of("summarize", "--extractive", "--sentences", "2", input.toString());
        assertEquals(0, o.code(), o.stderr());
        assertEquals(1, o.stdout().size());
        String summary = o.stdout().get(0);
        assertEquals(2, summary.split("(?<=\\.) ").length, summary);
        assertTrue(article.startsWith(summary.substring(0, summary.indexOf('.') + 1)), "lead sentence kept: " + summary);
    }

    @Test
    void modelAndExtractiveTogetherIsBadUsage() {
        CommandRun o = CommandRun.of("summarize", "--model", BART, "--extractive");
        assertEquals(2, o.code());
        assertTrue(o.stderr().contains("give --model DIR or --extractive, not both"), o.stderr());
    }
}
