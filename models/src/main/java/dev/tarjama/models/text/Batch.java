package dev.tarjama.models.text;

import java.util.List;

/** Rows the model runs together, longest first. */
public record Batch(List<BatchItem> items) {

    /** Copies the rows; a batch is never empty. */
    public Batch {
        items = List.copyOf(items);
        if (items.isEmpty()) {
            throw new IllegalArgumentException("a batch has at least one row");
        }
    }

    /** Number of rows. */
    public int rows() {
        return items.size();
    }

    /** Tokens of the longest row: every row is padded to it. */
    public int longest() {
        int max = 0;
        for (BatchItem item : items) {
            max = Math.max(max, item.tokens());
        }
        return max;
    }

    /** What the batch costs once padded: rows times the longest row. */
    public long paddedTokens() {
        return (long) rows() * longest();
    }
}
