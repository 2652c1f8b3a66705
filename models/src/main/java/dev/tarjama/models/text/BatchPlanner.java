package dev.tarjama.models.text;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Groups the chunks of many documents into model batches: sorted by token count (longest first,
 * ties in input order, so plans are deterministic), each batch within {@code maxRows} rows and a
 * padded cost ({@code rows × longest row}) within {@code tokenBudget}. Sorting keeps padding low;
 * the references in each row put results back in order (see {@link Reassembler}).
 *
 * <p>A chunk longer than the budget on its own gets a batch of its own rather than being dropped.
 */
public final class BatchPlanner {

    private final int tokenBudget;
    private final int maxRows;

    /**
     * @param tokenBudget the most padded tokens per batch (rows × longest row); at least 1
     * @param maxRows the most rows per batch; at least 1
     */
    public BatchPlanner(int tokenBudget, int maxRows) {
        if (tokenBudget < 1 || maxRows < 1) {
            throw new IllegalArgumentException("tokenBudget and maxRows must be >= 1, got " + tokenBudget + ", " + maxRows);
        }
        this.tokenBudget = tokenBudget;
        this.maxRows = maxRows;
    }

    /** Batches for {@code documents}, where {@code documents.get(d)} holds document d's chunks. */
    public List<Batch> plan(List<List<Chunk>> documents) {
        List<BatchItem> items = new ArrayList<>();
        for (int d = 0; d < documents.size(); d++) {
            for (Chunk chunk : documents.get(d)) {
                items.add(new BatchItem(ChunkRef.of(d, chunk), chunk.text(), chunk.tokens()));
            }
        }
        // List.sort is stable: equal lengths keep document order.
        items.sort(Comparator.comparingInt(BatchItem::tokens).reversed());
        List<Batch> batches = new ArrayList<>();
        List<BatchItem> current = new ArrayList<>();
        int longest = 0;
        for (BatchItem item : items) {
            int newLongest = Math.max(longest, item.tokens());
            boolean fits = current.size() < maxRows && (long) (current.size() + 1) * newLongest <= tokenBudget;
            if (!current.isEmpty() && !fits) {
                batches.add(new Batch(current));
                current = new ArrayList<>();
                newLongest = item.tokens();
            }
            current.add(item);
            longest = newLongest;
        }
        if (!current.isEmpty()) {
            batches.add(new Batch(current));
        }
        return batches;
    }
}
