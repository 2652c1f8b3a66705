package dev.tarjama.jobs.cluster;

import dev.tarjama.jobs.models.ModelStager;
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
        if (!spec.modelDir().contains("://")) {
            return spec;
        }
        try {
            // "hdfs:///models/opus/" and ".../opus" are the same model; the staged folder is named after the last segment.
            String uri = spec.modelDir().replaceAll("/+$", "");
            ModelStager.Staged staged = new ModelStager(ModelStager.defaultRoot(), hadoopConf()).stage(uri);
            return new TranslatorSpec(staged.folder().toString(), spec.precision(), spec.intraOpThreads(),
                    spec.interOpThreads(), spec.numBeams(), spec.maxNewTokens(), spec.maxBatchTokens(),
                    spec.maxBatchRows());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot stage model " + spec.modelDir() + ": " + e.getMessage(), e);
        }
    }

    /** The Hadoop configuration of this Spark application ({@code spark.hadoop.*} included), e.g. S3 credentials. */
    private static Configuration hadoopConf() {
        SparkEnv env = SparkEnv.get();
        return env == null ? new Configuration() : SparkHadoopUtil.get().newConfiguration(env.conf());
    }
}
