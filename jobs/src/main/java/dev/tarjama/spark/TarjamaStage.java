package dev.tarjama.spark;

import org.apache.spark.ml.Transformer;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.util.DefaultParamsWriter;
import org.apache.spark.ml.util.MLWritable;
import org.apache.spark.ml.util.MLWriter;

/**
 * What {@link ArabicTranslator} and {@link ArabicSummarizer} share as Spark ML stages: a uid, a copy
 * with extra params, and saving their params with {@code DefaultParamsWriter} (each stage has its
 * static {@code read()}, which {@code Pipeline.load} looks up by class).
 */
abstract class TarjamaStage extends Transformer implements MLWritable {
    private final String uid;

    TarjamaStage(String uid) {
        this.uid = uid;
    }

    @Override
    public final String uid() {
        return uid;
    }

    @Override
    public TarjamaStage copy(ParamMap extra) {
        return defaultCopy(extra);
    }

    @Override
    public final MLWriter write() {
        return new DefaultParamsWriter(this);
    }

    @Override
    public final void save(String path) throws java.io.IOException {
        write().save(path);
    }
}
