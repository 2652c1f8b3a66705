package dev.tarjama.models.hub;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tarjama.models.ModelLoadException;
import dev.tarjama.models.integrity.Hashing;
import dev.tarjama.models.integrity.ModelVerifier;
import dev.tarjama.models.integrity.Verification;
import dev.tarjama.models.onnx.ModelBundle;
import dev.tarjama.models.onnx.ModelOptions;
import dev.tarjama.models.translate.ModelIdentity;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A cache written by huggingface_hub (Python), reproduced byte for byte as its
 * {@code _hf_hub_download_to_cache_dir} lays it out: blobs named by sha256 (LFS) or git blob
 * sha1, relative links from {@code snapshots/<commit>/} into {@code blobs/}, {@code refs/main}
 * holding the commit without a newline, {@code .locks/}, and no file of Tarjama's anywhere.
 */
class HuggingfaceCacheLayoutTest {
    static final String REPO = "Xenova/opus-mt-ar-en";
    static final String COMMIT = "5c0ef1f6d1b2d0a7a0e4b3c1f8e9d7c6b5a49382";
    static final String ENCODER = "onnx/encoder_model.onnx";
    static final List<String> FP32 = List.of("config.json", "generation_config.json", "tokenizer.json",
            "tokenizer_config.json", ENCODER, "onnx/decoder_model_merged.onnx");

    @TempDir Path cache;
    Path snapshot;

    @BeforeEach
    void writeAsHuggingfaceHubDoes() throws IOException {
        Path source = TinyModels.folder("marian-xenova");
        Path repo = cache.resolve("models--Xenova--opus-mt-ar-en");
        snapshot = repo.resolve("snapshots").resolve(COMMIT);
        for (String file : FP32) {
            Path src = source.resolve(file);
            String blobName = FakeHub.isLfs(file) ? Hashing.sha256(src) : Hashing.gitBlobSha1(src);
            Path blob = repo.resolve("blobs").resolve(blobName);
            Files.createDirectories(blob.getParent());
            Files.copy(src, blob);
            Path link = snapshot.resolve(file);
            Files.createDirectories(link.getParent());
            // huggingface_hub: os.symlink(os.path.relpath(blob, os.path.dirname(link)), link)
            Files.createSymbolicLink(link, link.getParent().relativize(blob));
            Files.createDirectories(cache.resolve(".locks/models--Xenova--opus-mt-ar-en"));
        }
        Files.createDirectories(repo.resolve("refs"));
        Files.writeString(repo.resolve("refs/main"), COMMIT, StandardCharsets.UTF_8);
    }

    ModelFetcher offline() throws HubException {
        return new ModelFetcher(HubSettings.builder().optCacheDir(cache).optOffline(true).build(), ProgressListener.NONE);
    }

    @Test
    void offlineModeUsesASnapshotHuggingfaceHubWroteAndTheModelLoadsVerified() throws IOException {
        assertEquals("../../../blobs", Files.readSymbolicLink(snapshot.resolve(ENCODER)).getParent().toString());

        FetchResult r = offline().fetch(REPO, "main", FP32);

        assertEquals(snapshot, r.folder());
        assertEquals(COMMIT, r.commit());
        assertTrue(r.fromCache());
        assertEquals(Verification.HUB_CACHE, ModelVerifier.verifyForLoad(r.folder()));
        try (ModelBundle bundle = ModelBundle.load(r.folder(), ModelOptions.defaults())) {
            assertTrue(bundle.tokenizer().encode("قال الوزير").length > 1);
        }
        assertEquals(new ModelIdentity(REPO, COMMIT, Verification.HUB_CACHE), ModelIdentity.of(r.folder()));
        try (Stream<Path> all = Files.walk(cache)) {
            assertTrue(all.noneMatch(p -> p.getFileName().toString().contains("tarjama")
                    || p.getFileName().toString().equals("manifest.json")), "reading the cache writes nothing into it");
        }
    }

    @Test
    void corruptedBlobIsRefusedOfflineAndAtLoadNamingTheFile() throws IOException {
        Path blob = snapshot.resolve(ENCODER).getParent().resolve(Files.readSymbolicLink(snapshot.resolve(ENCODER))).normalize();
        byte[] bytes = Files.readAllBytes(blob);
        bytes[bytes.length / 2] ^= 1;
        Files.write(blob, bytes);

        HubException offline = assertThrows(HubException.class, () -> offline().fetch(REPO, "main", FP32));
        assertTrue(offline.getMessage().contains(ENCODER + ": blob " + blob.getFileName() + " holds content with sha256"),
                offline.getMessage());
        ModelLoadException load = assertThrows(ModelLoadException.class,
                () -> ModelBundle.load(snapshot, ModelOptions.defaults()));
        assertTrue(load.getMessage().startsWith(ENCODER + ": ") && load.getMessage().contains("corrupted"),
                load.getMessage());
    }

    @Test
    void aCopyInsteadOfALinkCannotBeCheckedAndLoadsUnverified() throws IOException {
        Path config = snapshot.resolve("config.json");
        byte[] bytes = Files.readAllBytes(config);
        Files.delete(config);
        Files.write(config, bytes); // huggingface_hub copies where the file system has no links

        assertFalse(offline().cached(REPO, "main", FP32).isPresent(), "offline fetch wants every file checkable");
        assertEquals(Verification.UNVERIFIED, ModelVerifier.verifyForLoad(snapshot));
        assertEquals(Verification.UNVERIFIED, ModelIdentity.of(snapshot).verification());
    }

    @Test
    void onlineFetchCompletesAPythonSnapshotWithLinksAndPutsItsManifestOutside() throws IOException {
        try (FakeHub hub = new FakeHub()) {
            String commit = hub.addRepo(REPO, TinyModels.folder("marian-xenova"));
            Path other = cache.resolve("models--Xenova--opus-mt-ar-en/snapshots").resolve(commit);
            Files.createDirectories(other);
            Path python = snapshot.resolve("config.json");
            Files.createSymbolicLink(other.resolve("config.json"), other.relativize(
                    python.getParent().resolve(Files.readSymbolicLink(python)).normalize()));
            HubSettings settings = HubSettings.builder().optEndpoint(hub.endpoint()).optCacheDir(cache).build();

            FetchResult r = new ModelFetcher(settings, ProgressListener.NONE).fetch(REPO, "main", FP32);

            assertEquals(other, r.folder());
            assertFalse(r.downloaded().contains("config.json"), "the blob Python fetched is reused: " + r.downloaded());
            try (Stream<Path> files = Files.walk(r.folder())) {
                assertTrue(files.filter(p -> !Files.isDirectory(p)).allMatch(Files::isSymbolicLink));
            }
            assertEquals(commit, Files.readString(cache.resolve("models--Xenova--opus-mt-ar-en/refs/main")));
            assertTrue(Files.isRegularFile(cache.resolve("models--Xenova--opus-mt-ar-en/.tarjama/" + commit
                    + "/manifest.json")));
        }
    }
}
