package dev.tarjama.jobs.exec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class CostPartitionerTest {

    @Test
    void ranksAreDealtInASnakeSoEveryPartitionGetsLongAndShortArticles() {
        CostPartitioner p = new CostPartitioner(3);
        int[] expected = {0, 1, 2, 2, 1, 0, 0, 1, 2};
        for (int rank = 0; rank < expected.length; rank++) {
            assertEquals(expected[rank], p.getPartition((long) rank), "rank " + rank);
        }
    }

    @Test
    void costsSortedDescendingEndUpBalanced() {
        int n = 4;
        CostPartitioner p = new CostPartitioner(n);
        long[] totals = new long[n];
        long cost = 10_000;
        for (long rank = 0; rank < 200; rank++) {
            totals[p.getPartition(rank)] += cost;
            cost = cost * 97 / 100 + 1; // steeply falling, like article lengths
        }
        long max = java.util.Arrays.stream(totals).max().getAsLong();
        long min = java.util.Arrays.stream(totals).min().getAsLong();
        assertTrue(max - min < max / 10, java.util.Arrays.toString(totals));
    }
}
