package dev.tarjama.jobs.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code tarjama translate}: one output line per input line, in order; usage errors exit 2. */
class TranslateCommandTest {

    private static final String MODEL = Path.of("..", "models", "tiny", "marian-xenova").toString();

    @Test
    void writesOneLinePerInputLineInOrderIncludingEmptyLines(@TempDir Path dir) throws Exception {
        Path input = dir.resolve("in.txt");
        Files.writeString(input, "قال الوزير إن المحادثات ستستأنف. وأضاف أن الوفد سيصل غدا.\n\n<b>خبر</b> عاجل\n");
        CommandRun o = CommandRun.of("translate", "--model", MODEL, "--beams", "1", "--max-new-tokens", "6", input.toString());
        assertEquals(0, o.code(), o.stderr());
        assertEquals(3, o.stdout().size(), o.stdout().toString());
        assertEquals("", o.stdout().get(1));
        assertTrue(!o.stdout().get(0).isEmpty() && !o.stdout().get(2).isEmpty());
    }

    @Test
    void jsonRawModeGivesIdsTextAndScorePerLine(@TempDir Path dir) throws Exception {
        Path input = dir.resolve("in.txt");
        Files.writeString(input, "قال الوزير\nارتفعت الأسعار\n");
        CommandRun o = CommandRun.of("translate", "--model", MODEL, "--raw", "--json", "--beams", "2", "--max-new-tokens", "5",
                input.toString());
        assertEquals(0, o.code(), o.stderr());
        assertEquals(2, o.stdout().size());
        ObjectMapper mapper = new ObjectMapper();
        for (String line : o.stdout()) {
            JsonNode json = mapper.readTree(line);
            assertTrue(json.get("ids").isArray() && json.get("ids").size() >= 1 && json.get("ids").size() <= 5, line);
            assertTrue(json.get("score").asDouble() <= 0, line);
            assertTrue(json.has("text"), line);
        }
        // Same text through the plain mode of the pipeline gives the same ids: raw skips only the preparation.
        CommandRun again = CommandRun.of("translate", "--model", MODEL, "--json", "--beams", "2", "--max-new-tokens", "5",
                input.toString());
        assertEquals(mapper.readTree(o.stdout().get(0)).get("ids"), mapper.readTree(again.stdout().get(0)).get("ids"));
    }

    @Test
    void badUsageExitsTwoWithOneLine(@TempDir Path dir) throws Exception {
        java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();
        Files.writeString(dir.resolve("in.txt"), "قال الوزير\n");
        int noModel = Main.execute(new String[] {"translate", "--no-fetch", dir.resolve("in.txt").toString()},
                new java.io.PrintStream(new java.io.ByteArrayOutputStream()), new java.io.PrintStream(err, true),
                java.util.Map.of("HF_HUB_CACHE", dir.resolve("empty-cache").toString()));
        assertEquals(2, noModel);
        assertTrue(err.toString().contains("no --model DIR given, and the default model opus-mt-ar-en is not in the"
                + " Hugging Face cache (--no-fetch)"), err.toString());
        CommandRun unknown = CommandRun.of("translate", "--model", MODEL, "--bogus", "1");
        assertEquals(2, unknown.code());
        assertTrue(unknown.stderr().contains("unknown option --bogus"), unknown.stderr());
        assertEquals(1, unknown.stderr().lines().count());
        CommandRun noFolder = CommandRun.of("translate", "--model", dir.resolve("missing").toString());
        assertEquals(2, noFolder.code());
        assertTrue(noFolder.stderr().contains("model folder not found"), noFolder.stderr());
    }

    @Test
    void aBrokenModelFolderFailsWithExitOneNamingTheFile(@TempDir Path dir) throws Exception {
        Path model = Files.createDirectories(dir.resolve("model"));
        Files.writeString(model.resolve("config.json"), "{}");
        CommandRun o = CommandRun.of("translate", "--model", model.toString(), "-");
        assertEquals(1, o.code());
        assertTrue(o.stderr().contains(model.toString()), o.stderr());
    }
}
