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

    /**
     * Lays out a cache as 'models fetch' (and huggingface_hub) leave it: blobs named by sha256 (LFS
     * files) or git blob sha1, relative links in snapshots/{commit}, Tarjama's manifest beside the
     * snapshots in .tarjama/{commit}.
     */
    Path seedCache() throws IOException {
        Path repo = tmp.resolve("cache/models--tarjama-test--tiny");
        Path snapshot = repo.resolve("snapshots").resolve(COMMIT);
        Files.createDirectories(snapshot);
        Files.createDirectories(repo.resolve("blobs"));
        Path src = TestPaths.tinyModel("marian-spm");
        List<Manifest.Entry> entries = new ArrayList<>();
        for (String f : List.of("config.json", "tokenizer_config.json", "source.spm", "vocab.json", "target.spm",
                "generation_config.json", "encoder_model.onnx", "decoder_model.onnx", "decoder_with_past_model.onnx")) {
            boolean lfs = f.endsWith(".onnx") || f.endsWith(".spm");
            String blob = lfs ? Hashing.sha256(src.resolve(f)) : Hashing.gitBlobSha1(src.resolve(f));
            Files.copy(src.resolve(f), repo.resolve("blobs").resolve(blob));
            Files.createSymbolicLink(snapshot.resolve(f), Path.of("../../blobs", blob));
            entries.add(new Manifest.Entry(f, Files.size(snapshot.resolve(f)), Hashing.sha256(snapshot.resolve(f)), blob));
        }
        Path manifestFolder = Files.createDirectories(repo.resolve(".tarjama").resolve(COMMIT));
        new Manifest("tarjama-test/tiny", COMMIT, COMMIT, "2026-01-01T00:00:00Z", "test", entries).write(manifestFolder);
        return snapshot;
    }

    /** A copy of a bundled tiny model without its manifest: a local export as Optimum leaves it. */
    Path export(String name) throws IOException {
        return TestPaths.handMadeCopy(name, tmp.resolve("export-" + name));
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

        Files.writeString(snapshot.resolve("vocab.json"), "{}"); // through the link, into the blob
        out.reset();
        models(env, "list", "--catalog", catalog().toString());
        assertTrue(out().contains("fp32: NOT VERIFIED: vocab.json: blob "), out());
    }

    @Test
    void verifyPrepareAndPackByNameFromTheCache() throws IOException {
        Map<String, String> env = Map.of("HF_HUB_CACHE", tmp.resolve("cache").toString());
        seedCache();
        String cat = catalog().toString();

        assertEquals(0, models(env, "verify", "--catalog", cat, "--name", "tiny"));
        assertTrue(out().startsWith("verified 9 files against the hashes their cache blobs are named by"
                + " (tarjama-test/tiny@" + COMMIT + ")"), out());
        assertEquals(0, models(env, "prepare", "--catalog", cat, "--name", "tiny", "--out", tmp.resolve("ready").toString()));
        assertTrue(Files.isRegularFile(tmp.resolve("ready/tokenizer.json")));
        assertTrue(err().contains("wrote tokenizer.json from source.spm and vocab.json"), err());
        assertEquals(0, models(env, "pack", "--dir", tmp.resolve("ready").toString(), "--out", tmp.resolve("opus.zip").toString()));
        assertTrue(out().strip().endsWith(tmp.resolve("opus.zip").toString()), out());
        assertTrue(err().contains("--archives " + tmp.resolve("opus.zip") + "#opus"), err());
    }

    @Test
    void localExportWithoutManifestIsPreparedThenPacked() throws IOException {
        Path export = export("marian-spm");

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

        assertTrue(err().startsWith("tarjama models verify: model folder " + snapshot + " failed verification:"
                + " encoder_model.onnx: blob "), err());
        assertTrue(err().contains("(corrupted or altered in the cache)"), err());
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
    void plainHttpIsRefusedBeforeAnyRequest() {
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

    @Test
    void lookupsByNameFollowRefsOfTheRevisionAFetchRecorded() throws IOException {
        Path file = tmp.resolve("unpinned.json");
        Files.writeString(file, Files.readString(catalog()).replace(COMMIT, "0".repeat(40))
                .replace("\"revision_verified\": true", "\"revision_verified\": false"));
        Path snapshot = seedCache();
        Map<String, String> env = Map.of("HF_HUB_CACHE", tmp.resolve("cache").toString());
        String cat = file.toString();

        models(env, "list", "--catalog", cat);
        assertTrue(out().contains("fp32: not fetched (no refs/main)"), out());
        Files.createDirectories(tmp.resolve("cache/models--tarjama-test--tiny/refs"));
        Files.writeString(tmp.resolve("cache/models--tarjama-test--tiny/refs/main"), COMMIT); // as 'fetch --revision main' leaves it
        out.reset();
        models(env, "list", "--catalog", cat);
        assertTrue(out().contains("fp32: verified, ") && out().contains("commit 1234567890ab  " + snapshot), out());
        out.reset();
        assertEquals(0, models(env, "verify", "--catalog", cat, "--name", "tiny"), err());
        assertTrue(out().contains("tarjama-test/tiny@" + COMMIT), out());
        assertEquals(0, models(env, "verify", "--catalog", cat, "--name", "tiny", "--revision", COMMIT), err());
        assertEquals(ExitCode.FAILURE, models(env, "verify", "--catalog", cat, "--name", "tiny", "--revision", "v2"));
        assertTrue(err().contains("tiny at v2 is not in the cache") && err().contains("--revision v2"), err());
        out.reset();
        models(env, "list", "--catalog", cat, "--revision", "v2");
        assertTrue(out().contains("fp32: not fetched (no refs/v2)"), out());
    }

    @Test
    void sealWritesAManifestSoTheFolderIsVerifiedFromThenOn() throws IOException {
        Path export = export("marian-xenova");
        assertEquals(ExitCode.FAILURE, main("models", "verify", "--dir", export.toString()));

        assertEquals(0, main("models", "seal", "--dir", export.toString(), "--source", "exports/opus"));
        assertEquals(0, main("models", "verify", "--dir", export.toString()), err());
        assertEquals(ExitCode.USAGE, main("models", "seal", "--dir", export.toString()), "no silent overwrite");
        Files.writeString(export.resolve("generation_config.json"), "{}");
        err.reset();
        assertEquals(ExitCode.FAILURE, main("models", "verify", "--dir", export.toString()));
        assertTrue(err().contains("generation_config.json: size"), err());
    }

    @Test
    void readTimeoutMustBePositive() {
        assertEquals(ExitCode.USAGE, main("models", "fetch", "--read-timeout", "0", "--cache-dir", tmp.toString()));
        assertTrue(err().contains("--read-timeout must be a positive number of seconds"), err());
    }
}
