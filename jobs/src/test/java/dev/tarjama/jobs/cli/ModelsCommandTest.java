package dev.tarjama.jobs.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tarjama.jobs.exit.ExitCode;
import dev.tarjama.jobs.support.TestPaths;
import dev.tarjama.models.hub.HubException;
import dev.tarjama.models.integrity.Hashing;
import dev.tarjama.models.integrity.Manifest;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelsCommandTest {
    static final String COMMIT = "1234567890abcdef1234567890abcdef12345678";
    @TempDir Path tmp;
    final ByteArrayOutputStream out = new ByteArrayOutputStream();
    final ByteArrayOutputStream err = new ByteArrayOutputStream();

    int models(Map<String, String> env, String... args) {
        String[] line = new String[args.length + 1];
        line[0] = "models";
        System.arraycopy(args, 0, line, 1, args.length);
        return Main.execute(line, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), env);
    }

    String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    int main(String... args) {
        return Main.execute(args, new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    Path catalog() throws IOException {
        Path file = tmp.resolve("catalog.json");
        Files.writeString(file, """
                {"models": [{"name": "tiny", "task": "translation", "default": true, "repo": "tarjama-test/tiny",
                  "revision": "%s", "revision_verified": true, "layout": "optimum",
                  "files": {"common": ["config.json", "tokenizer_config.json", "source.spm", "vocab.json"],
                            "fp32": ["encoder_model.onnx", "decoder_model.onnx", "decoder_with_past_model.onnx"]}}]}
                """.formatted(COMMIT));
        return file;
    }

    /** Lays out a cache as 'models fetch' leaves it: snapshots/{commit} with files and manifest. */
    Path seedCache() throws IOException {
        Path snapshot = tmp.resolve("cache/models--tarjama-test--tiny/snapshots").resolve(COMMIT);
        Files.createDirectories(snapshot);
        Path src = TestPaths.tinyModel("marian-spm");
        List<Manifest.Entry> entries = new ArrayList<>();
        for (String f : List.of("config.json", "tokenizer_config.json", "source.spm", "vocab.json", "target.spm",
                "generation_config.json", "encoder_model.onnx", "decoder_model.onnx", "decoder_with_past_model.onnx")) {
            Files.copy(src.resolve(f), snapshot.resolve(f));
            entries.add(new Manifest.Entry(f, Files.size(snapshot.resolve(f)), Hashing.sha256(snapshot.resolve(f)), null));
        }
        new Manifest("tarjama-test/tiny", COMMIT, COMMIT, "2026-01-01T00:00:00Z", "test", entries).write(snapshot);
        return snapshot;
    }

    @Test
    void listShowsWhereEachModelIsAndWhetherItVerifies() throws IOException {
        Map<String, String> env = Map.of("HF_HUB_CACHE", tmp.resolve("cache").toString());
        models(env, "list", "--catalog", catalog().toString());
        assertTrue(out().contains("tiny  translation (default)  tarjama-test/tiny@1234567890ab"), out());
        assertTrue(out().contains("fp32: not fetched"), out());

        Path snapshot = seedCache();
        out.reset();
        models(env, "list", "--catalog", catalog().toString());
        assertTrue(out().contains("fp32: verified, ") && out().contains(snapshot.toString()), out());

        Files.writeString(snapshot.resolve("vocab.json"), "{}");
        out.reset();
        models(env, "list", "--catalog", catalog().toString());
        assertTrue(out().contains("fp32: NOT VERIFIED: vocab.json: size"), out());
    }

    @Test
    void verifyPrepareAndPackByNameFromTheCache() throws IOException {
        Map<String, String> env = Map.of("HF_HUB_CACHE", tmp.resolve("cache").toString());
        seedCache();
        String cat = catalog().toString();

        assertEquals(0, models(env, "verify", "--catalog", cat, "--name", "tiny"));
        assertTrue(out().startsWith("verified 9 files against "), out());
        assertEquals(0, models(env, "prepare", "--catalog", cat, "--name", "tiny", "--out", tmp.resolve("ready").toString()));
        assertTrue(Files.isRegularFile(tmp.resolve("ready/tokenizer.json")));
        assertTrue(err().contains("wrote tokenizer.json from source.spm and vocab.json"), err());
        assertEquals(0, models(env, "pack", "--dir", tmp.resolve("ready").toString(), "--out", tmp.resolve("opus.zip").toString()));
        assertTrue(out().strip().endsWith(tmp.resolve("opus.zip").toString()), out());
        assertTrue(err().contains("--archives " + tmp.resolve("opus.zip") + "#opus"), err());
    }

    @Test
    void localExportWithoutManifestIsPreparedThenPacked() throws IOException {
        Path export = TestPaths.tinyModel("marian-spm");

        assertEquals(0, main("models", "prepare", "--dir", export.toString(), "--out", tmp.resolve("opus").toString()));
        assertEquals(0, main("models", "verify", "--dir", tmp.resolve("opus").toString()));
        assertEquals(0, main("models", "pack", "--dir", tmp.resolve("opus").toString(), "--out",
                tmp.resolve("opus.zip").toString()));
        assertEquals(ExitCode.FAILURE, main("models", "pack", "--dir", export.toString(), "--out",
                tmp.resolve("raw.zip").toString()));
        assertTrue(err().contains("has no manifest.json"), err());
    }

    @Test
    void alteredFolderFailsVerifyWithOneLineNamingTheFile() throws IOException {
        Path snapshot = seedCache();
        Files.write(snapshot.resolve("encoder_model.onnx"), new byte[] {0}, java.nio.file.StandardOpenOption.APPEND);

        assertEquals(ExitCode.FAILURE, main("models", "verify", "--dir", snapshot.toString()));

        assertTrue(err().startsWith("tarjama models verify: model folder " + snapshot + " failed verification: encoder_model.onnx: size"),
                err());
        assertEquals(1, err().strip().lines().count(), "one line");
    }

    @Test
    void offlineFetchWithoutCacheSaysSo() throws IOException {
        Map<String, String> env = Map.of("HF_HUB_CACHE", tmp.resolve("cache").toString(), "HF_HUB_OFFLINE", "1");

        assertEquals(ExitCode.FAILURE, models(env, "fetch", "--catalog", catalog().toString()));

        assertTrue(err().startsWith("tarjama models fetch: offline mode (HF_HUB_OFFLINE is set) and tarjama-test/tiny@"
                + COMMIT), err());
    }

    @Test
    void offlineFetchWithCachePrintsTheFolder() throws IOException {
        Path snapshot = seedCache();
        Map<String, String> env = Map.of("HF_HUB_CACHE", tmp.resolve("cache").toString(), "HF_HUB_OFFLINE", "1");

        assertEquals(0, models(env, "fetch", "--catalog", catalog().toString(), "--name", "tiny"));

        assertEquals(snapshot.toString(), out().strip());
    }

    @Test
    void builtInCatalogPlaceholderPinAndPlainHttpAreRefusedBeforeAnyRequest() {
        assertEquals(ExitCode.FAILURE, main("models", "fetch", "--name", "opus-mt-ar-en", "--cache-dir", tmp.toString()));
        assertTrue(err().contains("all-zero placeholder"), err());
        err.reset();
        assertEquals(ExitCode.FAILURE, main("models", "fetch", "--endpoint", "http://hub.example.org", "--cache-dir",
                tmp.toString()));
        assertTrue(err().contains("refusing endpoint http://hub.example.org"), err());
    }

    @Test
    void badUsageIsExitCodeTwo() {
        assertEquals(ExitCode.USAGE, main("models", "frobnicate"));
        assertEquals(ExitCode.USAGE, main("models", "verify"));
        assertTrue(err().contains("give exactly one of --dir DIR or --name NAME"), err());
        assertEquals(ExitCode.USAGE, main("models", "fetch", "--precision", "fp16"));
        assertEquals(ExitCode.USAGE, main("models", "pack", "--dir", tmp.toString(), "--out", "x.tar"));
    }
}
