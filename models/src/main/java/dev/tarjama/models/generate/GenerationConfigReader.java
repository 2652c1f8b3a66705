package dev.tarjama.models.generate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * Reads a model folder's Hugging Face {@code config.json} and {@code generation_config.json} into a
 * {@link GenerationConfig}; messages name the key that is wrong. A key that would change the output
 * and that Tarjama does not implement stops the read ({@link GenerationKeys}): a model never runs
 * with settings other than its own without a word.
 */
public final class GenerationConfigReader {

    private final JsonNode json;

    private GenerationConfigReader(JsonNode json) {
        this.json = json;
    }

    /**
     * Reads both files; keys of {@code generation_config.json} win, either file may be {@code null}
     * or absent (not both), and missing keys take HF's defaults. A JSON {@code null} counts as
     * missing.
     */
    public static GenerationConfig read(Path configJson, Path generationConfigJson) {
        ObjectMapper mapper = new ObjectMapper();
        ObjectNode merged = mapper.createObjectNode();
        Map<String, Path> origin = new HashMap<>();
        boolean any = false;
        for (Path path : new Path[] {configJson, generationConfigJson}) {
            if (path == null || !Files.exists(path)) {
                continue;
            }
            any = true;
            JsonNode root;
            try {
                root = mapper.readTree(path.toFile());
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read generation settings from " + path, e);
            }
            if (root == null || !root.isObject()) {
                throw new IllegalArgumentException(path + " is not a JSON object");
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                if (!field.getValue().isNull()) {
                    merged.set(field.getKey(), field.getValue());
                    origin.put(field.getKey(), path);
                }
            }
        }
        if (!any) {
            throw new IllegalArgumentException("neither " + configJson + " nor " + generationConfigJson + " exists");
        }
        List<String> problems = GenerationKeys.problems(merged, origin, generationConfigJson);
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("generation settings that Tarjama does not implement and that would"
                    + " change the output: " + String.join("; ", problems) + ". Remove them or give them Hugging"
                    + " Face's default (docs/generation.md lists what is supported)");
        }
        return new GenerationConfigReader(merged).config();
    }

    private GenerationConfig config() {
        GenerationConfig.Builder b = GenerationConfig.builder();
        integer("num_beams").ifPresent(b::optNumBeams);
        integer("max_length").ifPresent(b::optMaxLength);
        integer("max_new_tokens").ifPresent(b::optMaxNewTokens);
        integer("min_length").ifPresent(b::optMinLength);
        integer("min_new_tokens").ifPresent(b::optMinNewTokens);
        integer("no_repeat_ngram_size").ifPresent(b::optNoRepeatNgramSize);
        number("repetition_penalty").ifPresent(b::optRepetitionPenalty);
        number("length_penalty").ifPresent(b::optLengthPenalty);
        earlyStopping().ifPresent(b::optEarlyStopping);
        bool("renormalize_logits").ifPresent(b::optRenormalizeLogits);
        OptionalLong pad = tokenId("pad_token_id");
        OptionalLong bos = tokenId("bos_token_id");
        singleTokenId("eos_token_id").ifPresent(b::setEosTokenId);
        pad.ifPresent(b::optPadTokenId);
        bos.ifPresent(b::optBosTokenId);
        tokenId("forced_bos_token_id").ifPresent(b::optForcedBosTokenId);
        singleTokenId("forced_eos_token_id").ifPresent(b::optForcedEosTokenId);
        OptionalLong start = tokenId("decoder_start_token_id");
        if (start.isEmpty() && "marian".equals(json.path("model_type").asText(""))) {
            start = pad; // Marian starts decoding with its pad token.
        }
        if (start.isEmpty()) {
            start = bos; // HF falls back to bos_token_id when there is no decoder start.
        }
        start.ifPresent(b::setDecoderStartTokenId);
        if (json.has("bad_words_ids")) {
            b.optBadWordsIds(tokenSequences("bad_words_ids"));
        }
        return b.build();
    }

    /** HF takes {@code true}, {@code false} or {@code "never"}. */
    private Optional<EarlyStopping> earlyStopping() {
        JsonNode node = json.get("early_stopping");
        if (node == null) {
            return Optional.empty();
        }
        if (node.isBoolean()) {
            return Optional.of(EarlyStopping.of(node.booleanValue()));
        }
        if (node.isTextual() && node.textValue().equals("never")) {
            return Optional.of(EarlyStopping.NEVER);
        }
        throw new IllegalArgumentException("early_stopping must be true, false or \"never\", got " + node);
    }

    private Optional<Boolean> bool(String key) {
        JsonNode node = json.get(key);
        if (node == null) {
            return Optional.empty();
        }
        if (!node.isBoolean()) {
            throw new IllegalArgumentException(key + " must be true or false, got " + node);
        }
        return Optional.of(node.booleanValue());
    }

    private OptionalInt integer(String key) {
        JsonNode node = json.get(key);
        if (node == null || node.isNull()) {
            return OptionalInt.empty();
        }
        if (!node.canConvertToInt() || !node.isIntegralNumber()) {
            throw new IllegalArgumentException(key + " must be an integer, got " + node);
        }
        return OptionalInt.of(node.intValue());
    }

    private OptionalDouble number(String key) {
        JsonNode node = json.get(key);
        if (node == null || node.isNull()) {
            return OptionalDouble.empty();
        }
        if (!node.isNumber()) {
            throw new IllegalArgumentException(key + " must be a number, got " + node);
        }
        return OptionalDouble.of(node.doubleValue());
    }

    private OptionalLong tokenId(String key) {
        JsonNode node = json.get(key);
        if (node == null || node.isNull()) {
            return OptionalLong.empty();
        }
        if (!node.isIntegralNumber()) {
            throw new IllegalArgumentException(key + " must be a token id, got " + node);
        }
        return OptionalLong.of(node.longValue());
    }

    /** HF allows a list of EOS ids; Tarjama's search stops on one, so only one is accepted. */
    private OptionalLong singleTokenId(String key) {
        JsonNode node = json.get(key);
        if (node != null && node.isArray()) {
            if (node.size() != 1 || !node.get(0).isIntegralNumber()) {
                throw new IllegalArgumentException(
                        key + " must be a single token id (several are not supported), got " + node);
            }
            return OptionalLong.of(node.get(0).longValue());
        }
        return tokenId(key);
    }

    private List<long[]> tokenSequences(String key) {
        JsonNode node = json.get(key);
        if (!node.isArray()) {
            throw new IllegalArgumentException(key + " must be a list of token id lists, got " + node);
        }
        List<long[]> result = new ArrayList<>();
        for (JsonNode seq : node) {
            if (!seq.isArray()) {
                throw new IllegalArgumentException(key + " must be a list of token id lists, got element " + seq);
            }
            long[] ids = new long[seq.size()];
            for (int i = 0; i < ids.length; i++) {
                if (!seq.get(i).isIntegralNumber()) {
                    throw new IllegalArgumentException(key + " holds a non-integer id: " + seq);
                }
                ids[i] = seq.get(i).longValue();
            }
            result.add(ids);
        }
        return result;
    }
}
