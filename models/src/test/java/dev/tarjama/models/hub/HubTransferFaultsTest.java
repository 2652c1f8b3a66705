package dev.tarjama.models.hub;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tarjama.models.integrity.ModelVerifier;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Transfers that the real hub and its CDN break: stalls, expired signed URLs, rate limits, server errors. */
class HubTransferFaultsTest {
    static final String REPO = "tarjama-test/marian-xenova";
    static final String ENCODER = "onnx/encoder_model.onnx";
    static final String DECODER = "onnx/decoder_model_merged.onnx";
    static final List<String> FP32 = List.of("config.json", "generation_config.json", "tokenizer.json",
            "tokenizer_config.json", ENCODER, DECODER);

    @TempDir Path cache;
    FakeHub hub;
    Path source;
    final List<String> notes = Collections.synchronizedList(new ArrayList<>());
    final ProgressListener listener = new ProgressListener() {
        @Override
        public void note(String message) {
            notes.add(message);
        }
    };

    @BeforeEach
    void start() throws IOException {
        hub = new FakeHub();
        source = TinyModels.folder("marian-xenova");
        hub.addRepo(REPO, source);
    }

    @AfterEach
    void stop() {
        hub.close();
    }

    HubSettings.Builder settings() throws HubException {
        return HubSettings.builder().optEndpoint(hub.endpoint()).optCacheDir(cache).optRetryWait(Duration.ofMillis(100));
    }

    FetchResult fetch(HubSettings.Builder b) throws IOException {
        return new ModelFetcher(b.build(), listener).fetch(REPO, "main", FP32);
    }

    @Test
    void cdnThatStallsForAMinuteMidFileResumesWithinTheReadTimeoutPlusTheTransfer() throws IOException {
        Duration readTimeout = Duration.ofSeconds(1);
        hub.stallAfter(ENCODER, 40_000, Duration.ofSeconds(60), 1);

        long start = System.nanoTime();
        FetchResult r = fetch(settings().optReadTimeout(readTimeout));
        double seconds = (System.nanoTime() - start) / 1e9;

        // The transfer itself takes well under a second on loopback; 4 s leaves room for a busy machine.
        assertTrue(seconds < readTimeout.toSeconds() + 4, "took " + seconds + " s, not the 60 s stall");
        assertTrue(hub.notes().stream().anyMatch(n -> n.startsWith("stalling " + ENCODER)), hub.notes().toString());
        assertTrue(notes.stream().anyMatch(n -> n.startsWith("no byte for 1 s while downloading " + ENCODER)),
                notes.toString());
        List<FakeHub.Request> resumed = hub.requests().stream()
                .filter(q -> q.server().equals("cdn") && q.method().equals("GET") && q.range() != null).toList();
        assertFalse(resumed.isEmpty(), "the stalled transfer resumed with a Range request: " + hub.requests());
        assertArrayEquals(Files.readAllBytes(source.resolve(ENCODER)), Files.readAllBytes(r.folder().resolve(ENCODER)));
        ModelVerifier.verify(r.folder(), FP32);
    }

    @Test
    void cdnUrlsThatExpireAfterTwoSecondsAreResolvedAgainAndTheFilesVerify() throws IOException {
        hub.signedUrlTtl(Duration.ofSeconds(2));
        hub.limitBandwidth(80_000); // both ONNX files take longer than a URL lives
        hub.dropAfter(DECODER, 200_000, 1); // 2.5 s in: the resume meets an expired URL

        FetchResult r = fetch(settings());

        ModelVerifier.verify(r.folder(), FP32);
        assertArrayEquals(Files.readAllBytes(source.resolve(DECODER)), Files.readAllBytes(r.folder().resolve(DECODER)));
        assertTrue(notes.stream().anyMatch(n -> n.startsWith("localhost refused the download of " + DECODER
                + " (HTTP 403: Request has expired)") && n.contains("resolving " + DECODER + " again")), notes.toString());
        assertTrue(notes.stream().noneMatch(n -> n.contains("HF_TOKEN")), "a CDN refusal never blames the token: " + notes);
        long decoderHeads = hub.requests().stream()
                .filter(q -> q.server().equals("hub") && q.method().equals("HEAD") && q.path().endsWith(DECODER)).count();
        assertTrue(decoderHeads >= 3, "planned, resolved just before its download, resolved again after the 403: "
                + decoderHeads);
    }

    @Test
    void cdnThatKeepsRefusingFailsWithoutBlamingTheToken() throws IOException {
        hub.redirectLfsTo(hub.cdnOrigin()); // unsigned URLs: refused every time
        hub.addToken("hf_valid");

        HubException e = assertThrows(HubException.class, () -> fetch(settings().optToken("hf_valid").optAttempts(2)));

        assertTrue(e.getMessage().startsWith("localhost refused the download of " + ENCODER + " (HTTP 403: Access denied)"),
                e.getMessage());
        assertTrue(e.getMessage().contains("refused again after resolving"), e.getMessage());
        assertFalse(e.getMessage().contains("token") || e.getMessage().contains("HF_TOKEN"), e.getMessage());
    }

    @Test
    void rateLimitIsWaitedOutAsRetryAfterSaysThenTheFetchSucceeds() throws IOException {
        hub.rateLimit(1, 1);

        long start = System.nanoTime();
        FetchResult r = fetch(settings());
        double seconds = (System.nanoTime() - start) / 1e9;

        ModelVerifier.verify(r.folder(), FP32);
        assertTrue(seconds >= 1.0, "waited for Retry-After (1 s), not the 0.1 s backoff: " + seconds);
        assertTrue(notes.stream().anyMatch(n -> n.contains("is rate-limiting these requests (HTTP 429")
                && n.contains("try 2 of 5")), notes.toString());
    }

    @Test
    void retryAfterLongerThanAllowedFailsSayingWhenToTryAgain() {
        hub.rateLimit(1, 3600);

        HubException e = assertThrows(HubException.class, () -> fetch(settings().optMaxRetryAfter(Duration.ofSeconds(5))));

        assertTrue(e.getMessage().contains("HTTP 429") && e.getMessage().endsWith("try again in 3600 s"), e.getMessage());
    }

    @Test
    void serverErrorsAreRetriedWithBackoff() throws IOException {
        hub.failWith503(2);

        FetchResult r = fetch(settings());

        ModelVerifier.verify(r.folder(), FP32);
        assertTrue(notes.stream().anyMatch(n -> n.contains("HTTP 503") && n.contains("try 3 of 5")), notes.toString());
    }
}
