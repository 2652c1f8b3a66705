package dev.tarjama.models.summarize;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tarjama.models.generate.Generation;
import dev.tarjama.models.generate.EarlyStopping;
import dev.tarjama.models.generate.GenerationConfig;
import dev.tarjama.models.generate.GenerationConfigReader;
import dev.tarjama.models.generate.SearchStrategy;
import dev.tarjama.models.onnx.ModelBundle;
import dev.tarjama.models.onnx.ModelOptions;
import dev.tarjama.models.onnx.Precision;
import dev.tarjama.models.testing.TinyModels;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The tiny BART, with the settings of its own generation_config.json (distilbart-cnn's), reproduces
 * the generator's reference decoder token for token: Optimum split decoders and transformers.js
 * merged decoder, beam 4 and greedy, each text alone and all in one batch, through the raw search
 * and through {@link AbstractiveSummarizer}.
 */
class BartGoldenTest {

    private static JsonNode goldens;
    private static List<JsonNode> cases;
    private static ModelBundle optimum;
    private static ModelBundle xenova;

    @BeforeAll
    static void load() throws IOException {
        goldens = new ObjectMapper().readTree(TinyModels.GOLDENS.resolve("bart.json").toFile());
        cases = new ArrayList<>();
        goldens.get("cases").forEach(cases::add);
        optimum = ModelBundle.load(TinyModels.BART_OPTIMUM, ModelOptions.builder().build());
        xenova = ModelBundle.load(TinyModels.BART_XENOVA, ModelOptions.builder().build());
    }

    @AfterAll
    static void close() {
        optimum.close();
        xenova.close();
    }

    static Stream<Arguments> layoutsAndStrategies() {
        List<Arguments> args = new ArrayList<>();
        for (String layout : List.of("bart-optimum", "bart-xenova")) {
            for (String strategy : List.of("beam", "greedy")) {
                args.add(Arguments.of(layout, strategy));
            }
        }
        return args.stream();
    }

    @Test
    void generationConfigFileHoldsTheGoldenSettings() {
        JsonNode s = goldens.path("settings").path("distilbart_cnn");
        for (ModelBundle bundle : List.of(optimum, xenova)) {
            GenerationConfig c = fileConfig(bundle);
            assertEquals(s.get("num_beams").asInt(), c.numBeams());
            assertEquals(s.get("max_length").asInt(), c.maxLength());
            assertEquals(s.get("min_length").asInt(), c.minLength());
            assertEquals(s.get("no_repeat_ngram_size").asInt(), c.noRepeatNgramSize());
            assertEquals(s.get("length_penalty").asDouble(), c.lengthPenalty());
            assertEquals(s.get("repetition_penalty").asDouble(), c.repetitionPenalty());
            assertEquals(EarlyStopping.of(s.get("early_stopping").asBoolean()), c.earlyStopping());
            assertEquals(s.get("forced_bos_token_id").asLong(), c.forcedBosTokenId().getAsLong());
            assertEquals(s.get("forced_eos_token_id").asLong(), c.forcedEosTokenId().getAsLong());
            assertEquals(s.get("decoder_start_token_id").asLong(), c.decoderStartTokenId());
            assertEquals(s.get("eos_token_id").asLong(), c.eosTokenId());
            assertTrue(c.badWordsIds().isEmpty());
        }
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("layoutsAndStrategies")
    void eachTextAloneMatchesTheReferenceDecoder(String layout, String strategy) {
        ModelBundle bundle = bundle(layout);
        GenerationConfig config = config(bundle, strategy);
        for (JsonNode c : cases) {
            long[] input = bundle.tokenizer().encode(c.get("text").asText());
            assertArrayEquals(longs(c.get("input_ids")), input, "byte-level BPE ids for " + c.get("text"));
            Generation g = SearchStrategy.of(config).generate(bundle.model(), new long[][] {input}, config).get(0);
            JsonNode expected = expected(c, strategy);
            assertArrayEquals(longs(expected.get("ids")), g.ids(), layout + " " + strategy + ": " + c.get("text"));
            assertEquals(expected.get("score").asDouble(), g.score(), 1e-3, "mean log-probability");
            assertEquals(expected.get("text").asText(), bundle.tokenizer().decode(g.ids()), "decoded text");
            assertEquals(!expected.get("finish").asText().equals("max_length"), g.endedWithEos(), "finish");
        }
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("layoutsAndStrategies")
    void allTextsInOneBatchMatchTheReferenceDecoder(String layout, String strategy) {
        ModelBundle bundle = bundle(layout);
        GenerationConfig config = config(bundle, strategy);
        long[][] inputs = cases.stream().map(c -> longs(c.get("input_ids"))).toArray(long[][]::new);
        List<Generation> batch = SearchStrategy.of(config).generate(bundle.model(), inputs, config);
        for (int i = 0; i < cases.size(); i++) {
            assertArrayEquals(longs(expected(cases.get(i), strategy).get("ids")), batch.get(i).ids(), "row " + i);
        }
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("layoutsAndStrategies")
    void summarizerMatchesTheReferenceDecoderAloneAndBatched(String layout, String strategy) {
        Path folder = layout.equals("bart-optimum") ? TinyModels.BART_OPTIMUM : TinyModels.BART_XENOVA;
        // Beam comes from generation_config.json; greedy is the spec's one-beam override.
        SummarizerSpec spec = SummarizerSpec.builder().setModelDir(folder.toString())
                .optNumBeams(strategy.equals("greedy") ? 1 : 0).build();
        try (AbstractiveSummarizer summarizer = AbstractiveSummarizer.open(spec);
             AbstractiveSummarizer oneRowBatches = AbstractiveSummarizer.open(spec.toBuilder().optBatchLimits(8192, 1).build())) {
            List<String> texts = cases.stream().map(c -> c.get("text").asText()).toList();
            List<AbstractiveSummary> batched = summarizer.summarize(texts);
            List<AbstractiveSummary> alone = oneRowBatches.summarize(texts);
            for (int i = 0; i < cases.size(); i++) {
                JsonNode expected = expected(cases.get(i), strategy);
                for (AbstractiveSummary s : List.of(batched.get(i), alone.get(i), summarizer.summarize(texts.get(i)))) {
                    assertArrayEquals(longs(expected.get("ids")), s.ids(), layout + " " + strategy + " case " + i);
                    assertEquals(expected.get("text").asText().strip(), s.text());
                    assertEquals(expected.get("score").asDouble(), s.score(), 1e-3);
                    assertEquals(List.of(), s.notes(), "a short text is used as it is");
                    assertEquals(cases.get(i).get("input_ids").size(), s.sourceTokens());
                    assertEquals(expected.get("ids").size(), s.generatedTokens());
                }
            }
        }
    }

    @Test
    void quantizedBartLoadsAndSummarizes() {
        SummarizerSpec spec = SummarizerSpec.builder().setModelDir(TinyModels.BART_XENOVA.toString())
                .optPrecision(Precision.INT8).build();
        try (AbstractiveSummarizer int8 = AbstractiveSummarizer.open(spec)) {
            List<AbstractiveSummary> out = int8.summarize(cases.stream().map(c -> c.get("text").asText()).toList());
            assertEquals(cases.size(), out.size());
            for (AbstractiveSummary s : out) {
                // The settings hold whatever the weights: forced BOS, min_length 56, max_length 142.
                long[] ids = s.ids();
                assertEquals(0L, ids[0], "forced BOS");
                assertTrue(ids.length >= 56 && ids.length <= 141, "length within min/max: " + ids.length);
                assertTrue(!s.text().isBlank(), "decoded to nothing");
                for (long id : ids) {
                    assertTrue(id >= 0 && id < 482, "id out of vocabulary: " + id);
                }
            }
        }
    }

    private static ModelBundle bundle(String layout) {
        return layout.equals("bart-optimum") ? optimum : xenova;
    }

    private static GenerationConfig fileConfig(ModelBundle bundle) {
        return GenerationConfigReader.read(bundle.configFile(), bundle.generationConfigFile().orElseThrow());
    }

    private static GenerationConfig config(ModelBundle bundle, String strategy) {
        GenerationConfig c = fileConfig(bundle);
        return strategy.equals("greedy") ? c.toBuilder().optNumBeams(1).build() : c;
    }

    private static JsonNode expected(JsonNode c, String strategy) {
        return c.path("outputs").path("distilbart_cnn").path(strategy);
    }

    private static long[] longs(JsonNode array) {
        long[] values = new long[array.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = array.get(i).asLong();
        }
        return values;
    }
}
