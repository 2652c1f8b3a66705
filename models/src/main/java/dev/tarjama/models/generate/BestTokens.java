package dev.tarjama.models.generate;

/**
 * Greedy search's need of a step when its processors only ban tokens: each row's best token once
 * the bans are applied ({@code indices[r]}, the lowest index among equal logits), and {@code
 * logprobs[r]}, that token's log-probability over the row's unbanned logits.
 */
public record BestTokens(int[] indices, float[] logprobs) {

    public BestTokens {
        if (indices.length != logprobs.length) {
            throw new IllegalArgumentException(indices.length + " indices but " + logprobs.length + " log-probabilities");
        }
    }

    public int rows() {
        return indices.length;
    }
}
