package dev.tarjama.models.tokenizer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tarjama.models.ModelLoadException;
import dev.tarjama.models.testing.TinyModels;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

class TextTokenizerTest {

    static final Path TOKENIZER = TinyModels.MARIAN_OPTIMUM.resolve("tokenizer.json");
    static final Path CONFIG = TinyModels.MARIAN_OPTIMUM.resolve("config.json");

    @TempDir
    Path tmp;

    @Test
    void goldenTextsEncodeToTheReferenceIdsWithEosAppended() {
        for (Path folder : new Path[] {TinyModels.MARIAN_OPTIMUM, TinyModels.MARIAN_XENOVA}) {
            try (TextTokenizer tokenizer = TextTokenizer.load(folder.resolve("tokenizer.json"))) {
                List<TinyModels.Case> cases = TinyModels.marianCases();
                for (TinyModels.Case c : cases) {
                    long[] ids = tokenizer.encode(c.text());
                    assertArrayEquals(c.inputIds(), ids, c.text());
                    assertEquals(0L, ids[ids.length - 1], "Marian's post-processor appends </s>");
                    assertEquals(ids.length, tokenizer.countTokens(c.text()));
                }
                long[][] batch = tokenizer.encode(cases.stream().map(TinyModels.Case::text).toList());
                for (int i = 0; i < cases.size(); i++) {
                    assertArrayEquals(cases.get(i).inputIds(), batch[i], "batch encode is not padded");
                }
            }
        }
    }

    @Test
    void decodeLeavesSpecialTokensOut() {
        try (TextTokenizer tokenizer = TextTokenizer.load(TOKENIZER)) {
            long[] ids = TinyModels.marianCases().get(0).inputIds();
            long[] withSpecials = new long[ids.length + 2];
            long pad = TinyModels.marianConfig().padTokenId();
            withSpecials[0] = pad;
            System.arraycopy(ids, 0, withSpecials, 1, ids.length);
            withSpecials[withSpecials.length - 1] = pad;
            String text = tokenizer.decode(withSpecials);
            assertFalse(text.contains("</s>") || text.contains("<pad>"), text);
            assertEquals(tokenizer.decode(ids), text);
            assertEquals(text, tokenizer.decode(new long[][] {withSpecials})[0]);
        }
    }

    @Test
    void aLongTextIsNeverTruncatedTo512Tokens() {
        StringBuilder words = new StringBuilder();
        String[] sample = TinyModels.marianCases().get(0).text().split(" ");
        for (int i = 0; i < 3000; i++) {
            words.append(sample[i % sample.length]).append(' ');
        }
        try (TextTokenizer tokenizer = TextTokenizer.load(TOKENIZER)) {
            long[] ids = tokenizer.encode(words.toString());
            assertTrue(ids.length >= 3000, "3,000 words gave only " + ids.length + " tokens");
            assertEquals(0L, ids[ids.length - 1]);
        }
    }

    @Test
    void aTokenizerThatDoesNotFitTheConfigVocabIsRefusedNamingBothFiles() {
        try (TextTokenizer tokenizer = TextTokenizer.load(TOKENIZER)) {
            int vocab = TinyModels.marianConfig().vocabSize();
            assertEquals(vocab, tokenizer.vocabSize());
            tokenizer.checkVocab(vocab, CONFIG);
            ModelLoadException e = assertThrows(ModelLoadException.class, () -> tokenizer.checkVocab(vocab + 40, CONFIG));
            assertTrue(e.getMessage().startsWith("tokenizer.json: tokenizer vocab " + vocab
                    + " does not match config vocab_size " + (vocab + 40)), e.getMessage());
            assertThrows(ModelLoadException.class, () -> tokenizer.checkVocab(vocab - 5, CONFIG));
            assertTrue(e.getMessage().contains(CONFIG.toString()), e.getMessage());
        }
        assertThrows(ModelLoadException.class, () -> TextTokenizer.load(TOKENIZER, 62834, CONFIG));
    }

    @Test
    void extraIdsThatAreOnlySpecialTokensFitAConfigOneSmaller() {
        // BART's case: <mask> is the one id past config vocab_size. In the tiny Marian, <pad> is the last id.
        int pad = (int) TinyModels.marianConfig().padTokenId();
        try (TextTokenizer tokenizer = TextTokenizer.load(TOKENIZER)) {
            assertEquals(pad + 1, tokenizer.vocabSize(), "this test needs <pad> to be the last id");
            tokenizer.checkVocab(pad, CONFIG);
        } catch (ModelLoadException e) {
            throw new AssertionError("a special-only surplus id must be accepted", e);
        }
    }

    @Test
    void aNullPrecompiledNormalizerIsRepairedBeforeTheNativeLibrarySeesIt() throws IOException {
        System.setProperty(TokenizerRepair.CACHE_PROPERTY, tmp.resolve("cache").toString());
        try {
            Path broken = TinyModels.GOLDENS.resolve("tokenizer-precompiled-null.json");
            try (TextTokenizer tokenizer = TextTokenizer.load(broken)) {
                assertTrue(tokenizer.repaired());
                assertTrue(tokenizer.loadedFile().startsWith(tmp.resolve("cache")), tokenizer.loadedFile().toString());
                String repaired = Files.readString(tokenizer.loadedFile());
                assertFalse(repaired.contains("Precompiled"), "the null Precompiled normalizer is gone");
                assertTrue(repaired.contains("NFKC"));
                for (TinyModels.Case c : TinyModels.marianCases()) {
                    assertArrayEquals(c.inputIds(), tokenizer.encode(c.text()), c.text());
                }
                // the nmt_nfkc rule: odd spaces become plain spaces, controls vanish, NFKC folds.
                assertArrayEquals(tokenizer.encode("قال وزير"), tokenizer.encode("قال\u00A0وزير\u0007"));
            }
            try (TextTokenizer again = TextTokenizer.load(broken)) {
                assertTrue(again.repaired(), "the cached copy is reused");
            }
        } finally {
            System.clearProperty(TokenizerRepair.CACHE_PROPERTY);
        }
    }

    @Test
    void filesThatAreNotTokenizersAreRefusedBeforeTheNativeLibrary() throws IOException {
        Path missing = tmp.resolve("tokenizer.json");
        ModelLoadException none = assertThrows(ModelLoadException.class, () -> TextTokenizer.load(missing));
        assertTrue(none.getMessage().startsWith("tokenizer.json: missing"), none.getMessage());

        Files.writeString(missing, "{ not json");
        ModelLoadException json = assertThrows(ModelLoadException.class, () -> TextTokenizer.load(missing));
        assertTrue(json.getMessage().contains("not readable JSON"), json.getMessage());

        Files.writeString(missing, "{\"version\": \"1.0\"}");
        ModelLoadException model = assertThrows(ModelLoadException.class, () -> TextTokenizer.load(missing));
        assertTrue(model.getMessage().contains("no \"model\" object"), model.getMessage());
    }
}
