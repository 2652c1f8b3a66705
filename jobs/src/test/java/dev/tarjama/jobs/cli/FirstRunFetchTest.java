package dev.tarjama.jobs.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tarjama.jobs.batch.RunReport;
import dev.tarjama.jobs.exit.ExitCode;
import dev.tarjama.jobs.support.FakeHubProcess;
import dev.tarjama.jobs.support.TestPaths;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The first-run fetch against the loopback hub, through {@code HF_ENDPOINT} as a user's machine
 * reaches the real one: {@code run} and {@code translate} without a model fetch the catalog's
 * default model into the Hugging Face cache on first use, then use the cache.
 */
@Tag("spark")
class FirstRunFetchTest {
    static final String REPO = "Xenova/opus-mt-ar-en";
    @TempDir static Path tmp;
    static FakeHubProcess hub;

    @BeforeAll
    static void startHub() throws Exception {
        hub = FakeHubProcess.serve(tmp.resolve("hub.log"), REPO + "=" + TestPaths.tinyModel("marian-xenova"),
                "Xenova/distilbart-cnn-6-6=" + TestPaths.tinyModel("bart-xenova"));
    }

    @AfterAll
    static void stopHub() throws Exception {
        hub.close();
    }

    record Result(int code, String out, String err) {}

    static Result tarjama(Map<String, String> env, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.execute(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), env);
        return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    static String[] runArgs(Path output, String... more) {
        List<String> args = new ArrayList<>(List.of("run",
                "--input", TestPaths.repoRoot().resolve("conf/samples/articles.jsonl").toString(),
                "--output", output.toString(), "--set", "exec.master=local[2]", "--set", "generation.num_beams=1",
                "--set", "generation.max_new_tokens=16"));
        args.addAll(List.of(more));
        return args.toArray(String[]::new);
    }

    static JsonNode report(Path output) throws Exception {
        try (Stream<Path> runs = Files.list(output.resolve("_runs"))) {
            return RunReport.parse(Files.readString(runs.findFirst().orElseThrow().resolve("report.json"))).json();
        }
    }

    @Test
    void runFetchesTheDefaultModelOnFirstUseThenTranslatesAndLaterUsesTakeItFromTheCache() throws Exception {
        assertFalse(Files.exists(Path.of("models/opus-mt-ar-en")), "the default model folder is missing here");
        Map<String, String> env = Map.of("HF_ENDPOINT", hub.endpoint(), "HF_HUB_CACHE", tmp.resolve("run-cache").toString());

        Result first = tarjama(env, runArgs(tmp.resolve("out1")));

        assertEquals(ExitCode.OK, first.code(), first.err());
        assertTrue(first.err().contains("first use: fetching the default translation model opus-mt-ar-en (" + REPO
                + ", fp32) into the Hugging Face cache " + tmp.resolve("run-cache")), first.err());
        assertTrue(first.err().contains("fetching " + REPO + "@" + hub.commit(REPO).substring(0, 12)
                + ": 6 of 6 files to download, "), "what it fetches and how large: " + first.err());
        assertTrue(first.err().contains("[6/6] onnx/decoder_model_merged.onnx"), "progress per file: " + first.err());
        JsonNode model = report(tmp.resolve("out1")).path("models").get(0);
        assertEquals(REPO, model.path("names").get(0).path("name").asText(), "rows name the fetched model");
        assertEquals(hub.commit(REPO), model.path("names").get(0).path("revision").asText());
        assertEquals("hub-cache", model.path("verification").asText());
        long articles = Files.readAllLines(TestPaths.repoRoot().resolve("conf/samples/articles.jsonl")).stream()
                .filter(l -> !l.isBlank()).count();
        assertEquals(articles, report(tmp.resolve("out1")).path("counts").path("ok").asLong(), "then it translates");

        int served = hub.requests().size();
        Path input = Files.writeString(tmp.resolve("later.txt"), "قال الوزير\n");
        Result later = tarjama(env, "translate", "--beams", "1", "--max-new-tokens", "8", input.toString());

        assertEquals(ExitCode.OK, later.code(), later.err());
        assertTrue(later.err().contains("using the default translation model opus-mt-ar-en (" + REPO
                + ", fp32) from the Hugging Face cache"), later.err());
        assertEquals(served, hub.requests().size(), "later uses ask the hub nothing");
    }

    @Test
    void noFetchOrOfflineKeepsTheMissingModelMessageAndAsksTheHubNothing() throws Exception {
        int served = hub.requests().size();
        Map<String, String> env = Map.of("HF_ENDPOINT", hub.endpoint(), "HF_HUB_CACHE", tmp.resolve("empty").toString());

        Result noFetch = tarjama(env, runArgs(tmp.resolve("out3"), "--no-fetch"));
        Map<String, String> offlineEnv = new java.util.HashMap<>(env);
        offlineEnv.put("HF_HUB_OFFLINE", "1");
        Result offline = tarjama(offlineEnv, runArgs(tmp.resolve("out4")));

        for (Result r : List.of(noFetch, offline)) {
            assertEquals(ExitCode.FAILURE, r.code(), r.err());
            assertTrue(r.err().contains("translation model not found at models/opus-mt-ar-en (model.translation.dir)"),
                    r.err());
        }
        assertEquals(served, hub.requests().size());
    }

    @Test
    void aConfiguredModelFolderThatIsMissingIsNeverReplacedByTheDefaultModel() throws Exception {
        Map<String, String> env = Map.of("HF_ENDPOINT", hub.endpoint(), "HF_HUB_CACHE", tmp.resolve("run-cache").toString());

        Result r = tarjama(env, runArgs(tmp.resolve("out5"), "--set", "model.translation.dir=" + tmp.resolve("mine")));

        assertEquals(ExitCode.FAILURE, r.code(), r.err());
        assertTrue(r.err().contains("translation model not found at " + tmp.resolve("mine")), r.err());
        assertFalse(r.err().contains("fetching"), r.err());
    }

    @Test
    void translateWithoutAModelFetchesTheDefaultOnFirstUse() throws Exception {
        Path input = Files.writeString(tmp.resolve("lines.txt"), "قال الوزير\nارتفعت الأسعار\n");
        Map<String, String> env = Map.of("HF_ENDPOINT", hub.endpoint(), "HF_HUB_CACHE", tmp.resolve("cli-cache").toString());

        Result r = tarjama(env, "translate", "--beams", "1", "--max-new-tokens", "8", "--read-timeout", "5",
                input.toString());

        assertEquals(ExitCode.OK, r.code(), r.err());
        assertTrue(r.err().contains("first use: fetching the default translation model opus-mt-ar-en"), r.err());
        assertEquals(2, r.out().strip().lines().count(), r.out());
    }

    @Test
    void summarizeWithoutAModelOrExtractiveFetchesTheDefaultSummarizerOnFirstUse() throws Exception {
        Path input = Files.writeString(tmp.resolve("english.txt"), "The minister said the talks would resume.\n");
        Map<String, String> env = Map.of("HF_ENDPOINT", hub.endpoint(), "HF_HUB_CACHE", tmp.resolve("sum-cache").toString());

        Result r = tarjama(env, "summarize", "--beams", "1", input.toString());

        assertEquals(ExitCode.OK, r.code(), r.err());
        assertTrue(r.err().contains("first use: fetching the default summarization model distilbart-cnn-6-6"
                + " (Xenova/distilbart-cnn-6-6, fp32)"), r.err());
        assertEquals(1, r.out().strip().lines().count(), r.out());
    }
}
