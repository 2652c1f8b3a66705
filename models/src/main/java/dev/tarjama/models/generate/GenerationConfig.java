package dev.tarjama.models.generate;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * Immutable search settings with Hugging Face generation semantics (docs/generation.md); every
 * value is checked here, whoever builds it. {@link GenerationConfigReader} reads them from a model
 * folder's JSON files.
 *
 * <p>Built with {@link #builder()}: two token ids are required and the rest default to Hugging
 * Face's values. {@link #toBuilder()} derives a changed copy, which the pipeline, the summarizer,
 * the benchmark and the tests do for overrides such as the beam width.
 *
 * @param numBeams 1 for greedy search, more for beam search
 * @param maxLength HF's {@code max_length}: bounds the length counted with the decoder start token
 * @param maxNewTokens when present, {@code max_length = 1 + maxNewTokens} (it wins over {@code maxLength})
 * @param minLength EOS is banned while the length (decoder start included) is below it
 * @param minNewTokens EOS is banned while fewer tokens than this were generated; 0 turns it off
 * @param maxLengthRatio per-row cap {@code 1 + floor(ratio * sourceLength) + offset}; 0 turns it off
 * @param maxLengthOffset the cap's offset
 * @param decoderStartTokenId the first token fed to the decoder
 * @param eosTokenId the end-of-sequence token
 * @param padTokenId the padding token, when the model has one
 * @param bosTokenId the beginning-of-sequence token, when the model has one
 * @param forcedBosTokenId the token forced as the first generated one
 * @param forcedEosTokenId the token forced as the last one a row can get
 * @param badWordsIds banned token sequences, each non-empty
 * @param noRepeatNgramSize no n-gram of this size occurs twice; 0 turns it off
 * @param repetitionPenalty HF's repetition penalty; 1 turns it off
 * @param lengthPenalty exponent of the length that divides a finished hypothesis's score
 * @param earlyStopping when beam search considers a row done (HF's {@code early_stopping})
 * @param renormalizeLogits log-softmax once more after the other processors (HF's {@code renormalize_logits})
 */
public record GenerationConfig(
        int numBeams,
        int maxLength,
        OptionalInt maxNewTokens,
        int minLength,
        int minNewTokens,
        double maxLengthRatio,
        int maxLengthOffset,
        long decoderStartTokenId,
        long eosTokenId,
        OptionalLong padTokenId,
        OptionalLong bosTokenId,
        OptionalLong forcedBosTokenId,
        OptionalLong forcedEosTokenId,
        List<List<Long>> badWordsIds,
        int noRepeatNgramSize,
        double repetitionPenalty,
        double lengthPenalty,
        EarlyStopping earlyStopping,
        boolean renormalizeLogits) {

    public GenerationConfig {
        Objects.requireNonNull(maxNewTokens, "maxNewTokens");
        Objects.requireNonNull(earlyStopping, "earlyStopping");
        Objects.requireNonNull(badWordsIds, "badWordsIds must not be null (use an empty list)");
        require(numBeams >= 1, "numBeams must be >= 1, got " + numBeams);
        require(maxLength >= 2, "maxLength must be >= 2 (it counts the decoder start token), got " + maxLength);
        require(maxNewTokens.isEmpty() || maxNewTokens.getAsInt() >= 1,
                "maxNewTokens must be >= 1 when set, got " + maxNewTokens.orElse(0));
        require(minLength >= 0, "minLength must be >= 0, got " + minLength);
        require(minNewTokens >= 0, "minNewTokens must be >= 0, got " + minNewTokens);
        require(Double.isFinite(maxLengthRatio) && maxLengthRatio >= 0,
                "maxLengthRatio must be a finite number >= 0, got " + maxLengthRatio);
        require(noRepeatNgramSize >= 0, "noRepeatNgramSize must be >= 0, got " + noRepeatNgramSize);
        require(Double.isFinite(repetitionPenalty) && repetitionPenalty > 0,
                "repetitionPenalty must be a finite number > 0, got " + repetitionPenalty);
        require(Double.isFinite(lengthPenalty), "lengthPenalty must be a finite number, got " + lengthPenalty);
        requireTokenId("decoderStartTokenId", OptionalLong.of(decoderStartTokenId));
        requireTokenId("eosTokenId", OptionalLong.of(eosTokenId));
        requireTokenId("padTokenId", padTokenId);
        requireTokenId("bosTokenId", bosTokenId);
        requireTokenId("forcedBosTokenId", forcedBosTokenId);
        requireTokenId("forcedEosTokenId", forcedEosTokenId);
        List<List<Long>> words = new ArrayList<>(badWordsIds.size());
        for (List<Long> word : badWordsIds) {
            require(word != null && !word.isEmpty(), "badWordsIds entries must be non-empty");
            for (Long id : word) {
                require(id != null && id >= 0, "badWordsIds holds a negative token id: " + word);
            }
            words.add(List.copyOf(word));
        }
        badWordsIds = List.copyOf(words);
    }

    /** A builder with Hugging Face's defaults; the decoder start and EOS ids must be set. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding this config's values, to derive a changed copy. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.numBeams = numBeams;
        b.maxLength = maxLength;
        b.maxNewTokens = maxNewTokens;
        b.minLength = minLength;
        b.minNewTokens = minNewTokens;
        b.maxLengthRatio = maxLengthRatio;
        b.maxLengthOffset = maxLengthOffset;
        b.decoderStartTokenId = decoderStartTokenId;
        b.eosTokenId = eosTokenId;
        b.padTokenId = padTokenId;
        b.bosTokenId = bosTokenId;
        b.forcedBosTokenId = forcedBosTokenId;
        b.forcedEosTokenId = forcedEosTokenId;
        b.badWordsIds = badWordsIds;
        b.noRepeatNgramSize = noRepeatNgramSize;
        b.repetitionPenalty = repetitionPenalty;
        b.lengthPenalty = lengthPenalty;
        b.earlyStopping = earlyStopping;
        b.renormalizeLogits = renormalizeLogits;
        return b;
    }

    /**
     * The max length (decoder start included) for a row whose source has {@code sourceLength}
     * tokens: {@code max_new_tokens} wins over {@code max_length}, the ratio option can only
     * shorten it, and it is never below 2 so every row generates at least one token.
     */
    public int maxLengthFor(int sourceLength) {
        long max = maxNewTokens.isPresent() ? 1L + maxNewTokens.getAsInt() : maxLength;
        if (maxLengthRatio > 0) {
            long relative = 1L + (long) Math.floor(maxLengthRatio * sourceLength) + maxLengthOffset;
            max = Math.min(max, relative);
        }
        return (int) Math.max(2L, Math.min(max, Integer.MAX_VALUE));
    }

    /**
     * Whether a length limit ended {@code g}, generated for a source of {@code sourceLength} tokens:
     * it has no EOS (it ran to its max length), or its EOS is the one {@code forced_eos_token_id}
     * forces at the last position, so the model never chose to stop.
     */
    public boolean stoppedByLength(Generation g, int sourceLength) {
        if (!g.endedWithEos()) {
            return true;
        }
        return forcedEosTokenId.isPresent() && forcedEosTokenId.getAsLong() == eosTokenId
                && 1 + g.length() >= maxLengthFor(sourceLength);
    }

    private static void requireTokenId(String name, OptionalLong id) {
        require(id.isEmpty() || id.getAsLong() >= 0, name + " must be >= 0, got " + id.orElse(-1));
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalArgumentException(message);
        }
    }

    /** Collects the values of a {@link GenerationConfig}; the record checks them. */
    public static final class Builder {
        private int numBeams = 1;
        private int maxLength = 20;
        private OptionalInt maxNewTokens = OptionalInt.empty();
        private int minLength;
        private int minNewTokens;
        private double maxLengthRatio;
        private int maxLengthOffset;
        private Long decoderStartTokenId;
        private Long eosTokenId;
        private OptionalLong padTokenId = OptionalLong.empty();
        private OptionalLong bosTokenId = OptionalLong.empty();
        private OptionalLong forcedBosTokenId = OptionalLong.empty();
        private OptionalLong forcedEosTokenId = OptionalLong.empty();
        private List<List<Long>> badWordsIds = List.of();
        private int noRepeatNgramSize;
        private double repetitionPenalty = 1.0;
        private double lengthPenalty = 1.0;
        private EarlyStopping earlyStopping = EarlyStopping.HEURISTIC;
        private boolean renormalizeLogits;

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

        public Builder optNumBeams(int value) {
            numBeams = value;
            return this;
        }

        public Builder optMaxLength(int value) {
            maxLength = value;
            return this;
        }

        /** When set, {@code max_length = 1 + maxNewTokens}; {@code null} unsets it. */
        public Builder optMaxNewTokens(Integer value) {
            maxNewTokens = value == null ? OptionalInt.empty() : OptionalInt.of(value);
            return this;
        }

        public Builder optMinLength(int value) {
            minLength = value;
            return this;
        }

        public Builder optMinNewTokens(int value) {
            minNewTokens = value;
            return this;
        }

        /** Per-row max length {@code 1 + floor(ratio * sourceLength) + offset}; ratio 0 turns it off. */
        public Builder optMaxLengthRatio(double ratio, int offset) {
            maxLengthRatio = ratio;
            maxLengthOffset = offset;
            return this;
        }

        /** {@code null} unsets it. */
        public Builder optPadTokenId(Long id) {
            padTokenId = optional(id);
            return this;
        }

        /** {@code null} unsets it. */
        public Builder optBosTokenId(Long id) {
            bosTokenId = optional(id);
            return this;
        }

        /** {@code null} unsets it. */
        public Builder optForcedBosTokenId(Long id) {
            forcedBosTokenId = optional(id);
            return this;
        }

        /** {@code null} unsets it. */
        public Builder optForcedEosTokenId(Long id) {
            forcedEosTokenId = optional(id);
            return this;
        }

        /** Banned token sequences; the arrays are copied. */
        public Builder optBadWordsIds(List<long[]> words) {
            if (words == null) {
                throw new IllegalArgumentException("badWordsIds must not be null (use an empty list)");
            }
            List<List<Long>> copy = new ArrayList<>(words.size());
            for (long[] word : words) {
                copy.add(word == null ? null : java.util.Arrays.stream(word).boxed().toList());
            }
            badWordsIds = copy;
            return this;
        }

        public Builder optNoRepeatNgramSize(int value) {
            noRepeatNgramSize = value;
            return this;
        }

        public Builder optRepetitionPenalty(double value) {
            repetitionPenalty = value;
            return this;
        }

        public Builder optLengthPenalty(double value) {
            lengthPenalty = value;
            return this;
        }

        public Builder optEarlyStopping(EarlyStopping value) {
            earlyStopping = value;
            return this;
        }

        /** HF's boolean values: {@code true} is {@link EarlyStopping#WHEN_FULL}, {@code false} {@link EarlyStopping#HEURISTIC}. */
        public Builder optEarlyStopping(boolean value) {
            return optEarlyStopping(EarlyStopping.of(value));
        }

        public Builder optRenormalizeLogits(boolean value) {
            renormalizeLogits = value;
            return this;
        }

        public GenerationConfig build() {
            require(decoderStartTokenId != null, "decoderStartTokenId is required");
            require(eosTokenId != null, "eosTokenId is required");
            return new GenerationConfig(numBeams, maxLength, maxNewTokens, minLength, minNewTokens, maxLengthRatio,
                    maxLengthOffset, decoderStartTokenId, eosTokenId, padTokenId, bosTokenId, forcedBosTokenId,
                    forcedEosTokenId, badWordsIds, noRepeatNgramSize, repetitionPenalty, lengthPenalty,
                    earlyStopping, renormalizeLogits);
        }

        private static OptionalLong optional(Long id) {
            return id == null ? OptionalLong.empty() : OptionalLong.of(id);
        }
    }
}
