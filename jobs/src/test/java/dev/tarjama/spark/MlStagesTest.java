package dev.tarjama.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.tarjama.jobs.exec.ModelCache;
import dev.tarjama.jobs.support.TestPaths;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.ml.Pipeline;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.PipelineStage;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** ArabicTranslator and ArabicSummarizer in a Pipeline: saved, loaded in a new session, same output as SQL. */
@Tag("spark")
class MlStagesTest {
    @TempDir
    Path tmp;

    private static Dataset<Row> articles(SparkSession spark) {
        return spark.read().schema("id STRING, body STRING")
                .json(TestPaths.repoRoot().resolve("conf/samples/articles.jsonl").toString())
                .union(spark.sql("SELECT 'null-body' AS id, CAST(NULL AS STRING) AS body"))
                .repartition(2);
    }

    /** id -> the stages' columns, as strings. */
    private static Map<String, List<String>> rows(Dataset<Row> out) {
        Map<String, List<String>> byId = new TreeMap<>();
        for (Row r : out.select("id", "body_en", "status", "reason", "segments", "summary_en", "summary_ar")
                .collectAsList()) {
            byId.put(r.getString(0), java.util.Arrays.asList(r.getString(1), r.getString(2), r.getString(3),
                    String.valueOf(r.get(4)), r.getString(5), r.getString(6)));
        }
        return byId;
    }

    @Test
    void aPipelineOfTheStagesSavedAndLoadedInANewSessionGivesTheSameOutput() throws Exception {
        String model = TestPaths.tinyModel("marian-xenova").toString();
        ArabicTranslator translator = new ArabicTranslator().setInputCol("body").setOutputCol("body_en")
                .setStatusCol("status").setReasonCol("reason").setSegmentsCol("segments")
                .setModelDir(model).setNumBeams(1).setMaxNewTokens(32);
        ArabicSummarizer summarizer = new ArabicSummarizer().setInputCol("body").setEnglishCol("body_en")
                .setOutputCol("summary_en").setArabicOutputCol("summary_ar").setTranslationModelDir(model)
                .setNumBeams(1).setMaxNewTokens(32);
        Path saved = tmp.resolve("pipeline");
        Map<String, List<String>> first;
        Map<String, String> sql = new TreeMap<>();
        SparkSession spark = ApiSpark.start(Map.of("spark.tarjama.generation.num_beams", "1",
                "spark.tarjama.generation.max_new_tokens", "32"));
        try {
            PipelineModel fitted = new Pipeline().setStages(new PipelineStage[] {translator, summarizer})
                    .fit(articles(spark));
            first = rows(fitted.transform(articles(spark)));
            fitted.write().overwrite().save(saved.toString());
            articles(spark).createOrReplaceTempView("articles");
            spark.conf().set("spark.tarjama.model.translation.dir", model);
            for (Row r : spark.sql("SELECT id, tarjama_translate(body) FROM articles").collectAsList()) {
                sql.put(r.getString(0), r.getString(1));
            }
        } finally {
            ModelCache.closeAll();
            spark.stop();
        }
        assertEquals(7, first.size());
        assertEquals("ok", first.get("sample-001").get(1));
        assertEquals("skipped/empty", first.get("null-body").get(1) + "/" + first.get("null-body").get(2));
        assertNull(first.get("null-body").get(0));
        first.forEach((id, row) -> assertEquals(sql.get(id), row.get(0), "ArabicTranslator = tarjama_translate for " + id));

        // A new session (new application) without any spark.tarjama settings: the stages' params were saved.
        SparkSession again = ApiSpark.start(Map.of());
        try {
            PipelineModel loaded = PipelineModel.load(saved.toString());
            assertEquals(translator.uid(), loaded.stages()[0].uid());
            Map<String, List<String>> second = rows(loaded.transform(articles(again)));
            assertEquals(first.keySet(), second.keySet());
            for (String id : first.keySet()) {
                List<String> a = first.get(id);
                List<String> b = second.get(id);
                // Every column but the segments' scores, whose last float digits follow the batch's padding.
                assertEquals(List.of(a.get(0) + "", a.get(1), a.get(2) + "", a.get(4) + "", a.get(5) + ""),
                        List.of(b.get(0) + "", b.get(1), b.get(2) + "", b.get(4) + "", b.get(5) + ""), id);
            }
        } finally {
            ModelCache.closeAll();
            again.stop();
        }
    }
}
