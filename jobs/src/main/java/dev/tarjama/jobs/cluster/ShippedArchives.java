package dev.tarjama.jobs.cluster;

import java.util.Arrays;
import java.util.Objects;
import org.apache.spark.SparkConf;

/**
 * Model folders shipped with {@code spark-submit --archives model.tgz#name}: Spark unpacks them
 * into each executor's working directory as {@code ./name}, where the job opens them, while a
 * client-mode driver never sees that folder. This tells the driver's early model check that such
 * a relative folder is expected on the executors only.
 */
public final class ShippedArchives {
    /** Where spark-submit records {@code --archives} (all cluster managers, and YARN's own key). */
    private static final String[] KEYS = {"spark.archives", "spark.yarn.dist.archives"};

    private ShippedArchives() {}

    /** True when {@code dir} is the unpack name of an archive of this application (read from the Spark conf). */
    public static boolean ships(String dir) {
        return ships(new SparkConf(), dir);
    }

    static boolean ships(SparkConf conf, String dir) {
        String name = stripDotSlash(dir);
        if (name.isEmpty() || name.contains("/")) {
            return false;
        }
        return Arrays.stream(KEYS).map(k -> conf.get(k, "")).filter(Objects::nonNull)
                .flatMap(v -> Arrays.stream(v.split(",")))
                .map(String::trim).filter(s -> !s.isEmpty())
                .anyMatch(uri -> unpackName(uri).equals(name));
    }

    /** The folder name Spark unpacks an archive to: the {@code #fragment}, else the file name. */
    static String unpackName(String uri) {
        int hash = uri.lastIndexOf('#');
        if (hash >= 0) {
            return uri.substring(hash + 1);
        }
        return uri.substring(uri.lastIndexOf('/') + 1);
    }

    private static String stripDotSlash(String dir) {
        String d = dir.startsWith("./") ? dir.substring(2) : dir;
        return d.endsWith("/") ? d.substring(0, d.length() - 1) : d;
    }
}
