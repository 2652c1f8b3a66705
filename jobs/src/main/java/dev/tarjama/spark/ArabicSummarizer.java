package dev.tarjama.spark;

import static org.apache.spark.sql.types.DataTypes.StringType;

import dev.tarjama.jobs.config.ConfigKey;
import dev.tarjama.jobs.config.JobConfig;
import dev.tarjama.jobs.exec.JobMetrics;
import dev.tarjama.jobs.exec.MicroBatches;
import dev.tarjama.jobs.output.ArticleRow;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.ml.param.IntParam;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.util.DefaultParamsReader;
import org.apache.spark.ml.util.Identifiable$;
import org.apache.spark.ml.util.MLReader;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.BinaryType;
import org.apache.spark.sql.types.StructType;

/**
 * Spark ML stage beside {@link ArabicTranslator}: the summaries of an Arabic text column and its
 * English translation column, as {@code tarjama_summarize} makes them (extractive, or an
 * abstractive English summary when {@code setModelDir} names a summarization model).
 */
public final class ArabicSummarizer extends TarjamaStage {
    private final Param<String> inputCol;
    private final Param<String> englishCol;
    private final Param<String> outputCol;
    private final Param<String> arabicOutputCol;
    private final Param<String> methodCol;
    private final Param<String> modelDir;
    private final Param<String> translationModelDir;
    private final Param<String> budget;
    private final IntParam numBeams;
    private final IntParam maxNewTokens;

    public ArabicSummarizer() {
        this(Identifiable$.MODULE$.randomUID("arabicSummarizer"));
    }

    /** Used by {@link #read()} to restore a saved stage. */
    public ArabicSummarizer(String uid) {
        super(uid); // first: each Param belongs to the uid
        this.inputCol = new Param<>(this, "inputCol", "Arabic text column");
        this.englishCol = new Param<>(this, "englishCol", "its English translation (abstractive input)");
        this.outputCol = new Param<>(this, "outputCol", "English summary column");
        this.arabicOutputCol = new Param<>(this, "arabicOutputCol", "Arabic summary column; empty: none");
        this.methodCol = new Param<>(this, "methodCol", "how the English summary was made; empty: none");
        this.modelDir = new Param<>(this, "modelDir", "summarization model folder (model.summary.dir); unset: conf, else extractive");
        this.translationModelDir = new Param<>(this, "translationModelDir",
            "translation model for extractive English summaries (model.translation.dir)");
        this.budget = new Param<>(this, "budget", "extractive length: 'N sentences' or 'N words' (summary.budget)");
        this.numBeams = new IntParam(this, "numBeams", "beam width of the extractive English translation (generation.num_beams)");
        this.maxNewTokens = new IntParam(this, "maxNewTokens", "its most tokens per sentence piece (generation.max_new_tokens)");
        setDefault(inputCol, "text");
        setDefault(englishCol, "text_en");
        setDefault(outputCol, "summary_en");
        setDefault(arabicOutputCol, "");
        setDefault(methodCol, "");
    }

    public Param<String> inputCol() { return inputCol; }
    public Param<String> englishCol() { return englishCol; }
    public Param<String> outputCol() { return outputCol; }
    public Param<String> arabicOutputCol() { return arabicOutputCol; }
    public Param<String> methodCol() { return methodCol; }
    public Param<String> modelDir() { return modelDir; }
    public Param<String> translationModelDir() { return translationModelDir; }
    public Param<String> budget() { return budget; }
    public IntParam numBeams() { return numBeams; }
    public IntParam maxNewTokens() { return maxNewTokens; }

    public ArabicSummarizer setInputCol(String value) { set(inputCol, value); return this; }
    public ArabicSummarizer setEnglishCol(String value) { set(englishCol, value); return this; }
    public ArabicSummarizer setOutputCol(String value) { set(outputCol, value); return this; }
    public ArabicSummarizer setArabicOutputCol(String value) { set(arabicOutputCol, value); return this; }
    public ArabicSummarizer setMethodCol(String value) { set(methodCol, value); return this; }
    public ArabicSummarizer setModelDir(String value) { set(modelDir, value); return this; }
    public ArabicSummarizer setTranslationModelDir(String value) { set(translationModelDir, value); return this; }
    public ArabicSummarizer setBudget(String value) { set(budget, value); return this; }
    public ArabicSummarizer setNumBeams(int value) { set(numBeams, value); return this; }
    public ArabicSummarizer setMaxNewTokens(int value) { set(maxNewTokens, value); return this; }

