package dev.tarjama.jobs.exec;

import dev.tarjama.jobs.prepare.PreparedArticle;
import org.apache.spark.Partitioner;
import org.apache.spark.api.java.JavaRDD;

/**
 * Spreads articles over partitions by estimated cost (characters to translate), not by count:
 * articles are ranked from most to least expensive and dealt out in a snake (0,1,..,n-1,n-1,..,0,
 * 0,1,..), so every partition gets a similar mix of long and short ones and a similar total.
 */
public final class CostPartitioner extends Partitioner {
    private final int partitions;

    public CostPartitioner(int partitions) {
        this.partitions = partitions;
    }

    /** Redistributes {@code articles} over {@code partitions} partitions by cost. */
    public static JavaRDD<PreparedArticle> spread(JavaRDD<PreparedArticle> articles, int partitions) {
        return articles
                .sortBy(PreparedArticle::cost, false, partitions)
                .zipWithIndex()
                .mapToPair(ranked -> new scala.Tuple2<>(ranked._2(), ranked._1()))
                .partitionBy(new CostPartitioner(partitions))
                .values();
    }

    @Override
    public int numPartitions() {
        return partitions;
    }

    @Override
    public int getPartition(Object key) {
        long rank = (Long) key;
        long round = rank / partitions;
        int position = (int) (rank % partitions);
        return round % 2 == 0 ? position : partitions - 1 - position;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof CostPartitioner p && p.partitions == partitions;
    }

    @Override
    public int hashCode() {
        return partitions;
    }
}
