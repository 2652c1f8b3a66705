package dev.tarjama.models.onnx;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tarjama.models.ModelLoadException;

import java.io.IOException;
import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The parts of a Hugging Face {@code config.json} that loading and decoding need.
 *
 * @param modelType {@code model_type}, e.g. {@code marian}, {@code bart}
 * @param dModel hidden size ({@code d_model})
 * @param encoderLayers {@code encoder_layers}
 * @param decoderLayers {@code decoder_layers}: the number of {@code past_key_values.{i}.*} groups
 * @param encoderHeads {@code encoder_attention_heads}
 * @param decoderHeads {@code decoder_attention_heads}: the cache tensors' head dimension
 * @param vocabSize {@code vocab_size}: the embedding rows, the tokenizer must fit in it
 * @param logitsSize {@code decoder_vocab_size} when present (Marian), else {@code vocab_size}
 * @param padTokenId {@code pad_token_id}: pads encoder rows
 * @param eosTokenId {@code eos_token_id}
 * @param bosTokenId {@code bos_token_id}, -1 when absent
 * @param decoderStartTokenId {@code decoder_start_token_id} (Marian: the pad id)
 * @param maxPositionEmbeddings {@code max_position_embeddings}: the longest source row
 */
public record ModelConfig(
        String modelType,
        int dModel,
        int encoderLayers,
        int decoderLayers,
        int encoderHeads,
        int decoderHeads,
        int vocabSize,
        int logitsSize,
        long padTokenId,
        long eosTokenId,
        long bosTokenId,
        long decoderStartTokenId,
        int maxPositionEmbeddings)
        implements Serializable {

    private static final ObjectMapper JSON = new ObjectMapper();

    public ModelConfig {
        if (decoderHeads <= 0 || dModel % decoderHeads != 0) {
            throw new IllegalArgumentException(
                    "d_model " + dModel + " is not a multiple of decoder_attention_heads " + decoderHeads);
        }
    }

    /** Size of one attention head in the decoder cache, {@code d_model / decoder_attention_heads}. */
    public int decoderHeadDim() {
        return dModel / decoderHeads;
    }

    /** Reads {@code config.json}; a missing file or field is a {@link ModelLoadException} naming it. */
    public static ModelConfig read(Path configJson) {
        Path folder = configJson.toAbsolutePath().getParent();
        JsonNode root;
        try {
            root = JSON.readTree(Files.readAllBytes(configJson));
        } catch (IOException e) {
            throw new ModelLoadException(folder, configJson, "cannot read config: " + e.getMessage(), e);
        }
        if (root == null || !root.isObject()) {
            throw new ModelLoadException(folder, configJson, "not a JSON object");
        }
        Fields f = new Fields(root, folder, configJson);
        int vocab = f.integer("vocab_size");
        long pad = f.id("pad_token_id", -1);
        try {
            return read(root, f, vocab, pad);
        } catch (IllegalArgumentException e) {
            throw new ModelLoadException(folder, configJson, e.getMessage(), e);
        }
    }

    private static ModelConfig read(JsonNode root, Fields f, int vocab, long pad) {
        return new ModelConfig(
                root.path("model_type").asText("unknown"),
                f.integer("d_model"),
                f.integer("encoder_layers", "num_hidden_layers"),
                f.integer("decoder_layers", "num_hidden_layers"),
                f.integer("encoder_attention_heads", "num_attention_heads"),
                f.integer("decoder_attention_heads", "num_attention_heads"),
                vocab,
                root.hasNonNull("decoder_vocab_size") ? f.integer("decoder_vocab_size") : vocab,
                f.requiredId("pad_token_id", pad),
                f.requiredId("eos_token_id", f.id("eos_token_id", -1)),
                f.id("bos_token_id", -1),
                f.id("decoder_start_token_id", pad),
                root.hasNonNull("max_position_embeddings") ? f.integer("max_position_embeddings") : Integer.MAX_VALUE);
    }

    private record Fields(JsonNode root, Path folder, Path file) {

        int integer(String... names) {
            for (String name : names) {
                JsonNode n = root.get(name);
                if (n != null && n.canConvertToInt()) {
                    return n.intValue();
                }
            }
            throw new ModelLoadException(folder, file, "missing integer field " + String.join(" or ", names));
        }

        long id(String name, long absent) {
            JsonNode n = root.get(name);
            if (n == null || n.isNull()) {
                return absent;
            }
            if (n.isArray() && n.size() > 0) {
                n = n.get(0);
            }
            if (!n.canConvertToLong()) {
                throw new ModelLoadException(folder, file, "field " + name + " is not a token id: " + n);
            }
            return n.longValue();
        }

        long requiredId(String name, long value) {
            if (value < 0) {
                throw new ModelLoadException(folder, file, "missing token id field " + name);
            }
            return value;
        }
    }
}
