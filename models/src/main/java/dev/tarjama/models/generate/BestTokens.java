package dev.tarjama.models.generate;

/**
 * Greedy search's need of a step when its processors only ban tokens: each row's best token once
 * the bans are applied ({@code indices[r]}, the lowest index among equal logits), and {@code
 * sumExp[r]}, the sum of {@code exp(x - x_best)} over the row's unbanned logits, so that the token's
 * log-probability is {@code -log(sumExp[r])}.
 */
public record BestTokens(int[] indices, float[] sumExp) {

    public BestTokens {
        if (indices.length != sumExp.length) {
            throw new IllegalArgumentException(indices.length + " indices but " + sumExp.length + " sums");
        }
    }

    public int rows() {
        return indices.length;
    }
}
