package dev.tarjama.models.hub;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tarjama.models.generate.Generation;
import dev.tarjama.models.generate.GenerationConfig;
import dev.tarjama.models.generate.SearchStrategy;
import dev.tarjama.models.integrity.ModelVerifier;
import dev.tarjama.models.onnx.DecoderLayout;
import dev.tarjama.models.onnx.ModelBundle;
import dev.tarjama.models.onnx.ModelOptions;
import dev.tarjama.models.onnx.Precision;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The whole chain on the tiny models: fetch from a loopback hub, verify, load, translate. */
class FetchAndTranslateTest {
    static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void fetchedXenovaModelTranslatesLikeTheReferenceDecoder(@TempDir Path cache) throws IOException {
        CatalogEntry entry;
        FetchResult fetched;
        try (FakeHub hub = new FakeHub()) {
            String commit = hub.addRepo("tarjama-test/opus-mt-tiny", TinyModels.folder("marian-xenova"));
            entry = entry(commit);
            HubSettings settings = HubSettings.builder().optEndpoint(hub.endpoint()).optCacheDir(cache).build();
            fetched = new ModelFetcher(settings, ProgressListener.NONE).fetch(entry, Precision.FP32);
            new ModelFetcher(settings, ProgressListener.NONE).fetch(entry, Precision.INT8);
        }
        ModelVerifier.verify(fetched.folder(), entry.files(Precision.FP32));

        JsonNode goldens = JSON.readTree(TinyModels.folder("goldens").resolve("marian.json").toFile());
        GenerationConfig greedy = greedy(goldens.path("settings").path("hf_default_like"));
        try (ModelBundle bundle = ModelBundle.load(fetched.folder(),
                ModelOptions.builder().optDecoderLayout(DecoderLayout.MERGED).build())) {
            for (JsonNode c : goldens.path("cases")) {
                long[] input = bundle.tokenizer().encode(c.path("text").asText());
                assertArrayEquals(longs(c.path("input_ids")), input);
                Generation g = SearchStrategy.of(greedy).generate(bundle.model(), new long[][] {input}, greedy).get(0);
                assertArrayEquals(longs(c.path("outputs").path("hf_default_like").path("greedy").path("ids")), g.ids(),
                        c.path("text").asText());
            }
        }
        Path ready = ModelPreparer.prepare(fetched.folder(), cache.resolveSibling(cache.getFileName() + "-ready"), false)
                .folder();
        assertTrue(java.nio.file.Files.isRegularFile(ready.resolve("onnx/encoder_model.onnx"),
                java.nio.file.LinkOption.NOFOLLOW_LINKS), "prepare resolves the cache's links into plain files");
        assertEquals(fetched.commit(), ModelVerifier.verify(ready).commit(), "the prepared manifest keeps the commit");
        try (ModelBundle int8 = ModelBundle.load(ready,
                ModelOptions.builder().optPrecision(Precision.INT8).build())) {
            long[] input = int8.tokenizer().encode("قال وزير الخارجية");
            Generation g = SearchStrategy.of(greedy).generate(int8.model(), new long[][] {input}, greedy).get(0);
            assertTrue(g.ids().length > 0, "the quantized files fetched beside fp32 load and run");
        }
    }

    static CatalogEntry entry(String commit) {
        return new CatalogEntry("opus-mt-tiny", CatalogEntry.Task.TRANSLATION, "tarjama-test/opus-mt-tiny", commit, true,
                "transformers.js", List.of("config.json", "generation_config.json", "tokenizer.json",
                        "tokenizer_config.json"),
                java.util.Map.of(Precision.FP32, List.of("onnx/encoder_model.onnx", "onnx/decoder_model_merged.onnx"),
                        Precision.INT8, List.of("onnx/encoder_model_quantized.onnx",
                                "onnx/decoder_model_merged_quantized.onnx")),
                false, "");
    }

    static GenerationConfig greedy(JsonNode s) {
        List<long[]> bad = new ArrayList<>();
        s.get("bad_words_ids").forEach(w -> bad.add(longs(w)));
        GenerationConfig.Builder b = GenerationConfig.builder()
                .setDecoderStartTokenId(s.get("decoder_start_token_id").asLong())
                .setEosTokenId(s.get("eos_token_id").asLong())
                .optPadTokenId(s.get("pad_token_id").asLong())
                .optNumBeams(1)
                .optMaxLength(s.get("max_length").asInt())
                .optMinLength(s.get("min_length").asInt())
                .optNoRepeatNgramSize(s.get("no_repeat_ngram_size").asInt())
                .optRepetitionPenalty(s.get("repetition_penalty").asDouble())
                .optBadWordsIds(bad);
        if (!s.get("forced_eos_token_id").isNull()) {
            b.optForcedEosTokenId(s.get("forced_eos_token_id").asLong());
        }
        return b.build();
    }

    static long[] longs(JsonNode array) {
        long[] v = new long[array.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = array.get(i).asLong();
        }
        return v;
    }
}
