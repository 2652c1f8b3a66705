package dev.tarjama.models.generate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.OptionalLong;

/** Immutable search settings (Hugging Face generation semantics, see docs/generation.md). */
public final class GenerationConfig {

    private final int numBeams;
    private final int maxLength;
    private final Integer maxNewTokens;
    private final int minLength;
    private final double maxLengthRatio;
    private final int maxLengthOffset;
    private final long decoderStartTokenId;
    private final long eosTokenId;
    private final Long padTokenId;
    private final Long bosTokenId;
    private final Long forcedBosTokenId;
    private final Long forcedEosTokenId;
    private final List<long[]> badWordsIds;
    private final int noRepeatNgramSize;
    private final double repetitionPenalty;
    private final double lengthPenalty;
    private final boolean earlyStopping;

    private GenerationConfig(Builder b) {
        numBeams = b.numBeams;
        maxLength = b.maxLength;
        maxNewTokens = b.maxNewTokens;
        minLength = b.minLength;
        maxLengthRatio = b.maxLengthRatio;
        maxLengthOffset = b.maxLengthOffset;
        decoderStartTokenId = b.decoderStartTokenId;
        eosTokenId = b.eosTokenId;
        padTokenId = b.padTokenId;
        bosTokenId = b.bosTokenId;
        forcedBosTokenId = b.forcedBosTokenId;
        forcedEosTokenId = b.forcedEosTokenId;
        List<long[]> copy = new ArrayList<>(b.badWordsIds.size());
        for (long[] word : b.badWordsIds) {
            copy.add(word.clone());
        }
        badWordsIds = Collections.unmodifiableList(copy);
        noRepeatNgramSize = b.noRepeatNgramSize;
        repetitionPenalty = b.repetitionPenalty;
        lengthPenalty = b.lengthPenalty;
        earlyStopping = b.earlyStopping;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding this config's values, for overrides. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.numBeams = numBeams;
        b.maxLength = maxLength;
        b.maxNewTokens = maxNewTokens;
        b.minLength = minLength;
        b.maxLengthRatio = maxLengthRatio;
        b.maxLengthOffset = maxLengthOffset;
        b.decoderStartTokenId = decoderStartTokenId;
        b.eosTokenId = eosTokenId;
        b.padTokenId = padTokenId;
        b.bosTokenId = bosTokenId;
        b.forcedBosTokenId = forcedBosTokenId;
        b.forcedEosTokenId = forcedEosTokenId;
        b.badWordsIds = new ArrayList<>(badWordsIds);
        b.noRepeatNgramSize = noRepeatNgramSize;
        b.repetitionPenalty = repetitionPenalty;
        b.lengthPenalty = lengthPenalty;
        b.earlyStopping = earlyStopping;
        return b;
    }

    public int numBeams() {
        return numBeams;
    }

    /** HF's {@code max_length}: bounds the length counted with the decoder start token. */
    public int maxLength() {
        return maxLength;
    }

    public OptionalInt maxNewTokens() {
        return maxNewTokens == null ? OptionalInt.empty() : OptionalInt.of(maxNewTokens);
    }

    public int minLength() {
        return minLength;
    }

    public double maxLengthRatio() {
        return maxLengthRatio;
    }

    public int maxLengthOffset() {
        return maxLengthOffset;
    }

    public long decoderStartTokenId() {
        return decoderStartTokenId;
    }

    public long eosTokenId() {
        return eosTokenId;
    }

    public OptionalLong padTokenId() {
        return optional(padTokenId);
    }

    public OptionalLong bosTokenId() {
        return optional(bosTokenId);
    }

    public OptionalLong forcedBosTokenId() {
        return optional(forcedBosTokenId);
    }

    public OptionalLong forcedEosTokenId() {
        return optional(forcedEosTokenId);
    }

    /** Banned token sequences; the returned arrays are copies. */
    public List<long[]> badWordsIds() {
        List<long[]> copy = new ArrayList<>(badWordsIds.size());
        for (long[] word : badWordsIds) {
            copy.add(word.clone());
        }
        return copy;
    }

