package dev.tarjama.models.translate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tarjama.models.generate.EarlyStopping;
import dev.tarjama.models.generate.Generation;
import dev.tarjama.models.generate.GenerationConfig;
import dev.tarjama.models.generate.SearchStrategy;
import dev.tarjama.models.onnx.DecoderLayout;
import dev.tarjama.models.onnx.ModelBundle;
import dev.tarjama.models.onnx.ModelOptions;
import dev.tarjama.models.onnx.Precision;
import dev.tarjama.models.testing.TinyModels;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The ONNX models driven by the Java search reproduce the generator's independent reference decoder
 * token for token: both layouts, split and merged decoders, greedy and beam, every settings set of
 * {@code marian.json} and {@code marian-semantics.json} (min_new_tokens, early_stopping "never",
 * renormalize_logits, the folder's own settings), one sentence at a time and all sentences in one
 * batch.
 */
class GoldenGenerationTest {

    /** Golden file name to its content; both files hold the same cases. */
    private static final Map<String, JsonNode> FILES = new LinkedHashMap<>();
    private static JsonNode goldens;
    private static ModelBundle optimumSplit;
    private static ModelBundle xenovaMerged;

    /** Reads the golden files once; the argument source may need them before {@code @BeforeAll}. */
    static synchronized Map<String, JsonNode> files() throws IOException {
        if (FILES.isEmpty()) {
            for (String file : List.of("marian.json", "marian-semantics.json")) {
                FILES.put(file, new ObjectMapper().readTree(TinyModels.GOLDENS.resolve(file).toFile()));
            }
            goldens = FILES.get("marian.json");
        }
        return FILES;
    }

    @BeforeAll
    static void load() throws IOException {
        files();
        optimumSplit = ModelBundle.load(TinyModels.MARIAN_OPTIMUM,
                ModelOptions.builder().optDecoderLayout(DecoderLayout.SPLIT).build());
        xenovaMerged = ModelBundle.load(TinyModels.MARIAN_XENOVA,
                ModelOptions.builder().optDecoderLayout(DecoderLayout.MERGED).build());
    }

    @AfterAll
    static void close() {
        optimumSplit.close();
        xenovaMerged.close();
    }

    static Stream<Arguments> layoutsSettingsAndStrategies() throws IOException {
        List<Arguments> args = new ArrayList<>();
        for (String layout : List.of("optimum-split", "xenova-merged")) {
            for (JsonNode file : files().values()) {
                for (String setting : (Iterable<String>) file.get("settings")::fieldNames) {
                    for (String strategy : List.of("greedy", "beam")) {
                        args.add(Arguments.of(layout, setting, strategy));
                    }
                }
            }
        }
        return args.stream();
    }

    /** The golden file that holds {@code setting}. */
    static JsonNode fileOf(String setting) {
        return FILES.values().stream().filter(f -> f.get("settings").has(setting)).findFirst().orElseThrow();
    }

    @ParameterizedTest(name = "{0} {1} {2}")
    @MethodSource("layoutsSettingsAndStrategies")
    void eachSentenceAloneMatchesTheReferenceDecoder(String layout, String setting, String strategy) {
        ModelBundle bundle = bundle(layout);
        GenerationConfig config = config(setting, strategy);
        for (JsonNode c : fileOf(setting).get("cases")) {
            long[] input = bundle.tokenizer().encode(c.get("text").asText());
            assertArrayEquals(longs(c.get("input_ids")), input, "tokenizer ids for " + c.get("text"));
            Generation g = SearchStrategy.of(config).generate(bundle.model(), new long[][] {input}, config).get(0);
            JsonNode expected = c.path("outputs").path(setting).path(strategy);
            assertArrayEquals(longs(expected.get("ids")), g.ids(), layout + " " + setting + " " + strategy + ": " + c.get("text"));
            assertEquals(expected.get("score").asDouble(), g.score(), 1e-3, "mean log-probability");
            assertEquals(expected.get("text").asText(), bundle.tokenizer().decode(g.ids()), "decoded text");
        }
    }

    @ParameterizedTest(name = "{0} {1} {2}")
    @MethodSource("layoutsSettingsAndStrategies")
    void allSentencesInOneBatchMatchTheReferenceDecoder(String layout, String setting, String strategy) {
        ModelBundle bundle = bundle(layout);
        GenerationConfig config = config(setting, strategy);
        List<JsonNode> cases = new ArrayList<>();
        fileOf(setting).get("cases").forEach(cases::add);
        long[][] inputs = cases.stream().map(c -> longs(c.get("input_ids"))).toArray(long[][]::new);
        List<Generation> batch = SearchStrategy.of(config).generate(bundle.model(), inputs, config);
        for (int i = 0; i < cases.size(); i++) {
            JsonNode expected = cases.get(i).path("outputs").path(setting).path(strategy);
            assertArrayEquals(longs(expected.get("ids")), batch.get(i).ids(), "row " + i);
        }
    }

    @Test
    void theNeverGoldensAreOnesThatFalseWouldGetWrong() {
        // Without inputs on which "never" and false end differently the goldens would not prove "never".
        for (String setting : List.of("min_new_never_b3", "never_renormalize_b4")) {
            GenerationConfig never = config(setting, "beam");
            GenerationConfig heuristic = never.toBuilder().optEarlyStopping(EarlyStopping.HEURISTIC).build();
            int differ = 0;
            for (JsonNode c : fileOf(setting).get("cases")) {
                long[] input = longs(c.get("input_ids"));
                long[] falseIds = SearchStrategy.of(heuristic).generate(xenovaMerged.model(), new long[][] {input},
                        heuristic).get(0).ids();
                differ += java.util.Arrays.equals(falseIds, longs(c.path("outputs").path(setting).path("beam")
                        .get("ids"))) ? 0 : 1;
            }
            assertTrue(differ > 0, setting + ": early_stopping false gives every golden");
        }
    }

    @Test
    void quantizedVariantLoadsAndTranslates() {
        try (ModelBundle int8 = ModelBundle.load(TinyModels.MARIAN_XENOVA,
                ModelOptions.builder().optPrecision(Precision.INT8).build())) {
            GenerationConfig config = config("hf_default_like", "beam");
            JsonNode first = goldens.get("cases").get(0);
            Generation g = SearchStrategy.of(config)
                    .generate(int8.model(), new long[][] {longs(first.get("input_ids"))}, config).get(0);
            assertTrue(g.length() > 0, "int8 model generated nothing");
            for (long id : g.ids()) {
                assertTrue(id >= 0 && id < int8.config().vocabSize(), "id out of vocabulary: " + id);
            }
            assertFalse(int8.tokenizer().decode(g.ids()).isBlank() && g.length() > 1, "decoded to nothing");
        }
    }

    private static ModelBundle bundle(String layout) {
        return layout.equals("optimum-split") ? optimumSplit : xenovaMerged;
    }

    /** Builds the settings the generator used, with greedy meaning one beam. */
    static GenerationConfig config(String setting, String strategy) {
        JsonNode s = fileOf(setting).path("settings").path(setting);
        GenerationConfig.Builder b = GenerationConfig.builder()
                .setDecoderStartTokenId(s.get("decoder_start_token_id").asLong())
                .setEosTokenId(s.get("eos_token_id").asLong())
                .optPadTokenId(s.get("pad_token_id").asLong())
                .optNumBeams(strategy.equals("greedy") ? 1 : s.get("num_beams").asInt())
                .optMaxLength(s.get("max_length").asInt())
                .optMinLength(s.get("min_length").asInt())
                .optNoRepeatNgramSize(s.get("no_repeat_ngram_size").asInt())
                .optRepetitionPenalty(s.get("repetition_penalty").asDouble())
                .optLengthPenalty(s.get("length_penalty").asDouble())
                .optEarlyStopping(s.get("early_stopping").isTextual()
                        ? EarlyStopping.valueOf(s.get("early_stopping").asText().toUpperCase(Locale.ROOT))
                        : EarlyStopping.of(s.get("early_stopping").asBoolean()))
                .optMinNewTokens(s.path("min_new_tokens").asInt(0))
                .optRenormalizeLogits(s.path("renormalize_logits").asBoolean(false));
        if (!s.get("max_new_tokens").isNull()) {
            b.optMaxNewTokens(s.get("max_new_tokens").asInt());
        }
        if (!s.get("forced_eos_token_id").isNull()) {
            b.optForcedEosTokenId(s.get("forced_eos_token_id").asLong());
        }
        List<long[]> bad = new ArrayList<>();
        s.get("bad_words_ids").forEach(w -> bad.add(longs(w)));
        b.optBadWordsIds(bad);
        return b.build();
    }

    static long[] longs(JsonNode array) {
        long[] values = new long[array.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = array.get(i).asLong();
        }
        return values;
    }
}
