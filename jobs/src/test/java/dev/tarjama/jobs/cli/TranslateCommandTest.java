package dev.tarjama.jobs.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tarjama.jobs.support.TestPaths;
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

    private static final String LONG_SENTENCE =
            "وصل الرئيس إلى القاهرة في زيارة رسمية تستغرق يومين، يلتقي خلالها عددا من المسؤولين.";

    @Test
    void aSentenceCutByMaxNewTokensIsFlaggedMaxLengthInJson(@TempDir Path dir) throws Exception {
        Path input = dir.resolve("in.txt");
        Files.writeString(input, LONG_SENTENCE + "\n");
        // The model's own settings (4 beams, forced EOS): the 8th token is the forced EOS.
        CommandRun o = CommandRun.of("translate", "--model", MODEL, "--max-new-tokens", "8", "--json", input.toString());
        assertEquals(0, o.code(), o.stderr());
        JsonNode json = new ObjectMapper().readTree(o.stdout().get(0));
        assertEquals(8, json.get("ids").size());
        assertEquals(0, json.get("ids").get(7).asInt(), "ends with the forced EOS");
        assertEquals("[\"max_length\"]", json.get("segments").get(0).get("notes").toString());
        CommandRun raw = CommandRun.of("translate", "--model", MODEL, "--raw", "--max-new-tokens", "8", "--json",
                input.toString());
        assertEquals("[\"max_length\"]", new ObjectMapper().readTree(raw.stdout().get(0)).get("notes").toString());
    }

    @Test
    void setTurnsTheSourceCapOffAndTheOutputIsTheReferenceDecoders(@TempDir Path dir) throws Exception {
        // goldens/marian-semantics.json, folder_max_new_40: the folder's settings, 40 new tokens, no cap.
        JsonNode goldens = new ObjectMapper().readTree(TestPaths.repoRoot()
                .resolve("models/tiny/goldens/marian-semantics.json").toFile());
        StringBuilder lines = new StringBuilder();
        for (JsonNode c : goldens.get("cases")) {
            lines.append(c.get("text").asText()).append('\n');
        }
        Path input = dir.resolve("in.txt");
        Files.writeString(input, lines);
        CommandRun off = CommandRun.of("translate", "--model", MODEL, "--raw", "--json", "--max-new-tokens", "40",
                "--set", "generation.max_length_per_source_token=0", input.toString());
        CommandRun capped = CommandRun.of("translate", "--model", MODEL, "--raw", "--json", "--max-new-tokens", "40",
                input.toString());
        assertEquals(0, off.code(), off.stderr());
        ObjectMapper mapper = new ObjectMapper();
        int bound = 0;
        for (int i = 0; i < goldens.get("cases").size(); i++) {
            JsonNode golden = goldens.get("cases").get(i).path("outputs").path("folder_max_new_40").path("beam").get("ids");
            assertEquals(golden, mapper.readTree(off.stdout().get(i)).get("ids"), "case " + i);
            JsonNode cut = mapper.readTree(capped.stdout().get(i));
            if (!cut.get("ids").equals(golden)) {
                bound++;
                assertTrue(cut.get("ids").size() < golden.size(), "the cap only shortens: case " + i);
                assertEquals("[\"max_length\"]", cut.get("notes").toString());
            }
        }
        assertTrue(bound >= 3, "the default cap bound on " + bound + " inputs");
    }

    @Test
    void setTakesOnlyGenerationKeysWithValuesOfTheirType() {
        CommandRun job = CommandRun.of("translate", "--model", MODEL, "--set", "batch.max_rows=3", "-");
        assertEquals(2, job.code());
        assertTrue(job.stderr().contains("'batch.max_rows' is not one of them"), job.stderr());
        CommandRun bad = CommandRun.of("translate", "--model", MODEL, "--set", "generation.max_length_offset=-1", "-");
        assertEquals(2, bad.code());
        assertTrue(bad.stderr().contains("generation.max_length_offset"), bad.stderr());
    }

    @Test
    void aModelWhoseSettingsTarjamaCannotHonourIsRefusedNamingTheKey(@TempDir Path dir) throws Exception {
        Path model = dir.resolve("model");
        Files.createDirectories(model.resolve("onnx"));
        Path source = Path.of(MODEL);
        try (var files = Files.walk(source)) {
            for (Path f : files.filter(Files::isRegularFile).filter(f -> !f.toString().contains("quantized"))
                    .filter(f -> !f.getFileName().toString().equals("manifest.json")).toList()) { // an altered copy
                Files.copy(f, model.resolve(source.relativize(f).toString()));
            }
        }
        Path generation = model.resolve("generation_config.json");
        Files.writeString(generation, Files.readString(generation).replaceFirst("\\{", "{\"do_sample\": true, "));
        CommandRun o = CommandRun.of("translate", "--model", model.toString(), "-");
        assertEquals(1, o.code(), o.stderr());
        assertTrue(o.stderr().contains("do_sample=true in " + generation + " (sampling)"), o.stderr());
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
