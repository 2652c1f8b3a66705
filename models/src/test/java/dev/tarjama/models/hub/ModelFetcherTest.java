package dev.tarjama.models.hub;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tarjama.models.integrity.Hashing;
import dev.tarjama.models.integrity.Manifest;
import dev.tarjama.models.integrity.ModelIntegrityException;
import dev.tarjama.models.integrity.ModelVerifier;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Fetching from a loopback hub: nothing in the download path is mocked. */
class ModelFetcherTest {
    static final String REPO = "tarjama-test/marian-xenova";
    static final String ENCODER = "onnx/encoder_model.onnx";
    static final List<String> FP32 = List.of("config.json", "generation_config.json", "tokenizer.json",
            "tokenizer_config.json", ENCODER, "onnx/decoder_model_merged.onnx");

    @TempDir Path cache;
    FakeHub hub;
    String commit;
    Path source;

    @BeforeEach
    void start() throws IOException {
        hub = new FakeHub();
        source = TinyModels.folder("marian-xenova");
        commit = hub.addRepo(REPO, source);
    }

    @AfterEach
    void stop() {
        hub.close();
    }

    HubSettings.Builder settings() throws HubException {
        return HubSettings.builder().optEndpoint(hub.endpoint()).optCacheDir(cache).optTimeout(Duration.ofSeconds(10))
                .optRetryWait(Duration.ofMillis(50));
    }

    ModelFetcher fetcher(HubSettings.Builder b) throws HubException {
        return new ModelFetcher(b.build(), ProgressListener.NONE);
    }

    @Test
    void fetchPublishesHubCacheLayoutWithManifestAndIdenticalBytes() throws IOException {
        FetchResult r = fetcher(settings()).fetch(REPO, "main", FP32);

        assertEquals(commit, r.commit());
        assertEquals(cache.resolve("models--tarjama-test--marian-xenova/snapshots/" + commit), r.folder());
        assertEquals(commit, Files.readString(cache.resolve("models--tarjama-test--marian-xenova/refs/main")));
        assertEquals(FP32.size(), r.downloaded().size());
        for (String f : FP32) {
            assertArrayEquals(Files.readAllBytes(source.resolve(f)), Files.readAllBytes(r.folder().resolve(f)), f);
            assertTrue(Files.isSymbolicLink(r.folder().resolve(f)), f + " links into blobs/ as in huggingface_hub");
        }
        Path encoderBlob = cache.resolve("models--tarjama-test--marian-xenova/blobs/"
                + Hashing.sha256(source.resolve(ENCODER)));
        assertTrue(Files.isRegularFile(encoderBlob), "LFS blobs are named by their sha256");
        Path configBlob = cache.resolve("models--tarjama-test--marian-xenova/blobs/"
                + Hashing.gitBlobSha1(source.resolve("config.json")));
        assertTrue(Files.isRegularFile(configBlob), "small files are named by their git blob sha1");

        try (Stream<Path> inSnapshot = Files.walk(r.folder())) {
            assertTrue(inSnapshot.filter(p -> !Files.isDirectory(p)).allMatch(Files::isSymbolicLink),
                    "nothing of Tarjama's inside snapshots/<commit>: huggingface_hub would count it as a repository file");
        }
        Path manifestFolder = cache.resolve("models--tarjama-test--marian-xenova/.tarjama/" + commit);
        assertTrue(Manifest.exists(manifestFolder), "Tarjama's manifest lives beside the snapshots, where huggingface_hub"
                + " does not look");
        Manifest m = ModelVerifier.verify(r.folder(), FP32);
        assertEquals(REPO, m.repo());
        assertEquals("main", m.revision());
        assertEquals(commit, m.commit());
        assertEquals(Hashing.sha256(source.resolve(ENCODER)), m.entry(ENCODER).orElseThrow().sha256());
        assertEquals(Files.size(source.resolve(ENCODER)), m.entry(ENCODER).orElseThrow().size());
        assertFalse(m.fetchedAt().isEmpty());
        try (Stream<Path> blobs = Files.list(cache.resolve("models--tarjama-test--marian-xenova/blobs"))) {
            assertTrue(blobs.noneMatch(p -> p.toString().endsWith(".incomplete")));
        }
    }

