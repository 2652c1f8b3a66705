package dev.tarjama.models.generate;

import java.util.List;

/** How the next tokens are chosen: {@link GreedySearch} or {@link BeamSearch}. */
public interface SearchStrategy {

    /**
     * Generates one sequence per row of {@code inputIds}, in input order. All rows share one
     * {@link DecoderSession}, which is closed before this returns.
     */
    List<Generation> generate(Seq2SeqModel model, long[][] inputIds, GenerationConfig config);

    /** Greedy search for {@code numBeams == 1}, beam search otherwise (HF's choice). */
    static SearchStrategy of(GenerationConfig config) {
        return config.numBeams() == 1 ? new GreedySearch() : new BeamSearch();
    }
}
