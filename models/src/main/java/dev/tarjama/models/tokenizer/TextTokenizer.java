package dev.tarjama.models.tokenizer;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import com.fasterxml.jackson.databind.JsonNode;
import dev.tarjama.models.ModelLoadException;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * A Hugging Face {@code tokenizer.json} tokenizer (DJL's native binding) with Tarjama's rules: no
 * hidden truncation or padding, special tokens added as the file's post-processor says (Marian
 * appends {@code </s>}), special tokens skipped when decoding, and files that would crash the
 * native library repaired first.
 *
 * <p>Safe to share between threads for encoding and decoding. Close it to free native memory.
 */
public final class TextTokenizer implements AutoCloseable {

    private final Path file;
    private final Path loadedFile;
    private final boolean repaired;
    private final Vocabulary vocabulary;
    private final HuggingFaceTokenizer tokenizer;

    private TextTokenizer(Path file, TokenizerRepair.Checked checked, Vocabulary vocabulary,
            HuggingFaceTokenizer tokenizer) {
        this.file = file;
        this.loadedFile = checked.file();
        this.repaired = checked.repaired();
        this.vocabulary = vocabulary;
        this.tokenizer = tokenizer;
    }

    /** Loads {@code tokenizer.json}, repairing it first if the native library could not take it. */
    public static TextTokenizer load(Path tokenizerJson) {
        TokenizerRepair.Checked checked = TokenizerRepair.check(tokenizerJson);
        Vocabulary vocabulary = Vocabulary.of(checked.json(), tokenizerJson);
        HuggingFaceTokenizer tokenizer;
        try {
            tokenizer = HuggingFaceTokenizer.builder()
                    .optTokenizerPath(checked.file())
                    .optAddSpecialTokens(true)
                    // DJL truncates to 512 tokens unless told not to; the text packer decides lengths.
                    .optTruncation(false)
                    .optPadding(false)
                    .build();
        } catch (IOException | RuntimeException e) {
            throw new ModelLoadException(tokenizerJson.toAbsolutePath().getParent(), tokenizerJson,
                    "the tokenizers library rejects it: " + e.getMessage(), e);
        }
        return new TextTokenizer(tokenizerJson, checked, vocabulary, tokenizer);
    }

    /**
     * Loads {@code tokenizer.json} and checks it against the model's {@code vocab_size} from
     * {@code configJson}; see {@link #checkVocab(int, Path)}.
     */
    public static TextTokenizer load(Path tokenizerJson, int configVocabSize, Path configJson) {
        TextTokenizer tokenizer = load(tokenizerJson);
        try {
            tokenizer.checkVocab(configVocabSize, configJson);
        } catch (RuntimeException e) {
            tokenizer.close();
            throw e;
        }
        return tokenizer;
    }

    /** Token ids of {@code text}, special tokens added, never truncated. */
    public long[] encode(String text) {
        return tokenizer.encode(text).getIds();
    }

    /** Token ids of each text; see {@link #encode(String)}. */
    public long[][] encode(List<String> texts) {
        if (texts.isEmpty()) {
            return new long[0][];
        }
        Encoding[] encodings = tokenizer.batchEncode(texts);
        long[][] ids = new long[encodings.length][];
        for (int i = 0; i < encodings.length; i++) {
            ids[i] = encodings[i].getIds();
        }
        return ids;
    }

    /** How many tokens {@code text} takes as a model input, special tokens included. */
    public int countTokens(String text) {
        return encode(text).length;
    }

    /** The text of {@code ids}, special tokens (pad, EOS, ...) left out. */
    public String decode(long[] ids) {
        return tokenizer.decode(ids, true);
    }

    /** The text of each id row; see {@link #decode(long[])}. */
    public String[] decode(long[][] ids) {
        if (ids.length == 0) {
            return new String[0];
        }
        return tokenizer.batchDecode(ids, true);
    }

    /** One more than the highest id the file defines (model vocabulary and added tokens). */
    public int vocabSize() {
        return vocabulary.size();
    }

    /**
     * Fails unless this tokenizer fits a model whose embedding has {@code configVocabSize} rows:
     * the sizes are equal, or every id from {@code configVocabSize} up is a special added token
     * that text never encodes to (BART's {@code <mask>}: tokenizer 50,265, config 50,264).
     */
    public void checkVocab(int configVocabSize, Path configJson) {
        int size = vocabulary.size();
        boolean fits = size == configVocabSize
                || (size > configVocabSize && vocabulary.onlySpecialFrom(configVocabSize));
        if (!fits) {
            throw new ModelLoadException(file.toAbsolutePath().getParent(), file, "tokenizer vocab " + size
                    + " does not match config vocab_size " + configVocabSize + " of " + configJson
                    + ": the tokenizer and the model come from different checkpoints");
        }
    }

    /** The {@code tokenizer.json} asked for. */
    public Path file() {
        return file;
    }

    /** The file the native library read: {@link #file()} or its repaired copy. */
    public Path loadedFile() {
        return loadedFile;
    }

    /** Whether the file had to be repaired (see docs/models.md). */
    public boolean repaired() {
        return repaired;
    }

    @Override
    public void close() {
        tokenizer.close();
    }

    /** Vocabulary facts read from the JSON, which DJL's binding does not expose. */
    record Vocabulary(int size, java.util.BitSet special) {

        boolean onlySpecialFrom(int id) {
            for (int i = id; i < size; i++) {
                if (!special.get(i)) {
                    return false;
                }
            }
            return true;
        }

        static Vocabulary of(JsonNode root, Path file) {
            int size = 0;
            JsonNode vocab = root.path("model").path("vocab");
            if (vocab.isArray()) {
                size = vocab.size(); // Unigram: [[piece, score], ...], ids are positions
            } else if (vocab.isObject()) {
                for (JsonNode id : vocab) {
                    size = Math.max(size, id.asInt() + 1);
                }
            }
            java.util.BitSet special = new java.util.BitSet();
            for (JsonNode token : root.path("added_tokens")) {
                int id = token.path("id").asInt(-1);
                size = Math.max(size, id + 1);
                if (id >= 0 && token.path("special").asBoolean(false)) {
                    special.set(id);
                }
            }
            if (size == 0) {
                throw new ModelLoadException(file.toAbsolutePath().getParent(), file, "no vocabulary in model.vocab");
            }
            return new Vocabulary(size, special);
        }
    }
}
