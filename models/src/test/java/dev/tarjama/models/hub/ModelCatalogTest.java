package dev.tarjama.models.hub;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tarjama.models.onnx.Precision;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ModelCatalogTest {

    @Test
    void builtInCatalogHasTheDefaultsOfTheDesign() throws IOException {
        ModelCatalog c = ModelCatalog.builtIn();

        CatalogEntry translation = c.defaultFor(CatalogEntry.Task.TRANSLATION).orElseThrow();
        assertEquals("Xenova/opus-mt-ar-en", translation.repo());
        assertEquals("Helsinki-NLP/opus-mt-ar-en", c.get("opus-mt-ar-en-optimum").repo());
        assertEquals("Xenova/distilbart-cnn-6-6", c.defaultFor(CatalogEntry.Task.SUMMARIZATION).orElseThrow().repo());
        assertTrue(translation.files(Precision.INT8).contains("onnx/encoder_model_quantized.onnx"));
        assertTrue(translation.files(Precision.FP32).contains("tokenizer.json"));
        for (CatalogEntry e : c.entries()) {
            assertEquals(40, e.revision().length(), e.name() + " pins a commit-shaped revision");
            assertFalse(e.revisionVerified(), "nobody has checked the pins yet; flip this when they are");
        }
    }

    @Test
    void committedCatalogFileIsTheOneOnTheClasspath() throws IOException {
        Path committed = TinyModels.folder("goldens").getParent().getParent().resolve("catalog.json");
        assertEquals(new ObjectMapper().readTree(committed.toFile()),
                new ObjectMapper().readTree(ModelCatalog.class.getResourceAsStream(ModelCatalog.RESOURCE)));
    }

    @Test
    void placeholderPinFetchesMainAndSaysHowToPin(@TempDir Path cache) throws IOException {
        CatalogEntry e = ModelCatalog.builtIn().get("opus-mt-ar-en");
        assertEquals("main", e.lookupRevision(), "an unset pin is looked up and fetched at main");
        List<String> notes = new java.util.ArrayList<>();
        ProgressListener listener = new ProgressListener() {
            @Override
            public void note(String message) {
                notes.add(message);
            }
        };
        try (FakeHub hub = new FakeHub()) {
            String commit = hub.addRepo(e.repo(), TinyModels.folder("marian-xenova"));
            ModelFetcher fetcher = new ModelFetcher(HubSettings.builder().optEndpoint(hub.endpoint()).optCacheDir(cache)
                    .build(), listener);

            FetchResult r = fetcher.fetch(e, Precision.FP32);

            assertEquals(commit, r.commit());
            assertTrue(notes.stream().anyMatch(n -> n.contains("no pinned commit for opus-mt-ar-en")
                    && n.contains("\"revision\": \"" + commit + "\"")), notes.toString());
            assertEquals(Optional.of(r.folder()), fetcher.cached(e.repo(), e.lookupRevision(), e.files(Precision.FP32)),
                    "a later lookup by name follows refs/main to the same snapshot");
        }
    }

    @Test
    void unknownNameListsTheKnownOnes() throws IOException {
        HubException e = assertThrows(HubException.class, () -> ModelCatalog.builtIn().get("nllb"));
        assertTrue(e.getMessage().contains("opus-mt-ar-en"), e.getMessage());
    }

    @Test
    void unsafeOrIncompleteEntriesAreRefused(@TempDir Path dir) throws IOException {
        String ok = "{\"name\":\"m\",\"task\":\"translation\",\"repo\":\"a/b\",\"revision\":\"main\","
                + "\"files\":{\"common\":[\"config.json\"],\"fp32\":[\"%s\"]}}";
        assertEquals(List.of("config.json", "x.onnx"), load(dir, ok.formatted("x.onnx")).get("m").files(Precision.FP32));
        for (String bad : List.of("../x.onnx", "/etc/passwd", "onnx//x.onnx", "manifest.json", "a\\\\b")) {
            HubException e = assertThrows(HubException.class, () -> load(dir, ok.formatted(bad)), bad);
            assertTrue(e.getMessage().contains("model 'm'"), e.getMessage());
        }
        assertThrows(HubException.class, () -> load(dir, ok.replace("a/b", "a/../b").formatted("x.onnx")));
        assertThrows(HubException.class, () -> load(dir, ok.replace("translation", "poetry").formatted("x.onnx")));
        HubException noPrecision = assertThrows(HubException.class,
                () -> load(dir, ok.replace(",\"fp32\":[\"%s\"]", "")));
        assertTrue(noPrecision.getMessage().contains("fp32, int8"), noPrecision.getMessage());
    }

    private static ModelCatalog load(Path dir, String entry) throws IOException {
        Path file = dir.resolve("catalog.json");
        Files.writeString(file, "{\"models\":[" + entry + "]}");
        return ModelCatalog.load(file);
    }
}