    @Test
    void pinnedCommitAlreadyCachedNeedsNoNetwork() throws IOException {
        fetcher(settings()).fetch(REPO, commit, FP32);
        hub.clearRequests();

        FetchResult again = fetcher(settings()).fetch(REPO, commit, FP32);

        assertTrue(again.fromCache());
        assertEquals(List.of(), hub.requests());
    }

    @Test
    void droppedConnectionResumesWithRangeRequest() throws IOException {
        long size = Files.size(source.resolve(ENCODER));
        hub.dropAfter(ENCODER, 40_000, 1);

        FetchResult r = fetcher(settings()).fetch(REPO, "main", FP32);

        assertArrayEquals(Files.readAllBytes(source.resolve(ENCODER)), Files.readAllBytes(r.folder().resolve(ENCODER)));
        String sha = Hashing.sha256(source.resolve(ENCODER));
        List<FakeHub.Request> gets = hub.requests().stream()
                .filter(q -> q.server().equals("cdn") && q.method().equals("GET") && q.path().endsWith(sha))
                .toList();
        assertEquals(2, gets.size(), "one dropped transfer, one resumed: " + gets);
        assertNull(gets.get(0).range());
        // The client resumes at what reached it: at most the 40,000 bytes sent (a reset connection may lose some).
        long resumedAt = Long.parseLong(gets.get(1).range().replaceAll("bytes=(\\d+)-", "$1"));
        assertTrue(resumedAt > 0 && resumedAt <= 40_000 && size > 40_000, gets.get(1).range());
        ModelVerifier.verify(r.folder(), FP32);
    }

    @Test
    void interruptedFetchLeavesNoSnapshotAndTheNextRunResumes() throws IOException {
        hub.dropAfter(ENCODER, 40_000, 1);
        HubException e = assertThrows(HubException.class,
                () -> fetcher(settings().optAttempts(1)).fetch(REPO, "main", FP32));
        assertTrue(e.getMessage().contains("connection dropped while downloading " + ENCODER), e.getMessage());

        Path repoDir = cache.resolve("models--tarjama-test--marian-xenova");
        assertFalse(Files.exists(repoDir.resolve("snapshots").resolve(commit)), "nothing looks complete");
        Path partial = repoDir.resolve("blobs").resolve(Hashing.sha256(source.resolve(ENCODER)) + ".incomplete");
        long kept = Files.size(partial);
        assertTrue(kept > 0 && kept <= 40_000, "kept " + kept);
        hub.clearRequests();

        FetchResult r = fetcher(settings()).fetch(REPO, "main", FP32);

        assertTrue(hub.requests().stream().anyMatch(q -> ("bytes=" + kept + "-").equals(q.range())),
                "resumed in a new run: " + hub.requests());
        ModelVerifier.verify(r.folder(), FP32);
        assertFalse(Files.exists(partial));
    }

    @Test
    void corruptedDownloadIsDetectedAndFetchedAgain() throws IOException {
        hub.corrupt(ENCODER, 1);
        hub.corrupt("tokenizer.json", 1);
        List<String> notes = new java.util.ArrayList<>();
        ProgressListener listener = new ProgressListener() {
            @Override
            public void note(String message) {
                notes.add(message);
            }
        };

        FetchResult r = new ModelFetcher(settings().build(), listener).fetch(REPO, "main", FP32);

        ModelVerifier.verify(r.folder(), FP32);
        assertArrayEquals(Files.readAllBytes(source.resolve(ENCODER)), Files.readAllBytes(r.folder().resolve(ENCODER)));
        assertTrue(notes.stream().anyMatch(n -> n.startsWith(ENCODER + ": downloaded bytes do not match")), notes.toString());
        assertTrue(notes.stream().anyMatch(n -> n.startsWith("tokenizer.json: downloaded bytes do not match")),
                "small files are checked against the git blob sha1: " + notes);
    }

