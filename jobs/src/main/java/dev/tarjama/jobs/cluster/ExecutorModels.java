package dev.tarjama.jobs.cluster;

import dev.tarjama.jobs.models.ModelStager;
import dev.tarjama.models.summarize.SummarizerSpec;
import dev.tarjama.models.translate.TranslatorSpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.SparkEnv;
import org.apache.spark.deploy.SparkHadoopUtil;

/**
 * Where an executor opens a model: a folder given as a URI ({@code hdfs://}, {@code s3a://},
 * {@code file://}) is first copied to this host's disk by {@link ModelStager}, once per host
 * however many executor JVMs share it; a plain path (a local folder, or an {@code --archives}
 * folder in the working directory) is used as it is.
 */
public final class ExecutorModels {
    private ExecutorModels() {}

    /** {@code spec}, with a shared-storage model folder replaced by its staged local copy. */
    public static TranslatorSpec local(TranslatorSpec spec) {
        String dir = localDir(spec.modelDir());
        return dir.equals(spec.modelDir()) ? spec : spec.toBuilder().setModelDir(dir).build();
    }

    /** {@code spec}, with a shared-storage model folder replaced by its staged local copy. */
    public static SummarizerSpec local(SummarizerSpec spec) {
        String dir = localDir(spec.modelDir());
        return dir.equals(spec.modelDir()) ? spec : spec.toBuilder().setModelDir(dir).build();
    }

    /** The local folder of a model: a URI is staged on this host first, a plain path is used as it is. */
    public static String localDir(String modelDir) {
        if (!modelDir.contains("://")) {
            return modelDir;
        }
        try {
            // "hdfs:///models/opus/" and ".../opus" are the same model; the staged folder is named after the last segment.
            String uri = modelDir.replaceAll("/+$", "");
            return new ModelStager(ModelStager.defaultRoot(), hadoopConf()).stage(uri).folder().toString();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot stage model " + modelDir + ": " + e.getMessage(), e);
        }
    }

    /** The Hadoop configuration of this Spark application ({@code spark.hadoop.*} included), e.g. S3 credentials. */
    private static Configuration hadoopConf() {
        SparkEnv env = SparkEnv.get();
        return env == null ? new Configuration() : SparkHadoopUtil.get().newConfiguration(env.conf());
    }
}
