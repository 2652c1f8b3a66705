package dev.tarjama.spark;

import static org.apache.spark.sql.types.DataTypes.StringType;
import static org.apache.spark.sql.types.DataTypes.createArrayType;

import dev.tarjama.jobs.config.ConfigKey;
import dev.tarjama.jobs.config.JobConfig;
import dev.tarjama.jobs.exec.JobMetrics;
import dev.tarjama.jobs.exec.MicroBatches;
import dev.tarjama.jobs.output.ArticleRow;
import dev.tarjama.jobs.output.OutputSchema;
import dev.tarjama.jobs.prepare.PreparedArticle;
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
 * Spark ML stage that translates an Arabic text column to English, as {@code tarjama_translate}
 * does (same executor path, same statuses): {@code setInputCol}, {@code setOutputCol}, optional
 * status, reason, flags and segments columns, and the model settings; what is not set comes from
 * the session's {@code spark.tarjama.*} configuration. Saved and loaded with a {@code Pipeline}.
 */
public final class ArabicTranslator extends TarjamaStage {
    private final Param<String> inputCol;
    private final Param<String> outputCol;
    private final Param<String> statusCol;
    private final Param<String> reasonCol;
    private final Param<String> flagsCol;
    private final Param<String> segmentsCol;
    private final Param<String> modelDir;
    private final Param<String> precision;
    private final IntParam numBeams;
    private final IntParam maxNewTokens;

    public ArabicTranslator() {
        this(Identifiable$.MODULE$.randomUID("arabicTranslator"));
    }

    /** Used by {@link #read()} to restore a saved stage. */
    public ArabicTranslator(String uid) {
        super(uid); // first: each Param belongs to the uid
        this.inputCol = new Param<>(this, "inputCol", "Arabic text column (string or binary UTF-8)");
        this.outputCol = new Param<>(this, "outputCol", "English text column (null unless status is ok)");
        this.statusCol = new Param<>(this, "statusCol", "status column (ok, skipped, failed); empty: none");
        this.reasonCol = new Param<>(this, "reasonCol", "reason column (translated, empty, ...); empty: none");
        this.flagsCol = new Param<>(this, "flagsCol", "quality flags column; empty: none");
        this.segmentsCol = new Param<>(this, "segmentsCol", "sentence segments column; empty: none");
        this.modelDir = new Param<>(this, "modelDir", "translation model folder or URI (model.translation.dir)");
        this.precision = new Param<>(this, "precision", "fp32 or int8 (model.translation.precision)");
        this.numBeams = new IntParam(this, "numBeams", "beam width; 1 = greedy (generation.num_beams)");
        this.maxNewTokens = new IntParam(this, "maxNewTokens", "most tokens per sentence piece (generation.max_new_tokens)");
        setDefault(inputCol, "text");
        setDefault(outputCol, "text_en");
        setDefault(statusCol, "");
        setDefault(reasonCol, "");
        setDefault(flagsCol, "");
        setDefault(segmentsCol, "");
    }

    public Param<String> inputCol() { return inputCol; }
    public Param<String> outputCol() { return outputCol; }
    public Param<String> statusCol() { return statusCol; }
    public Param<String> reasonCol() { return reasonCol; }
    public Param<String> flagsCol() { return flagsCol; }
    public Param<String> segmentsCol() { return segmentsCol; }
    public Param<String> modelDir() { return modelDir; }
    public Param<String> precision() { return precision; }
    public IntParam numBeams() { return numBeams; }
    public IntParam maxNewTokens() { return maxNewTokens; }

    public ArabicTranslator setInputCol(String value) { set(inputCol, value); return this; }
    public ArabicTranslator setOutputCol(String value) { set(outputCol, value); return this; }
    public ArabicTranslator setStatusCol(String value) { set(statusCol, value); return this; }
    public ArabicTranslator setReasonCol(String value) { set(reasonCol, value); return this; }
    public ArabicTranslator setFlagsCol(String value) { set(flagsCol, value); return this; }
    public ArabicTranslator setSegmentsCol(String value) { set(segmentsCol, value); return this; }
    public ArabicTranslator setModelDir(String value) { set(modelDir, value); return this; }
    public ArabicTranslator setPrecision(String value) { set(precision, value); return this; }
    public ArabicTranslator setNumBeams(int value) { set(numBeams, value); return this; }
    public ArabicTranslator setMaxNewTokens(int value) { set(maxNewTokens, value); return this; }

