package dev.tarjama.jobs.newsletter;

import java.util.List;
import java.util.Set;

/**
 * Which row flags (docs/output-schema.md) keep an article out of a newsletter unless the editor
 * asks for it ({@code --include-flagged}, then marked "needs review"): the ones that say the
 * English may not say what the Arabic says. A translation stuck in a loop, cut at the length
 * limit, with Arabic left in it, with numbers missing, or much shorter or longer than its source;
 * a model summary with a number or name the translation does not have, or cut at its limit.
 * Notes about how a text was processed ({@code split}, {@code summary_input_truncated:...},
 * {@code id_from_hash}, ...) are not a reason to hold an article back.
 */
public final class ReviewFlags {
    /** Flags that need review as they are. */
    public static final Set<String> EXACT = Set.of("repetition_loop", "max_length", "arabic_in_output",
            "numbers_missing", "length_ratio_low", "length_ratio_high", "summary_max_length");
    /** Flags that need review whatever their value after the colon. */
    public static final List<String> PREFIXES = List.of("summary_number_not_in_source:", "summary_name_not_in_source:");

    private ReviewFlags() {}

    /** The flags of {@code flags} that need review, in their order. */
    public static List<String> of(List<String> flags) {
        return flags.stream().filter(f -> EXACT.contains(f) || PREFIXES.stream().anyMatch(f::startsWith)).toList();
    }
}
