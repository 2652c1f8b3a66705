package dev.tarjama.models.translate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tarjama.models.testing.TinyModels;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The source-length cap is configuration: off, the pipeline writes exactly what the reference
 * decoder (HF's semantics) writes with the folder's own settings; on, it shortens the rows it binds
 * and flags them {@code max_length}.
 */
class SourceLengthCapTest {

    private static final String SETTING = "folder_max_new_40";
    private static final List<String> TEXTS = new ArrayList<>();
    private static final List<long[]> BEAM = new ArrayList<>();
    private static final List<long[]> GREEDY = new ArrayList<>();

    @BeforeAll
    static void goldens() throws IOException {
        JsonNode file = new ObjectMapper().readTree(TinyModels.GOLDENS.resolve("marian-semantics.json").toFile());
        for (JsonNode c : file.get("cases")) {
            TEXTS.add(c.get("text").asText());
            BEAM.add(GoldenGenerationTest.longs(c.path("outputs").path(SETTING).path("beam").get("ids")));
            GREEDY.add(GoldenGenerationTest.longs(c.path("outputs").path(SETTING).path("greedy").get("ids")));
        }
    }

    /** The folder's generation_config.json (4 beams) with 40 new tokens, as the golden setting. */
    private static TranslationPipeline open(double perSourceToken, int beams) {
        return TranslationPipeline.open(TranslatorSpec.builder().setModelDir(TinyModels.MARIAN_XENOVA.toString())
                .optMaxNewTokens(40).optNumBeams(beams).optMaxLengthPerSourceToken(perSourceToken)
                .optMemoBytes(0).build());
    }

    @Test
    void withTheCapOffTheOutputIsTheReferenceDecodersForBeamAndGreedy() {
        for (int beams : new int[] {0, 1}) { // 0: the folder's own num_beams (4)
            List<long[]> expected = beams == 1 ? GREEDY : BEAM;
            try (TranslationPipeline uncapped = open(0, beams)) {
                List<RawTranslation> out = uncapped.translateRaw(TEXTS);
                for (int i = 0; i < TEXTS.size(); i++) {
                    assertArrayEquals(expected.get(i), out.get(i).ids(), "beams " + beams + ": " + TEXTS.get(i));
                }
            }
        }
    }

    @Test
    void theDefaultCapBindsOnShortSourcesShorteningAndFlaggingThem() {
        int bound = 0;
        try (TranslationPipeline capped = open(2.0, 0)) {
            List<RawTranslation> out = capped.translateRaw(TEXTS);
            for (int i = 0; i < TEXTS.size(); i++) {
                RawTranslation r = out.get(i);
                int cap = 2 * r.sourceTokens() + 10; // generated tokens the cap allows
                if (cap < BEAM.get(i).length) {
                    bound++;
                    assertEquals(cap, r.ids().length, TEXTS.get(i));
                    assertTrue(r.endedWithEos() && r.stoppedByLength(), "forced EOS, flagged: " + TEXTS.get(i));
                } else {
                    assertArrayEquals(BEAM.get(i), r.ids(), "the cap does not bind: " + TEXTS.get(i));
                }
            }
        }
        assertTrue(bound >= 3, "the cap bound on " + bound + " of the goldens");
    }

    @Test
    void aSegmentEndedByTheForcedEosAtTheLimitIsFlaggedMaxLength() {
        // The golden beams all run to the limit, where forced_eos_token_id appends EOS.
        try (TranslationPipeline uncapped = open(0, 0)) {
            ArticleTranslation t = uncapped.translate(List.of(new SourceArticle("a", "", TEXTS.get(0)))).get(0);
            SegmentTranslation s = t.segments().get(0);
            long[] ids = s.ids();
            assertEquals(0, ids[ids.length - 1], "ends with EOS");
            assertEquals(40, ids.length);
            assertTrue(s.notes().contains("max_length"), s.notes().toString());
        }
        // A translation the model ended itself carries no flag.
        try (TranslationPipeline free = TranslationPipeline.open(TranslatorSpec.builder()
                .setModelDir(TinyModels.MARIAN_XENOVA.toString()).optNumBeams(1).optMaxNewTokens(40)
                .optMaxLengthPerSourceToken(0).build())) {
            int index = 6; // greedy ends with its own EOS after 36 tokens
            RawTranslation r = free.translateRaw(List.of(TEXTS.get(index))).get(0);
            assertEquals(36, r.ids().length);
            assertFalse(r.stoppedByLength());
        }
    }
}
