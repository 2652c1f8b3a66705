package dev.tarjama.jobs.cluster;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.spark.SparkConf;
import org.junit.jupiter.api.Test;

class ShippedArchivesTest {
    private static SparkConf conf(String key, String value) {
        return new SparkConf(false).set(key, value);
    }

    @Test
    void aRelativeFolderNamedByAnArchiveFragmentIsShipped() {
        SparkConf c = conf("spark.archives", "hdfs:///models/other.zip#other, file:/tmp/model.tgz#opus");
        assertTrue(ShippedArchives.ships(c, "opus"));
        assertTrue(ShippedArchives.ships(c, "./opus/"));
        assertFalse(ShippedArchives.ships(c, "/abs/opus"));
        assertFalse(ShippedArchives.ships(c, "opus/sub"));
        assertFalse(ShippedArchives.ships(c, "model"));
    }

    @Test
    void withoutAFragmentTheArchiveFileNameIsTheFolder() {
        assertTrue(ShippedArchives.ships(conf("spark.yarn.dist.archives", "hdfs:///m/opus.zip"), "opus.zip"));
        assertFalse(ShippedArchives.ships(conf("spark.yarn.dist.archives", "hdfs:///m/opus.zip"), "opus"));
    }

    @Test
    void nothingIsShippedWithoutArchives() {
        assertFalse(ShippedArchives.ships(new SparkConf(false), "opus"));
    }
}
