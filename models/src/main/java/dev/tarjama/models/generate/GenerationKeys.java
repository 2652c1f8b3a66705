package dev.tarjama.models.generate;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiPredicate;

/**
 * Hugging Face's generation keys (transformers 4.38) sorted by what Tarjama does with them: read,
 * ignored because they cannot change the output, or refused unless they hold a value that changes
 * nothing. docs/generation.md lists the same three groups.
 */
final class GenerationKeys {

    /** Read into {@link GenerationConfig}. */
    static final Set<String> IMPLEMENTED = Set.of("num_beams", "max_length", "max_new_tokens", "min_length",
            "min_new_tokens", "early_stopping", "no_repeat_ngram_size", "repetition_penalty", "length_penalty",
            "bad_words_ids", "forced_bos_token_id", "forced_eos_token_id", "renormalize_logits", "eos_token_id",
            "pad_token_id", "bos_token_id", "decoder_start_token_id");

    /**
     * No effect on the tokens Tarjama generates: what HF returns besides them, caching and memory
     * strategies with the same result, sampling warpers (sampling itself is refused) and assisted
     * decoding (greedy's tokens by construction). Keys starting with {@code _} are bookkeeping.
     */
    static final Set<String> IGNORED = Set.of("use_cache", "low_memory", "cache_implementation",
            "output_attentions", "output_hidden_states", "output_scores", "output_logits",
            "return_dict_in_generate", "temperature", "top_k", "top_p", "typical_p", "epsilon_cutoff",
            "eta_cutoff", "num_assistant_tokens", "num_assistant_tokens_schedule", "prompt_lookup_num_tokens",
            "transformers_version");

    /** A key that changes the output unless {@code harmless} holds for its value (and the whole object). */
    private record Refused(String what, BiPredicate<JsonNode, JsonNode> harmless) {}

    private static final Map<String, Refused> REFUSED = new LinkedHashMap<>();

    static {
        refuse("do_sample", "sampling", (v, all) -> v.isBoolean() && !v.booleanValue());
        refuse("num_beam_groups", "group beam search", (v, all) -> v.isIntegralNumber() && v.longValue() <= 1);
        refuse("diversity_penalty", "diverse beam search", (v, all) -> v.isNumber() && v.doubleValue() <= 0);
        // Contrastive search needs both; HF's default top_k is 50.
        refuse("penalty_alpha", "contrastive search", (v, all) -> v.isNumber()
                && (v.doubleValue() <= 0 || all.path("top_k").asLong(50) <= 1));
        refuse("constraints", "constrained beam search", (v, all) -> false);
        refuse("force_words_ids", "constrained beam search", (v, all) -> false);
        refuse("suppress_tokens", "suppressed tokens", (v, all) -> v.isArray() && v.isEmpty());
        refuse("begin_suppress_tokens", "tokens suppressed at the start", (v, all) -> v.isArray() && v.isEmpty());
        refuse("forced_decoder_ids", "forced decoder tokens", (v, all) -> v.isContainerNode() && v.isEmpty());
        refuse("sequence_bias", "sequence biases", (v, all) -> v.isContainerNode() && v.isEmpty());
        refuse("exponential_decay_length_penalty", "an exponential length penalty", (v, all) -> false);
        refuse("guidance_scale", "classifier-free guidance", (v, all) -> v.isNumber() && v.doubleValue() == 1.0);
        refuse("encoder_repetition_penalty", "an encoder repetition penalty",
                (v, all) -> v.isNumber() && v.doubleValue() == 1.0);
        refuse("encoder_no_repeat_ngram_size", "encoder n-gram bans",
                (v, all) -> v.isIntegralNumber() && v.longValue() <= 0);
        refuse("num_return_sequences", "several sequences per input",
                (v, all) -> v.isIntegralNumber() && v.longValue() == 1);
        refuse("remove_invalid_values", "replacing inf and NaN scores", (v, all) -> v.isBoolean() && !v.booleanValue());
        refuse("max_time", "a time limit (output would depend on machine speed)", (v, all) -> false);
    }

    private GenerationKeys() {}

    private static void refuse(String key, String what, BiPredicate<JsonNode, JsonNode> harmless) {
        REFUSED.put(key, new Refused(what, harmless));
    }

    /** The keys of {@link #REFUSED}, for documentation tests. */
    static Set<String> refusedKeys() {
        return REFUSED.keySet();
    }

    /**
     * One line per key of {@code json} that would change the output and is not implemented; empty
     * when the settings can be honoured exactly. {@code origin} is the file each key came from;
     * keys Tarjama does not know are problems only when they came from {@code generationConfigFile}
     * ({@code config.json} is mostly the model's architecture).
     */
    static List<String> problems(JsonNode json, Map<String, Path> origin, Path generationConfigFile) {
        List<String> problems = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = json.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            String key = field.getKey();
            JsonNode value = field.getValue();
            Path file = origin.get(key);
            String from = file == null ? "the settings" : file.toString();
            Refused refused = REFUSED.get(key);
            if (refused != null) {
                if (!refused.harmless().test(value, json)) {
                    problems.add(key + "=" + value + " in " + from + " (" + refused.what() + ")");
                }
            } else if (!IMPLEMENTED.contains(key) && !IGNORED.contains(key) && !key.startsWith("_")
                    && file != null && file.equals(generationConfigFile)) {
                problems.add(key + "=" + value + " in " + from + " (not a generation setting of transformers 4.38)");
            }
        }
        return problems;
    }
}
