package dev.tarjama.spark;

import dev.tarjama.jobs.support.TestPaths;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.spark.sql.SparkSession;

/** A local[2] session with the Tarjama extensions and the test settings of the batch job's tests. */
final class ApiSpark {
    private ApiSpark() {}

    /** The {@code spark.tarjama.*} settings matching {@code JobRuns.settings}: tiny model, greedy, 32 new tokens. */
    static Map<String, String> settings() {
        Map<String, String> conf = new LinkedHashMap<>();
        conf.put("spark.tarjama.model.translation.dir", TestPaths.tinyModel("marian-xenova").toString());
        conf.put("spark.tarjama.generation.num_beams", "1");
        conf.put("spark.tarjama.generation.max_new_tokens", "32");
        conf.put("spark.tarjama.batch.articles", "8");
        conf.put("spark.tarjama.input.max_body_chars", "5000");
        return conf;
    }

    static SparkSession start(Map<String, String> tarjama) {
        SparkSession.Builder builder = SparkSession.builder()
                .master("local[2]")
                .appName("tarjama-api-test")
                .config("spark.ui.enabled", "false")
                .config("spark.sql.shuffle.partitions", "2")
                .config("spark.default.parallelism", "2")
                .config("spark.sql.session.timeZone", "UTC")
                .config("spark.driver.host", "127.0.0.1")
                .config("spark.sql.extensions", TarjamaSparkExtensions.class.getName());
        tarjama.forEach(builder::config);
        return builder.getOrCreate();
    }
}