    @Test
    void persistentCorruptionFailsNamingTheFileAndPublishesNothing() throws IOException {
        hub.corrupt(ENCODER, 100);

        ModelIntegrityException e = assertThrows(ModelIntegrityException.class,
                () -> fetcher(settings().optAttempts(2)).fetch(REPO, "main", FP32));

        assertEquals(ENCODER, e.file());
        assertTrue(e.getMessage().contains("do not match the hub's hash"), e.getMessage());
        Path repoDir = cache.resolve("models--tarjama-test--marian-xenova");
        assertFalse(Files.exists(repoDir.resolve("snapshots").resolve(commit)));
        String sha = Hashing.sha256(source.resolve(ENCODER));
        try (Stream<Path> blobs = Files.list(repoDir.resolve("blobs"))) {
            assertTrue(blobs.noneMatch(p -> p.getFileName().toString().startsWith(sha)), "no corrupted blob is kept");
        }
    }

    @Test
    void cachedFileCorruptedOnDiskIsFetchedAgain() throws IOException {
        FetchResult first = fetcher(settings()).fetch(REPO, commit, FP32);
        Path encoder = first.folder().resolve(ENCODER);
        byte[] bytes = Files.readAllBytes(encoder);
        bytes[100] ^= 1;
        Files.write(encoder, bytes); // writes through the link into the blob
        hub.clearRequests();

        FetchResult again = fetcher(settings()).fetch(REPO, commit, FP32);

        assertEquals(List.of(ENCODER), again.downloaded());
        ModelVerifier.verify(again.folder(), FP32);
    }

    @Test
    void fileAlteredAfterFetchIsRefusedNamingIt() throws IOException {
        FetchResult r = fetcher(settings()).fetch(REPO, "main", FP32);
        Path config = r.folder().resolve("config.json");
        String text = Files.readString(config).replace("\"d_model\": 16", "\"d_model\": 17");
        Files.writeString(config, text);

        ModelIntegrityException e = assertThrows(ModelIntegrityException.class, () -> ModelVerifier.verify(r.folder()));

        assertEquals("config.json", e.file());
        assertTrue(e.getMessage().contains("config.json: ") && e.getMessage().contains("altered"), e.getMessage());
    }

    @Test
    void offlineWithoutCacheFailsClearlyWithoutTouchingTheNetwork() throws IOException {
        HubException e = assertThrows(HubException.class,
                () -> fetcher(settings().optOffline(true)).fetch(REPO, "main", FP32));

        assertTrue(e.getMessage().startsWith("offline mode (HF_HUB_OFFLINE is set) and " + REPO + "@main is not"),
                e.getMessage());
        assertTrue(e.getMessage().contains(cache.toString()));
        assertEquals(List.of(), hub.requests());
    }

    @Test
    void offlineWithCacheUsesTheRefAndTheSnapshot() throws IOException {
        Path online = fetcher(settings()).fetch(REPO, "main", FP32).folder();
        hub.clearRequests();

        FetchResult offline = fetcher(settings().optOffline(true)).fetch(REPO, "main", FP32);

        assertEquals(online, offline.folder());
        assertTrue(offline.fromCache());
        assertEquals(List.of(), hub.requests());
    }

    @Test
    void secondPrecisionIsAddedToTheSameSnapshot() throws IOException {
        List<String> int8 = List.of("config.json", "onnx/encoder_model_quantized.onnx",
                "onnx/decoder_model_merged_quantized.onnx");
        Path a = fetcher(settings()).fetch(REPO, "main", FP32).folder();
        Path b = fetcher(settings()).fetch(REPO, "main", int8).folder();

        assertEquals(a, b);
        Manifest m = ModelVerifier.verify(b, FP32);
        ModelVerifier.verify(b, int8);
        assertEquals(FP32.size() + 2, m.files().size());
    }

