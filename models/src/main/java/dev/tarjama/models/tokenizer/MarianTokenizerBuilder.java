package dev.tarjama.models.tokenizer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tarjama.models.integrity.AtomicFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Writes the {@code tokenizer.json} that an Optimum Marian export lacks, from {@code source.spm}
 * and {@code vocab.json}, so that it encodes as transformers' {@code MarianTokenizer} does:
 * SentencePiece pieces of the source model, ids from the shared {@code vocab.json}, {@code </s>}
 * appended.
 *
 * <ul>
 *   <li>Model: Unigram whose vocabulary is {@code vocab.json} in id order. A piece of
 *       {@code source.spm} keeps its SentencePiece score; a piece only the target side has (or
 *       {@code <pad>}) gets {@link #ABSENT_SCORE} per character, so it is used only where no source
 *       piece covers a character: SentencePiece emits such a character as unknown and Marian then
 *       looks its surface up in {@code vocab.json}, which is what the target piece's id is.</li>
 *   <li>Normalizer: the spm file's precompiled charsmap ({@code NormalizerSpec} field 2) as a
 *       {@code Precompiled} normalizer (base64), then SentencePiece's whitespace rule (runs of
 *       spaces collapse to one, no space at either end) when {@code remove_extra_whitespaces}.</li>
 *   <li>Pre-tokenizer and decoder: Metaspace (U+2581, prefix always when {@code add_dummy_prefix}).</li>
 *   <li>Post-processor: TemplateProcessing {@code $A </s>}; pair {@code $A $B </s>}.</li>
 * </ul>
 *
 * <p>Known limits, both only where MarianTokenizer itself yields {@code <unk>} for the word: a
 * {@code source.spm} piece missing from {@code vocab.json} cannot be expressed in a Unigram model
 * (every piece there has its own id), so it is left out, and this tokenizer splits that text into
 * smaller pieces where SentencePiece emits the whole piece (id {@code <unk>}); and a run of two or
 * more characters {@code source.spm} does not know is one unknown piece for SentencePiece
 * ({@code <unk>} unless {@code vocab.json} has the run) but one piece per character here when the
 * target side has them. {@link Report#missingFromVocab()} lists the first kind; real Marian
 * vocabularies are built from both spm models and rarely miss any.
 */
public final class MarianTokenizerBuilder {
    /** Score of vocabulary entries SentencePiece's source model does not have. */
    public static final double ABSENT_SCORE = -1e6;

    /**
     * What the build found.
     *
     * @param vocabSize entries in {@code vocab.json}
     * @param sourcePieces pieces in {@code source.spm}
     * @param missingFromVocab source pieces left out because {@code vocab.json} has no id for them
     * @param targetOnly vocabulary entries without a source score
     * @param precompiledCharsmap whether the spm file carried a charsmap
     */
    public record Report(int vocabSize, int sourcePieces, List<String> missingFromVocab, int targetOnly,
            boolean precompiledCharsmap) {}

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SPACE = "\u2581";

    private MarianTokenizerBuilder() {}

    /** Reads {@code folder/source.spm}, {@code folder/vocab.json} and writes {@code folder/tokenizer.json}. */
    public static Report writeTokenizerJson(Path folder) throws IOException {
        Special special = Special.read(folder);
        ObjectNode tokenizer = JsonNodeFactory.instance.objectNode();
        Report report = build(SentencePieceModel.read(folder.resolve("source.spm")),
                readVocab(folder.resolve("vocab.json")), special, tokenizer);
        AtomicFiles.write(folder.resolve("tokenizer.json"), JSON.writeValueAsBytes(tokenizer));
        return report;
    }

    /** Special token names, from {@code tokenizer_config.json} when it names them. */
    record Special(String eos, String unk, String pad) {
        static Special read(Path folder) throws IOException {
            Path config = folder.resolve("tokenizer_config.json");
            JsonNode c = Files.isRegularFile(config) ? JSON.readTree(config.toFile()) : JSON.createObjectNode();
            return new Special(name(c, "eos_token", "</s>"), name(c, "unk_token", "<unk>"), name(c, "pad_token", "<pad>"));
        }

        private static String name(JsonNode config, String field, String fallback) {
            JsonNode v = config.get(field);
            if (v == null || v.isNull()) {
                return fallback;
            }
            return v.isTextual() ? v.asText() : v.path("content").asText(fallback);
        }
    }

    static List<String> readVocab(Path vocabJson) throws IOException {
        JsonNode root;
        try {
            root = JSON.readTree(vocabJson.toFile());
        } catch (IOException e) {
            throw new TokenizerFileException(vocabJson + " is not readable JSON: " + e.getMessage(), e);
        }
        if (root == null || !root.isObject()) {
            throw new TokenizerFileException(vocabJson + ": expected an object of piece -> id");
        }
        String[] byId = new String[root.size()];
        for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            int id = e.getValue().asInt(-1);
            if (!e.getValue().canConvertToInt() || id < 0 || id >= byId.length) {
                throw new TokenizerFileException(vocabJson + ": id " + e.getValue() + " of '" + e.getKey()
                        + "' is outside 0.." + (byId.length - 1) + " (ids must be 0..n-1 without gaps)");
            }
            if (byId[id] != null) {
                throw new TokenizerFileException(vocabJson + ": id " + id + " is given to both '" + byId[id] + "' and '"
                        + e.getKey() + "'");
            }
            byId[id] = e.getKey();
        }
        return List.of(byId);
    }

    static Report build(SentencePieceModel spm, List<String> vocab, Special special, ObjectNode out)
            throws TokenizerFileException {
        if (spm.modelType() != SentencePieceModel.UNIGRAM) {
            throw new TokenizerFileException("source.spm is not a unigram SentencePiece model (model_type " + spm.modelType()
                    + "); Marian models use unigram");
        }
        Map<String, Integer> ids = new HashMap<>();
        for (int i = 0; i < vocab.size(); i++) {
            ids.put(vocab.get(i), i);
        }
        int eos = requireId(ids, special.eos(), "eos");
        int unk = requireId(ids, special.unk(), "unk");
        Integer pad = ids.get(special.pad());

        Map<String, Float> sourceScores = new HashMap<>();
        List<String> missing = new ArrayList<>();
        for (SentencePieceModel.Piece p : spm.pieces()) {
            if (p.type() == SentencePieceModel.Type.UNUSED || p.type() == SentencePieceModel.Type.BYTE) {
                continue;
            }
            sourceScores.put(p.piece(), p.score());
            if (!ids.containsKey(p.piece()) && p.type() == SentencePieceModel.Type.NORMAL) {
                missing.add(p.piece());
            }
        }

        JsonNodeFactory f = JsonNodeFactory.instance;
        out.put("version", "1.0");
        out.putNull("truncation");
        out.putNull("padding");
        ArrayNode added = out.putArray("added_tokens");
        addSpecial(added, eos, special.eos());
        addSpecial(added, unk, special.unk());
        if (pad != null) {
            addSpecial(added, pad, special.pad());
        }
        SentencePieceModel.Normalizer n = spm.normalizer();
        out.set("normalizer", normalizer(f, n));
        out.set("pre_tokenizer", metaspace(f, n.addDummyPrefix()));
        out.set("post_processor", template(f, special.eos(), eos));
        out.set("decoder", metaspace(f, n.addDummyPrefix()));
        ObjectNode model = out.putObject("model");
        model.put("type", "Unigram");
        model.put("unk_id", unk);
        ArrayNode pieces = model.putArray("vocab");
        int targetOnly = 0;
        for (String piece : vocab) {
            Float score = sourceScores.get(piece);
            if (score == null) {
                targetOnly++;
            }
            ArrayNode pair = pieces.addArray();
            pair.add(piece);
            pair.add(score == null ? absentScore(piece) : score.doubleValue());
        }
        model.put("byte_fallback", false);
        return new Report(vocab.size(), spm.pieces().size(), List.copyOf(missing), targetOnly,
                n.precompiledCharsmap().length > 0);
    }

    /**
     * {@link #ABSENT_SCORE} per character, and a little less: a target-only piece never wins over
     * covering the same characters one by one (SentencePiece would have split them as unknown).
     */
    static double absentScore(String piece) {
        return ABSENT_SCORE * piece.codePointCount(0, piece.length()) - 1;
    }

    private static int requireId(Map<String, Integer> ids, String token, String role) throws TokenizerFileException {
        Integer id = ids.get(token);
        if (id == null) {
            throw new TokenizerFileException("vocab.json has no " + role + " token '" + token + "'");
        }
        return id;
    }

    private static void addSpecial(ArrayNode added, int id, String content) {
        ObjectNode t = added.addObject();
        t.put("id", id);
        t.put("content", content);
        t.put("single_word", false);
        t.put("lstrip", false);
        t.put("rstrip", false);
        t.put("normalized", false);
        t.put("special", true);
    }

    private static JsonNode normalizer(JsonNodeFactory f, SentencePieceModel.Normalizer n) {
        List<ObjectNode> steps = new ArrayList<>();
        if (n.precompiledCharsmap().length > 0) {
            ObjectNode pre = f.objectNode();
            pre.put("type", "Precompiled");
            pre.put("precompiled_charsmap", Base64.getEncoder().encodeToString(n.precompiledCharsmap()));
            steps.add(pre);
        }
        if (n.removeExtraWhitespaces()) {
            steps.add(replace(f, " {2,}", " "));
            steps.add(replace(f, "\\A | \\z", ""));
        }
        if (steps.isEmpty()) {
            return f.nullNode();
        }
        ObjectNode sequence = f.objectNode();
        sequence.put("type", "Sequence");
        steps.forEach(sequence.putArray("normalizers")::add);
        return sequence;
    }

    private static ObjectNode replace(JsonNodeFactory f, String regex, String content) {
        ObjectNode r = f.objectNode();
        r.put("type", "Replace");
        r.putObject("pattern").put("Regex", regex);
        r.put("content", content);
        return r;
    }

    private static ObjectNode metaspace(JsonNodeFactory f, boolean prefix) {
        ObjectNode m = f.objectNode();
        m.put("type", "Metaspace");
        m.put("replacement", SPACE);
        m.put("prepend_scheme", prefix ? "always" : "never");
        m.put("split", true);
        return m;
    }

    private static ObjectNode template(JsonNodeFactory f, String eos, int eosId) {
        ObjectNode t = f.objectNode();
        t.put("type", "TemplateProcessing");
        ArrayNode single = t.putArray("single");
        single.add(sequence(f, "A"));
        single.add(specialToken(f, eos));
        ArrayNode pair = t.putArray("pair");
        pair.add(sequence(f, "A"));
        pair.add(sequence(f, "B"));
        pair.add(specialToken(f, eos));
        ObjectNode tokens = t.putObject("special_tokens").putObject(eos);
        tokens.put("id", eos);
        tokens.putArray("ids").add(eosId);
        tokens.putArray("tokens").add(eos);
        return t;
    }

    private static ObjectNode sequence(JsonNodeFactory f, String id) {
        ObjectNode s = f.objectNode();
        ObjectNode inner = s.putObject("Sequence");
        inner.put("id", id);
        inner.put("type_id", 0);
        return s;
    }

    private static ObjectNode specialToken(JsonNodeFactory f, String token) {
        ObjectNode s = f.objectNode();
        ObjectNode inner = s.putObject("SpecialToken");
        inner.put("id", token);
        inner.put("type_id", 0);
        return s;
    }

    static String utf8(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }
}