    public String getInputCol() { return getOrDefault(inputCol); }
    public String getOutputCol() { return getOrDefault(outputCol); }

    @Override
    public StructType transformSchema(StructType schema) {
        StageColumns.textColumn(schema, getInputCol());
        StructType out = StageColumns.add(schema, getOutputCol(), StringType);
        out = StageColumns.add(out, getOrDefault(statusCol), StringType);
        out = StageColumns.add(out, getOrDefault(reasonCol), StringType);
        out = StageColumns.add(out, getOrDefault(flagsCol), createArrayType(StringType, false));
        return StageColumns.add(out, getOrDefault(segmentsCol), createArrayType(OutputSchema.SEGMENT, false));
    }

    /** The settings this stage translates with: the session's {@code spark.tarjama.*}, then this stage's params. */
    TarjamaSettings settings(SparkSession spark) {
        JobConfig config = TarjamaSettings.config(spark);
        config = StageColumns.override(config, this, modelDir, ConfigKey.MODEL_TRANSLATION_DIR);
        config = StageColumns.override(config, this, precision, ConfigKey.MODEL_TRANSLATION_PRECISION);
        config = StageColumns.override(config, this, numBeams, ConfigKey.GENERATION_NUM_BEAMS);
        config = StageColumns.override(config, this, maxNewTokens, ConfigKey.GENERATION_MAX_NEW_TOKENS);
        return TarjamaSettings.of(config, TarjamaSettings.taskCpus(spark));
    }

    @Override
    public Dataset<Row> transform(Dataset<?> dataset) {
        StructType out = transformSchema(dataset.schema());
        SparkSession spark = dataset.sparkSession();
        int input = StageColumns.textColumn(dataset.schema(), getInputCol());
        boolean binary = dataset.schema().fields()[input].dataType() instanceof BinaryType;
        boolean[] extras = {!getOrDefault(statusCol).isEmpty(), !getOrDefault(reasonCol).isEmpty(),
            !getOrDefault(flagsCol).isEmpty(), !getOrDefault(segmentsCol).isEmpty()};
        return dataset.toDF().mapPartitions(new Rows(settings(spark), TarjamaMetrics.of(spark.sparkContext()), input,
                binary, extras), Encoders.row(out));
    }

    /** The executor side: micro-batches of rows through {@link TextTranslations}, the job's path. */
    private record Rows(TarjamaSettings settings, JobMetrics metrics, int input, boolean binary, boolean[] extras)
            implements MapPartitionsFunction<Row, Row> {
        @Override
        public Iterator<Row> call(Iterator<Row> rows) {
            if (!rows.hasNext()) {
                return List.<Row>of().iterator();
            }
            TextTranslations translations = TextTranslations.open(settings, metrics);
            Iterator<Object[]> items = new Iterator<>() {
                @Override
                public boolean hasNext() {
                    return rows.hasNext();
                }

                @Override
                public Object[] next() {
                    Row row = rows.next();
                    return new Object[] {row, translations.prepare(StageColumns.text(row, input, binary))};
                }
            };
            return new MicroBatches<>(items, settings.run().batchArticles(),
                    item -> translations.needsModel((PreparedArticle) item[1]), batch -> {
                        List<ArticleRow> results = translations.process(
                                batch.stream().map(item -> (PreparedArticle) item[1]).toList());
                        List<Row> out = new ArrayList<>(batch.size());
                        for (int i = 0; i < batch.size(); i++) {
                            out.add(row((Row) batch.get(i)[0], results.get(i)));
                        }
                        metrics.articlesDone().add(batch.size());
                        return out;
                    });
        }

        private Row row(Row in, ArticleRow result) {
            List<Object> added = new ArrayList<>();
            added.add(Results.text(result));
            Row struct = Results.translation(result);
            for (int i = 0; i < extras.length; i++) {
                if (extras[i]) {
                    // status, reason, flags, segments: fields 1, 2, 4 and 5 of the translation struct
                    added.add(struct.get(new int[] {1, 2, 4, 5}[i]));
                }
            }
            return RowFactory.create(StageColumns.append(in, added.toArray()));
        }
    }

    @Override
    public ArabicTranslator copy(ParamMap extra) {
        return (ArabicTranslator) super.copy(extra);
    }

    /** How {@code Pipeline.load} and {@code PipelineModel.load} restore this stage. */
    public static MLReader<ArabicTranslator> read() {
        return new DefaultParamsReader<>();
    }

    public static ArabicTranslator load(String path) {
        return read().load(path);
    }
}