    @Test
    void tokenGoesToTheHubButNotToTheCdn() throws IOException {
        hub.addRepo("tarjama-test/private", source, FakeHub.Access.PRIVATE);
        hub.addToken("hf_secret", "tarjama-test/private");
        HubException denied = assertThrows(HubException.class,
                () -> fetcher(settings()).fetch("tarjama-test/private", "main", FP32));
        assertTrue(denied.getMessage().contains("set HF_TOKEN"), denied.getMessage());
        hub.clearRequests();

        fetcher(settings().optToken("hf_secret")).fetch("tarjama-test/private", "main", FP32);

        assertTrue(hub.requests().stream().filter(q -> q.server().equals("hub"))
                .allMatch(q -> "Bearer hf_secret".equals(q.authorization())));
        List<FakeHub.Request> cdn = hub.requests().stream().filter(q -> q.server().equals("cdn")).toList();
        assertFalse(cdn.isEmpty());
        assertTrue(cdn.stream().allMatch(q -> q.authorization() == null && q.host().startsWith("localhost:")),
                "the token never leaves the endpoint's origin, and the CDN is another host name: " + cdn);
    }

    @Test
    void renamedRepositoryIsFollowed() throws IOException {
        hub.rename("old-org/marian", REPO);
        FetchResult r = fetcher(settings()).fetch("old-org/marian", "main", List.of("config.json", ENCODER));
        assertEquals(commit, r.commit());
    }

    @Test
    void unknownRevisionAndFileAreNamed() throws IOException {
        HubException rev = assertThrows(HubException.class, () -> fetcher(settings()).fetch(REPO, "v9", FP32));
        assertTrue(rev.getMessage().startsWith("revision 'v9' does not exist in " + REPO), rev.getMessage());
        HubException file = assertThrows(HubException.class,
                () -> fetcher(settings()).fetch(REPO, "main", List.of("onnx/nope.onnx")));
        assertTrue(file.getMessage().startsWith("no file onnx/nope.onnx in " + REPO), file.getMessage());
    }

    @Test
    void plainHttpIsRefusedUnlessLoopbackOrAllowed() throws IOException {
        HubException e = assertThrows(HubException.class,
                () -> HubSettings.builder().optEndpoint("http://hub.example.org").build());
        assertTrue(e.getMessage().startsWith("refusing endpoint http://hub.example.org: only https"), e.getMessage());
        HubSettings.builder().optEndpoint("http://hub.example.org").optAllowHttp(true).build();
        HubSettings.builder().optEndpoint("https://hub.example.org").build();
        HubSettings.builder().optEndpoint("http://[::1]:8080").build();
        assertFalse(HubSettings.isLoopback("127.0.0.1.example.org"));

        hub.redirectLfsTo("http://cdn.example.org");
        HubException redirect = assertThrows(HubException.class,
                () -> fetcher(settings()).fetch(REPO, "main", List.of(ENCODER)));
        assertTrue(redirect.getMessage().startsWith("refusing download from http://cdn.example.org/"),
                redirect.getMessage());
    }

    @Test
    void environmentFollowsHuggingfaceHubConventions(@TempDir Path home) throws IOException {
        Files.writeString(home.resolve("token"), "hf_from_file\n", StandardCharsets.UTF_8);
        HubSettings s = HubSettings.fromEnvironment(java.util.Map.of("HF_HOME", home.toString(),
                "HF_HUB_OFFLINE", "1", "HF_ENDPOINT", "https://mirror.example.org/")).build();
        assertEquals(home.resolve("hub"), s.cacheDir());
        assertEquals("hf_from_file", s.token().orElseThrow());
        assertTrue(s.offline());
        assertEquals("https://mirror.example.org", s.endpoint().toString());

        HubSettings t = HubSettings.fromEnvironment(java.util.Map.of("HF_HOME", home.toString(),
                "HF_HUB_CACHE", home.resolve("elsewhere").toString(), "HF_TOKEN", "hf_env")).build();
        assertEquals(home.resolve("elsewhere"), t.cacheDir());
        assertEquals("hf_env", t.token().orElseThrow());
        assertFalse(t.offline());
        assertEquals(HubSettings.DEFAULT_ENDPOINT, t.endpoint().toString());
    }
}
