package dev.tarjama.models.generate;

/**
 * The best {@code k} log-probabilities of each row of a step, best first (ties: the lower vocabulary
 * index first), with their vocabulary indices: {@code values[r][j]} is the log-softmax of row
 * {@code r}'s logits at {@code indices[r][j]}. What beam search needs of a step when its processors
 * only ban tokens ({@link LogitsProcessor#onlyBans}).
 */
public record TopLogProbs(float[][] values, int[][] indices) {

    public TopLogProbs {
        if (values.length != indices.length) {
            throw new IllegalArgumentException(values.length + " value rows but " + indices.length + " index rows");
        }
        for (int r = 0; r < values.length; r++) {
            if (values[r].length != indices[r].length) {
                throw new IllegalArgumentException("row " + r + ": " + values[r].length + " values but "
                        + indices[r].length + " indices");
            }
        }
    }

    public int rows() {
        return values.length;
    }
}
