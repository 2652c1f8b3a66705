package dev.tarjama.models.hub;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tarjama.models.integrity.ModelVerifier;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each way the hub says no gets its own message, read from X-Error-Code and the status as the real hub sends them. */
class HubErrorMessagesTest {
    static final String PUBLIC = "tarjama-test/marian-xenova";
    static final String GATED = "tarjama-test/gated";
    static final List<String> FILES = List.of("config.json", "onnx/encoder_model.onnx");

    @TempDir Path cache;
    FakeHub hub;

    @BeforeEach
    void start() throws IOException {
        hub = new FakeHub();
        Path source = TinyModels.folder("marian-xenova");
        hub.addRepo(PUBLIC, source);
        hub.addRepo(GATED, source, FakeHub.Access.GATED);
        hub.addToken("hf_member");
        hub.addToken("hf_granted", GATED);
    }

    @AfterEach
    void stop() {
        hub.close();
    }

    String failure(String token, String repo, String revision, List<String> files) throws HubException {
        HubSettings settings = HubSettings.builder().optEndpoint(hub.endpoint()).optCacheDir(cache).optToken(token)
                .optRetryWait(Duration.ofMillis(50)).build();
        return assertThrows(HubException.class,
                () -> new ModelFetcher(settings, ProgressListener.NONE).fetch(repo, revision, files)).getMessage();
    }

    @Test
    void unknownRepositoryAnonymouslyIsNotFoundOrPrivateAndNoTokenWasSent() throws IOException {
        String m = failure(null, "nobody/nothing", "main", FILES);
        assertTrue(m.startsWith("repository nobody/nothing not found on " + hub.endpoint() + " (HTTP 401"), m);
        assertTrue(m.contains("check the name") && m.contains("if it is private, set HF_TOKEN")
                && m.contains("no token was sent"), m);
    }

    @Test
    void unknownRepositoryWithATokenIsNotFoundAndTheTokenIsNotBlamedForBeingInvalid() throws IOException {
        String m = failure("hf_member", "nobody/nothing", "main", FILES);
        assertTrue(m.startsWith("repository nobody/nothing not found on " + hub.endpoint() + " (HTTP 404"), m);
        assertTrue(m.contains("the account of HF_TOKEN cannot read it"), m);
        assertFalse(m.contains("set HF_TOKEN") || m.contains("not accepted"), m);
    }

    @Test
    void gatedRepositoryWithoutATokenNamesThePageToRequestAccess() throws IOException {
        String m = failure(null, GATED, "main", FILES);
        assertTrue(m.startsWith(GATED + " is gated: request access at " + hub.endpoint() + "/" + GATED), m);
        assertTrue(m.contains("set HF_TOKEN") && m.contains("HTTP 401"), m);
    }

    @Test
    void gatedRepositoryWithATokenNotGrantedAccessSaysSo() throws IOException {
        String m = failure("hf_member", GATED, "main", FILES);
        assertTrue(m.startsWith(GATED + " is gated and the account of HF_TOKEN has not been granted access (HTTP 403"), m);
        assertTrue(m.contains("Request access at " + hub.endpoint() + "/" + GATED), m);
    }

    @Test
    void gatedRepositoryWithAGrantedTokenIsFetched() throws IOException {
        HubSettings settings = HubSettings.builder().optEndpoint(hub.endpoint()).optCacheDir(cache).optToken("hf_granted")
                .build();
        FetchResult r = new ModelFetcher(settings, ProgressListener.NONE).fetch(GATED, "main", FILES);
        ModelVerifier.verify(r.folder(), FILES);
        assertTrue(hub.requests().stream().filter(q -> q.server().equals("cdn")).allMatch(q -> q.authorization() == null));
    }

    @Test
    void invalidTokenIsCalledInvalid() throws IOException {
        String m = failure("hf_revoked", PUBLIC, "main", FILES);
        assertTrue(m.startsWith("the token in HF_TOKEN was not accepted by " + hub.endpoint()
                + " (HTTP 401: Invalid credentials in Authorization header): it is invalid or expired"), m);
        assertTrue(m.contains(hub.endpoint() + "/settings/tokens"), m);
    }

    @Test
    void missingFileIsNamed() throws IOException {
        String m = failure(null, PUBLIC, "main", List.of("config.json", "onnx/nope.onnx"));
        assertTrue(m.startsWith("no file onnx/nope.onnx in " + PUBLIC + " at "), m);
        assertTrue(m.contains("HTTP 404: Entry not found"), m);
    }

    @Test
    void unknownRevisionIsNamed() throws IOException {
        String m = failure(null, PUBLIC, "v9", FILES);
        assertTrue(m.startsWith("revision 'v9' does not exist in " + PUBLIC + " (HTTP 404: Invalid rev id: v9)"), m);
    }

    @Test
    void rateLimitThenSuccess() throws IOException {
        hub.rateLimit(2, 0);
        List<String> notes = new ArrayList<>();
        HubSettings settings = HubSettings.builder().optEndpoint(hub.endpoint()).optCacheDir(cache)
                .optRetryWait(Duration.ofMillis(50)).build();
        FetchResult r = new ModelFetcher(settings, new ProgressListener() {
            @Override
            public void note(String message) {
                notes.add(message);
            }
        }).fetch(PUBLIC, "main", FILES);

        ModelVerifier.verify(r.folder(), FILES);
        assertEquals(2, notes.stream().filter(n -> n.startsWith(hub.endpoint() + " is rate-limiting these requests"
                + " (HTTP 429: You have exceeded our hourly quotas for action: resolve.); it asks to wait 0 s")).count(),
                notes.toString());
        assertTrue(notes.get(0).contains("Requests with HF_TOKEN get a higher limit"), notes.get(0));
    }

    @Test
    void rateLimitThatOutlastsEveryTryIsReportedAsARateLimit() throws IOException {
        hub.rateLimit(100, 0);
        String m = failure(null, PUBLIC, "main", FILES);
        assertTrue(m.startsWith(hub.endpoint() + " is rate-limiting these requests (HTTP 429") && m.endsWith("(after 5 tries)"),
                m);
    }
}
