package dev.tarjama.models.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class BatchPlannerTest {

    private static Chunk chunk(int sentence, int tokens) {
        return new Chunk(0, sentence, 0, 1, "s" + sentence, tokens);
    }

    private static List<List<Chunk>> documents() {
        return List.of(
                List.of(chunk(0, 3), chunk(1, 10), chunk(2, 1)),
                List.of(chunk(0, 7), chunk(1, 3)),
                List.of(chunk(0, 9), chunk(1, 2), chunk(2, 8)));
    }

    @Test
    void batchesAreSortedLongestFirstAndStayWithinBudgetAndRows() {
        List<Batch> batches = new BatchPlanner(20, 3).plan(documents());
        List<Integer> order = new ArrayList<>();
        for (Batch b : batches) {
            assertTrue(b.rows() <= 3);
            assertTrue(b.paddedTokens() <= 20, "padded cost " + b.paddedTokens());
            b.items().forEach(i -> order.add(i.tokens()));
        }
        assertEquals(List.of(10, 9, 8, 7, 3, 3, 2, 1), order);
        assertEquals(List.of(2, 2, 3, 1), batches.stream().map(Batch::rows).toList());
    }

    @Test
    void everyChunkIsPlannedOnceWithAReferenceBackToIt() {
        List<List<Chunk>> docs = documents();
        Set<ChunkRef> seen = new HashSet<>();
        for (Batch b : new BatchPlanner(1000, 2).plan(docs)) {
            for (BatchItem item : b.items()) {
                assertTrue(seen.add(item.ref()), "planned twice: " + item.ref());
                Chunk source = docs.get(item.ref().document()).get(item.ref().sentence());
                assertEquals(source.text(), item.text());
            }
        }
        assertEquals(8, seen.size());
    }

    @Test
    void equalLengthsKeepInputOrderSoPlansAreDeterministic() {
        List<Batch> batches = new BatchPlanner(100, 10).plan(documents());
        List<BatchItem> items = batches.get(0).items();
        assertEquals(new ChunkRef(0, 0, 0, 0), items.get(4).ref());
        assertEquals(new ChunkRef(1, 0, 1, 0), items.get(5).ref());
    }

    @Test
    void aChunkOverTheBudgetGetsABatchOfItsOwn() {
        List<Batch> batches = new BatchPlanner(5, 4).plan(List.of(List.of(chunk(0, 2), chunk(1, 50), chunk(2, 2))));
        assertEquals(2, batches.size());
        assertEquals(50, batches.get(0).longest());
        assertEquals(1, batches.get(0).rows());
        assertEquals(4, batches.get(1).paddedTokens());
    }

    @Test
    void emptyInputGivesNoBatchesAndBadLimitsAreRejected() {
        assertEquals(List.of(), new BatchPlanner(10, 2).plan(List.of(List.of(), List.of())));
        assertThrows(IllegalArgumentException.class, () -> new BatchPlanner(0, 2));
        assertThrows(IllegalArgumentException.class, () -> new BatchPlanner(10, 0));
    }
}
