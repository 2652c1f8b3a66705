package dev.tarjama.models.generate;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntConsumer;

/** The processors a {@link GenerationConfig} asks for, applied in the order of docs/generation.md. */
public final class LogitsProcessorList implements LogitsProcessor {

    private final LogitsProcessor[] processors;

    public LogitsProcessorList(List<LogitsProcessor> processors) {
        this.processors = processors.toArray(new LogitsProcessor[0]);
    }

    /** Only the processors whose settings are active, so that a plain config costs nothing. */
    public static LogitsProcessorList from(GenerationConfig config) {
        List<LogitsProcessor> list = new ArrayList<>();
        if (config.repetitionPenalty() != 1.0) {
            list.add(new RepetitionPenalty(config.repetitionPenalty()));
        }
        if (config.noRepeatNgramSize() > 0) {
            list.add(new NoRepeatNgram(config.noRepeatNgramSize()));
        }
        if (!config.badWordsIds().isEmpty()) {
            List<long[]> words = config.badWordsIds().stream()
                    .map(w -> w.stream().mapToLong(Long::longValue).toArray()).toList();
            list.add(new BadWords(words, config.eosTokenId()));
        }
        // HF's MinLength and MinNewTokens processors both only ban EOS, one after the other: one ban
        // up to the larger bound does the same (min_new_tokens n means min_length 1 + n here).
        int minLength = Math.max(config.minLength(), config.minNewTokens() > 0 ? 1 + config.minNewTokens() : 0);
        if (minLength > 0) {
            list.add(new MinLength(minLength, config.eosTokenId()));
        }
        config.forcedBosTokenId().ifPresent(id -> list.add(new ForcedBos(id)));
        config.forcedEosTokenId().ifPresent(id -> list.add(new ForcedEos(id)));
        if (config.renormalizeLogits()) {
            list.add(new LogitNormalization()); // always last, as in HF
        }
        return new LogitsProcessorList(list);
    }

    public List<LogitsProcessor> processors() {
        return List.of(processors);
    }

    @Override
    public float[] process(long[] history, int length, int maxLength, float[] scores) {
        float[] out = scores;
        for (LogitsProcessor processor : processors) {
            out = processor.process(history, length, maxLength, out);
        }
        return out;
    }

    /** True when every processor only bans here; their bans together are then the list's. */
    @Override
    public boolean onlyBans(long[] history, int length, int maxLength, int vocab, IntConsumer banned) {
        for (LogitsProcessor processor : processors) {
            if (!processor.onlyBans(history, length, maxLength, vocab, banned)) {
                return false;
            }
        }
        return true;
    }

    @Override
    public float[] processOwned(long[] history, int length, int maxLength, float[] scores) {
        float[] out = scores;
        for (LogitsProcessor processor : processors) {
            // Whatever a processor returns is either the owned row or a fresh copy: still ours.
            out = processor.processOwned(history, length, maxLength, out);
        }
        return out;
    }
}