    public int noRepeatNgramSize() {
        return noRepeatNgramSize;
    }

    public double repetitionPenalty() {
        return repetitionPenalty;
    }

    public double lengthPenalty() {
        return lengthPenalty;
    }

    public boolean earlyStopping() {
        return earlyStopping;
    }

    /**
     * The max length (decoder start included) for a row whose source has {@code sourceLength}
     * tokens: {@code max_new_tokens} wins over {@code max_length}, the ratio option can only
     * shorten it, and it is never below 2 so every row generates at least one token.
     */
    public int maxLengthFor(int sourceLength) {
        long max = maxNewTokens != null ? 1L + maxNewTokens : maxLength;
        if (maxLengthRatio > 0) {
            long relative = 1L + (long) Math.floor(maxLengthRatio * sourceLength) + maxLengthOffset;
            max = Math.min(max, relative);
        }
        return (int) Math.max(2L, Math.min(max, Integer.MAX_VALUE));
    }

    @Override
    public String toString() {
        StringBuilder words = new StringBuilder("[");
        for (long[] word : badWordsIds) {
            words.append(words.length() > 1 ? ", " : "").append(java.util.Arrays.toString(word));
        }
        words.append(']');
        return "GenerationConfig{numBeams=" + numBeams + ", maxLength=" + maxLength
                + ", maxNewTokens=" + maxNewTokens + ", minLength=" + minLength
                + ", maxLengthRatio=" + maxLengthRatio + ", maxLengthOffset=" + maxLengthOffset
                + ", decoderStartTokenId=" + decoderStartTokenId + ", eosTokenId=" + eosTokenId
                + ", padTokenId=" + padTokenId + ", bosTokenId=" + bosTokenId
                + ", forcedBosTokenId=" + forcedBosTokenId + ", forcedEosTokenId=" + forcedEosTokenId
                + ", badWordsIds=" + words + ", noRepeatNgramSize=" + noRepeatNgramSize
                + ", repetitionPenalty=" + repetitionPenalty + ", lengthPenalty=" + lengthPenalty
                + ", earlyStopping=" + earlyStopping + '}';
    }

    private static OptionalLong optional(Long value) {
        return value == null ? OptionalLong.empty() : OptionalLong.of(value);
    }

