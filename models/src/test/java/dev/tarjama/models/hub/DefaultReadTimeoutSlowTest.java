package dev.tarjama.models.hub;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tarjama.models.integrity.ModelVerifier;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The default read timeout (30 s) against a CDN that stalls for 60 s: about half a minute, so it is
 * left out of the default run. {@code mvn -B -ntp -pl models test -Dtest=DefaultReadTimeoutSlowTest
 * -DexcludedGroups=none} runs it.
 */
@Tag("slow")
class DefaultReadTimeoutSlowTest {

    @Test
    void theDefaultReadTimeoutTurnsAOneMinuteStallIntoAResumeInAboutHalfAMinute(@TempDir Path cache) throws IOException {
        try (FakeHub hub = new FakeHub()) {
            hub.addRepo(HubTransferFaultsTest.REPO, TinyModels.folder("marian-xenova"));
            hub.stallAfter(HubTransferFaultsTest.ENCODER, 40_000, Duration.ofSeconds(60), 1);
            HubSettings settings = HubSettings.builder().optEndpoint(hub.endpoint()).optCacheDir(cache).build();
            assertEquals(Duration.ofSeconds(30), settings.readTimeout(), "the default");

            long start = System.nanoTime();
            FetchResult r = new ModelFetcher(settings, ProgressListener.NONE)
                    .fetch(HubTransferFaultsTest.REPO, "main", HubTransferFaultsTest.FP32);
            double seconds = (System.nanoTime() - start) / 1e9;

            ModelVerifier.verify(r.folder(), HubTransferFaultsTest.FP32);
            assertTrue(seconds >= 30 && seconds < 30 + 20, "resumed after the 30 s timeout, not the 60 s stall: "
                    + seconds + " s");
            assertTrue(hub.requests().stream().anyMatch(q -> q.server().equals("cdn") && q.range() != null),
                    List.copyOf(hub.requests()).toString());
        }
    }
}