    @Override
    public StructType transformSchema(StructType schema) {
        StageColumns.textColumn(schema, getOrDefault(inputCol));
        StageColumns.textColumn(schema, getOrDefault(englishCol));
        StructType out = StageColumns.add(schema, getOrDefault(outputCol), StringType);
        out = StageColumns.add(out, getOrDefault(arabicOutputCol), StringType);
        return StageColumns.add(out, getOrDefault(methodCol), StringType);
    }

    TarjamaSettings settings(SparkSession spark) {
        JobConfig config = TarjamaSettings.config(spark);
        config = StageColumns.override(config, this, modelDir, ConfigKey.MODEL_SUMMARY_DIR);
        config = StageColumns.override(config, this, translationModelDir, ConfigKey.MODEL_TRANSLATION_DIR);
        config = StageColumns.override(config, this, budget, ConfigKey.SUMMARY_BUDGET);
        config = StageColumns.override(config, this, numBeams, ConfigKey.GENERATION_NUM_BEAMS);
        config = StageColumns.override(config, this, maxNewTokens, ConfigKey.GENERATION_MAX_NEW_TOKENS);
        return TarjamaSettings.of(config, TarjamaSettings.taskCpus(spark));
    }

    @Override
    public Dataset<Row> transform(Dataset<?> dataset) {
        StructType out = transformSchema(dataset.schema());
        SparkSession spark = dataset.sparkSession();
        StructType in = dataset.schema();
        int ar = StageColumns.textColumn(in, getOrDefault(inputCol));
        int en = StageColumns.textColumn(in, getOrDefault(englishCol));
        boolean[] binary = {in.fields()[ar].dataType() instanceof BinaryType, in.fields()[en].dataType() instanceof BinaryType};
        boolean[] extras = {!getOrDefault(arabicOutputCol).isEmpty(), !getOrDefault(methodCol).isEmpty()};
        return dataset.toDF().mapPartitions(new Rows(settings(spark), TarjamaMetrics.of(spark.sparkContext()),
                new int[] {ar, en}, binary, extras), Encoders.row(out));
    }

    /** The executor side: micro-batches of rows through {@link TextSummaries}. */
    private record Rows(TarjamaSettings settings, JobMetrics metrics, int[] columns, boolean[] binary,
            boolean[] extras) implements MapPartitionsFunction<Row, Row> {
        @Override
        public Iterator<Row> call(Iterator<Row> rows) {
            if (!rows.hasNext()) {
                return List.<Row>of().iterator();
            }
            TextSummaries summaries = TextSummaries.open(settings, metrics);
            return new MicroBatches<>(rows, settings.run().batchArticles(), row -> true, batch -> {
                List<String[]> pairs = batch.stream().map(row -> new String[] {
                    StageColumns.text(row, columns[0], binary[0]), StageColumns.text(row, columns[1], binary[1])}).toList();
                List<ArticleRow> results = summaries.process(pairs);
                List<Row> out = new ArrayList<>(batch.size());
                for (int i = 0; i < batch.size(); i++) {
                    ArticleRow r = results.get(i);
                    List<Object> added = new ArrayList<>();
                    added.add(r.summaryEn);
                    if (extras[0]) {
                        added.add(r.summaryAr);
                    }
                    if (extras[1]) {
                        added.add(r.summaryMethodEn);
                    }
                    out.add(RowFactory.create(StageColumns.append(batch.get(i), added.toArray())));
                }
                metrics.articlesDone().add(batch.size());
                return out;
            });
        }
    }

    @Override
    public ArabicSummarizer copy(ParamMap extra) {
        return (ArabicSummarizer) super.copy(extra);
    }

    /** How {@code Pipeline.load} and {@code PipelineModel.load} restore this stage. */
    public static MLReader<ArabicSummarizer> read() {
        return new DefaultParamsReader<>();
    }

    public static ArabicSummarizer load(String path) {
        return read().load(path);
    }
}