    /**
     * Reads a Hugging Face {@code config.json} and {@code generation_config.json}; keys of the
     * latter win, either file may be {@code null} or absent, and missing keys take HF's defaults.
     * A JSON {@code null} counts as missing.
     */
    public static GenerationConfig fromJson(Path configJson, Path generationConfigJson) {
        ObjectMapper mapper = new ObjectMapper();
        ObjectNode merged = mapper.createObjectNode();
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
                }
            }
        }
        if (!any) {
            throw new IllegalArgumentException(
                    "neither " + configJson + " nor " + generationConfigJson + " exists");
        }
        return fromJsonNode(merged);
    }

    static GenerationConfig fromJsonNode(JsonNode json) {
        Builder b = builder();
        JsonReader r = new JsonReader(json);
        r.integer("num_beams").ifPresent(b::optNumBeams);
        r.integer("max_length").ifPresent(b::optMaxLength);
        r.integer("max_new_tokens").ifPresent(b::optMaxNewTokens);
        r.integer("min_length").ifPresent(b::optMinLength);
        r.integer("no_repeat_ngram_size").ifPresent(b::optNoRepeatNgramSize);
        r.number("repetition_penalty").ifPresent(b::optRepetitionPenalty);
        r.number("length_penalty").ifPresent(b::optLengthPenalty);
        if (json.has("early_stopping")) {
            JsonNode early = json.get("early_stopping");
            if (!early.isBoolean()) {
                throw new IllegalArgumentException("early_stopping " + early
                        + " is not supported: use true or false (\"never\" is not implemented)");
            }
            b.optEarlyStopping(early.booleanValue());
        }
        OptionalLong eos = r.singleTokenId("eos_token_id");
        OptionalLong pad = r.tokenId("pad_token_id");
        OptionalLong bos = r.tokenId("bos_token_id");
        eos.ifPresent(b::setEosTokenId);
        pad.ifPresent(b::optPadTokenId);
        bos.ifPresent(b::optBosTokenId);
        r.tokenId("forced_bos_token_id").ifPresent(b::optForcedBosTokenId);
        r.singleTokenId("forced_eos_token_id").ifPresent(b::optForcedEosTokenId);
        OptionalLong start = r.tokenId("decoder_start_token_id");
        boolean marian = "marian".equals(json.path("model_type").asText(""));
        if (start.isEmpty() && marian) {
            start = pad; // Marian starts decoding with its pad token.
        }
        if (start.isEmpty()) {
            start = bos; // HF falls back to bos_token_id when there is no decoder start.
        }
        start.ifPresent(b::setDecoderStartTokenId);
        if (json.has("bad_words_ids")) {
            b.optBadWordsIds(r.tokenSequences("bad_words_ids"));
        }
        return b.build();
    }

    /** Typed access to HF JSON keys with messages that name the key. */
    private static final class JsonReader {
        private final JsonNode json;

        JsonReader(JsonNode json) {
            this.json = json;
        }

        OptionalInt integer(String key) {
            JsonNode node = json.get(key);
            if (node == null || node.isNull()) {
                return OptionalInt.empty();
            }
            if (!node.canConvertToInt() || !node.isIntegralNumber()) {
                throw new IllegalArgumentException(key + " must be an integer, got " + node);
            }
            return OptionalInt.of(node.intValue());
        }

        java.util.OptionalDouble number(String key) {
            JsonNode node = json.get(key);
            if (node == null || node.isNull()) {
                return java.util.OptionalDouble.empty();
            }
            if (!node.isNumber()) {
                throw new IllegalArgumentException(key + " must be a number, got " + node);
            }
            return java.util.OptionalDouble.of(node.doubleValue());
        }

        OptionalLong tokenId(String key) {
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
        OptionalLong singleTokenId(String key) {
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

        List<long[]> tokenSequences(String key) {
            JsonNode node = json.get(key);
            if (!node.isArray()) {
                throw new IllegalArgumentException(key + " must be a list of token id lists, got " + node);
            }
            List<long[]> result = new ArrayList<>();
            for (JsonNode seq : node) {
                if (!seq.isArray()) {
                    throw new IllegalArgumentException(
                            key + " must be a list of token id lists, got element " + seq);
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

    /** Builds a {@link GenerationConfig}; defaults are Hugging Face's. */
    public static final class Builder {
        private int numBeams = 1;
        private int maxLength = 20;
        private Integer maxNewTokens;
        private int minLength;
        private double maxLengthRatio;
        private int maxLengthOffset;
        private Long decoderStartTokenId;
        private Long eosTokenId;
        private Long padTokenId;
        private Long bosTokenId;
        private Long forcedBosTokenId;
        private Long forcedEosTokenId;
        private List<long[]> badWordsIds = new ArrayList<>();
        private int noRepeatNgramSize;
        private double repetitionPenalty = 1.0;
        private double lengthPenalty = 1.0;
        private boolean earlyStopping;

        private Builder() {}

        /** Required: the first token fed to the decoder. */
        public Builder setDecoderStartTokenId(long id) {
            decoderStartTokenId = id;
            return this;
        }

        /** Required: the end-of-sequence token. */
        public Builder setEosTokenId(long id) {
            eosTokenId = id;
            return this;
        }

        public Builder optNumBeams(int numBeams) {
            this.numBeams = numBeams;
            return this;
        }

        public Builder optMaxLength(int maxLength) {
            this.maxLength = maxLength;
            return this;
        }

        /** When set, {@code max_length = 1 + maxNewTokens}; {@code null} unsets it. */
        public Builder optMaxNewTokens(Integer maxNewTokens) {
            this.maxNewTokens = maxNewTokens;
            return this;
        }

        public Builder optMinLength(int minLength) {
            this.minLength = minLength;
            return this;
        }

        /** Per-row max length {@code 1 + floor(ratio * sourceLength) + offset}; 0 disables it. */
        public Builder optMaxLengthRatio(double ratio, int offset) {
            this.maxLengthRatio = ratio;
            this.maxLengthOffset = offset;
            return this;
        }

        public Builder optPadTokenId(Long id) {
            padTokenId = id;
            return this;
        }

        public Builder optBosTokenId(Long id) {
            bosTokenId = id;
            return this;
        }

        /** {@code null} unsets it. */
        public Builder optForcedBosTokenId(Long id) {
            forcedBosTokenId = id;
            return this;
        }

        /** {@code null} unsets it. */
        public Builder optForcedEosTokenId(Long id) {
            forcedEosTokenId = id;
            return this;
        }

        public Builder optBadWordsIds(List<long[]> badWordsIds) {
            if (badWordsIds == null) {
                throw new IllegalArgumentException("badWordsIds must not be null (use an empty list)");
            }
            this.badWordsIds = new ArrayList<>(badWordsIds);
            return this;
        }

        public Builder optNoRepeatNgramSize(int size) {
            noRepeatNgramSize = size;
            return this;
        }

        public Builder optRepetitionPenalty(double penalty) {
            repetitionPenalty = penalty;
            return this;
        }

        public Builder optLengthPenalty(double penalty) {
            lengthPenalty = penalty;
            return this;
        }

        public Builder optEarlyStopping(boolean earlyStopping) {
            this.earlyStopping = earlyStopping;
            return this;
        }

        public GenerationConfig build() {
            require(decoderStartTokenId != null, "decoderStartTokenId is required");
            require(eosTokenId != null, "eosTokenId is required");
            require(numBeams >= 1, "numBeams must be >= 1, got " + numBeams);
            require(maxLength >= 2, "maxLength must be >= 2 (it counts the decoder start token), got "
                    + maxLength);
            require(maxNewTokens == null || maxNewTokens >= 1,
                    "maxNewTokens must be >= 1 when set, got " + maxNewTokens);
            require(minLength >= 0, "minLength must be >= 0, got " + minLength);
            require(Double.isFinite(maxLengthRatio) && maxLengthRatio >= 0,
                    "maxLengthRatio must be a finite number >= 0, got " + maxLengthRatio);
            require(noRepeatNgramSize >= 0, "noRepeatNgramSize must be >= 0, got " + noRepeatNgramSize);
            require(Double.isFinite(repetitionPenalty) && repetitionPenalty > 0,
                    "repetitionPenalty must be a finite number > 0, got " + repetitionPenalty);
            require(Double.isFinite(lengthPenalty),
                    "lengthPenalty must be a finite number, got " + lengthPenalty);
            requireTokenId("decoderStartTokenId", decoderStartTokenId);
            requireTokenId("eosTokenId", eosTokenId);
            requireTokenId("padTokenId", padTokenId);
            requireTokenId("bosTokenId", bosTokenId);
            requireTokenId("forcedBosTokenId", forcedBosTokenId);
            requireTokenId("forcedEosTokenId", forcedEosTokenId);
            for (long[] word : badWordsIds) {
                require(word != null && word.length > 0, "badWordsIds entries must be non-empty");
                for (long id : word) {
                    require(id >= 0, "badWordsIds holds a negative token id: "
                            + java.util.Arrays.toString(word));
                }
            }
            return new GenerationConfig(this);
        }

        private static void requireTokenId(String name, Long id) {
            require(id == null || id >= 0, name + " must be >= 0, got " + id);
        }

        private static void require(boolean condition, String message) {
            if (!condition) {
                throw new IllegalArgumentException(message);
            }
        }
    }
}
