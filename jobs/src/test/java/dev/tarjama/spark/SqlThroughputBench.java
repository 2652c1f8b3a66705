package dev.tarjama.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tarjama.jobs.batch.RunReport;
import dev.tarjama.jobs.exec.ModelCache;
import dev.tarjama.jobs.support.Inputs;
import dev.tarjama.jobs.support.JobRuns;
import dev.tarjama.jobs.support.TestPaths;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Benchmark, not a unit test (tag {@code bench}, left out of the default and CI runs): articles/s
 * of {@code tarjama_translate} against the batch job's translate stage on the same input, in one
 * JVM, alternating the two, each starting with the model loaded and its memo empty, and prints the
 * ratio. Command in docs/spark-api.md.
 */
@Tag("bench")
class SqlThroughputBench {
    @TempDir
    Path tmp;

    @Test
    void sqlFunctionAndBatchJobTranslateAtTheSameRate() throws Exception {
        List<String> lines = new ArrayList<>(Files.readAllLines(TestPaths.repoRoot().resolve("conf/samples/articles.jsonl")));
        lines.addAll(Inputs.fresh(40));
        if (TestPaths.sharedData().isPresent()) {
            lines.addAll(Inputs.wikinews(TestPaths.sharedData().get(), 40));
        }
        Path input = Inputs.writeJsonl(tmp.resolve("in/articles.jsonl"), lines, List.of());
        int partitions = 4;
        SparkSession spark = ApiSpark.start(ApiSpark.settings());
        try {
            spark.read().schema("id STRING, body STRING").json(input.toString()).repartition(partitions)
                    .createOrReplaceTempView("articles");
            double[] job = new double[3];
            double[] sql = new double[3];
            double[] jobModel = new double[3];
            double[] sqlModel = new double[3];
            for (int round = 0; round < 3; round++) { // round 0 warms up: model load, JIT
                freshModel(spark);
                RunReport report = JobRuns.run(spark, input, tmp.resolve("job-" + round), "run.date=2025-01-15",
                        "exec.partitions=" + partitions, "input.max_body_chars=5000"); // as ApiSpark.settings()
                job[round] = report.json().path("throughput").path("articles_per_s").asDouble();
                jobModel[round] = report.json().path("throughput").path("articles_per_model_call_s").asDouble();
                long jobMemo = report.json().path("segments").path("memo_hits").asLong();
                System.out.println("round " + round + ": batch job model_loads " + report.json().path("model_loads"));
                freshModel(spark);
                long memoBefore = TarjamaMetrics.of(spark.sparkContext()).memoHits().value();
                long start = System.nanoTime();
                String out = tmp.resolve("sql-" + round).toString();
                spark.sql("SELECT id, t.text AS body_en, t.status, t.translate_ms FROM"
                        + " (SELECT id, tarjama_translate_struct(body) AS t FROM articles)").write().parquet(out);
                double seconds = (System.nanoTime() - start) / 1e9;
                assertEquals(lines.size(), spark.read().parquet(out).count());
                // Per translated article (ok or partial), as the job's report counts its throughput.
                long translated = spark.read().parquet(out).where("status IN ('ok', 'partial')").count();
                assertEquals(report.json().path("throughput").path("translated_articles").asLong(), translated,
                        () -> "the same articles translated on both sides; not translated by the query: "
                                + spark.read().parquet(out).where("status NOT IN ('ok', 'partial')")
                                        .selectExpr("concat(id, ' ', status)").collectAsList());
                sql[round] = translated / seconds;
                long modelMs = spark.read().parquet(out).selectExpr("sum(translate_ms)").first().getLong(0);
                sqlModel[round] = translated / (modelMs / 1000.0);
                System.out.printf("round %d: memo hits (repeats inside the one run): batch job %d, tarjama_translate %d%n",
                        round, jobMemo, TarjamaMetrics.of(spark.sparkContext()).memoHits().value() - memoBefore);
                System.out.printf("round %d: articles/s over the query or stage: batch job %.2f, tarjama_translate %.2f;"
                        + " articles per model-call second: batch job %.2f, tarjama_translate %.2f%n",
                        round, job[round], sql[round], jobModel[round], sqlModel[round]);
            }
            System.out.printf("model calls: tarjama_translate / batch job = %.2f (mean of rounds 1-2)%n",
                    (sqlModel[1] + sqlModel[2]) / (jobModel[1] + jobModel[2]));
            double jobMean = (job[1] + job[2]) / 2;
            double sqlMean = (sql[1] + sql[2]) / 2;
            System.out.printf("%d articles, %d partitions, local[2]: tarjama_translate / batch job = %.2f"
                    + " (%.2f vs %.2f articles/s, mean of rounds 1-2)%n", lines.size(), partitions,
                    sqlMean / jobMean, sqlMean, jobMean);
        } finally {
            ModelCache.closeAll();
            spark.stop();
        }
    }

    /**
     * A loaded model with an empty memo for the next measurement: the model keeps a memo of what it
     * translated, so a model left over from the other side's run would serve this input from memory.
     * Loaded by one sentence outside the input (the job reuses it: the same model and settings).
     */
    private static void freshModel(SparkSession spark) {
        ModelCache.closeAll();
        spark.sql("SELECT tarjama_translate('وصل الوفد إلى المدينة صباح اليوم')").collectAsList();
    }
}
