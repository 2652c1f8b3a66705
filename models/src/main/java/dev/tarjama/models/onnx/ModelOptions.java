package dev.tarjama.models.onnx;

import java.io.Serializable;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * How to load and run a seq2seq ONNX model: which files, whether to keep a KV cache, the ONNX
 * Runtime thread counts and session settings. Immutable and serializable, so it can travel in a
 * Spark closure.
 */
public final class ModelOptions implements Serializable {

    private static final long serialVersionUID = 1L;

    private final Precision precision;
    private final DecoderLayout decoderLayout;
    private final boolean useCache;
    private final int intraOpThreads;
    private final int interOpThreads;
    private final boolean probeOnLoad;
    private final TreeMap<String, String> sessionSettings;

    private ModelOptions(Builder b) {
        this.precision = b.precision;
        this.decoderLayout = b.decoderLayout;
        this.useCache = b.useCache;
        this.intraOpThreads = b.intraOpThreads;
        this.interOpThreads = b.interOpThreads;
        this.probeOnLoad = b.probeOnLoad;
        this.sessionSettings = new TreeMap<>(b.sessionSettings);
    }

    /** fp32, auto decoder layout, KV cache on, ONNX Runtime's default thread counts. */
    public static ModelOptions defaults() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A builder starting from these options. */
    public Builder toBuilder() {
        return new Builder()
                .optPrecision(precision)
                .optDecoderLayout(decoderLayout)
                .optUseCache(useCache)
                .optIntraOpThreads(intraOpThreads)
                .optInterOpThreads(interOpThreads)
                .optProbeOnLoad(probeOnLoad)
                .optSessionSettings(sessionSettings);
    }

    public Precision precision() {
        return precision;
    }

    public DecoderLayout decoderLayout() {
        return decoderLayout;
    }

    /** False for the benchmark baseline: every step re-runs the decoder over the whole prefix. */
    public boolean useCache() {
        return useCache;
    }

    /** Threads inside one operator; 0 leaves ONNX Runtime's default (one per core). */
    public int intraOpThreads() {
        return intraOpThreads;
    }

    /** Threads across operators (parallel execution mode only); 0 leaves the default. */
    public int interOpThreads() {
        return interOpThreads;
    }

    /** Whether loading runs a one-token probe that checks output names, ranks and vocab size. */
    public boolean probeOnLoad() {
        return probeOnLoad;
    }

    /**
     * ONNX Runtime session settings over Tarjama's measured defaults ({@link SessionSettings}); empty
     * unless a benchmark asks for something else.
     */
    public Map<String, String> sessionSettings() {
        return Collections.unmodifiableMap(sessionSettings);
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof ModelOptions other)) {
            return false;
        }
        return precision == other.precision
                && decoderLayout == other.decoderLayout
                && useCache == other.useCache
                && intraOpThreads == other.intraOpThreads
                && interOpThreads == other.interOpThreads
                && probeOnLoad == other.probeOnLoad
                && sessionSettings.equals(other.sessionSettings);
    }

    @Override
    public int hashCode() {
        return Objects.hash(precision, decoderLayout, useCache, intraOpThreads, interOpThreads, probeOnLoad, sessionSettings);
    }

    @Override
    public String toString() {
        return "ModelOptions{precision=" + precision + ", decoderLayout=" + decoderLayout
                + ", useCache=" + useCache + ", intraOpThreads=" + intraOpThreads
                + ", interOpThreads=" + interOpThreads + ", probeOnLoad=" + probeOnLoad
                + ", sessionSettings=" + sessionSettings + '}';
    }

    /** Builder for {@link ModelOptions}; every setting is optional. */
    public static final class Builder {
        private Precision precision = Precision.FP32;
        private DecoderLayout decoderLayout = DecoderLayout.AUTO;
        private boolean useCache = true;
        private int intraOpThreads;
        private int interOpThreads;
        private boolean probeOnLoad = true;
        private final TreeMap<String, String> sessionSettings = new TreeMap<>();

        private Builder() {}

        public Builder optPrecision(Precision precision) {
            this.precision = Objects.requireNonNull(precision, "precision");
            return this;
        }

        public Builder optDecoderLayout(DecoderLayout decoderLayout) {
            this.decoderLayout = Objects.requireNonNull(decoderLayout, "decoderLayout");
            return this;
        }

        public Builder optUseCache(boolean useCache) {
            this.useCache = useCache;
            return this;
        }

        public Builder optIntraOpThreads(int threads) {
            this.intraOpThreads = checkThreads(threads, "intraOpThreads");
            return this;
        }

        public Builder optInterOpThreads(int threads) {
            this.interOpThreads = checkThreads(threads, "interOpThreads");
            return this;
        }

        public Builder optProbeOnLoad(boolean probeOnLoad) {
            this.probeOnLoad = probeOnLoad;
            return this;
        }

        /** Sets one ONNX Runtime session setting; {@link SessionSettings} lists the keys and values. */
        public Builder optSessionSetting(String key, String value) {
            SessionSettings.check(key, value);
            sessionSettings.put(key, value);
            return this;
        }

        public Builder optSessionSettings(Map<String, String> settings) {
            settings.forEach(this::optSessionSetting);
            return this;
        }

        public ModelOptions build() {
            return new ModelOptions(this);
        }

        private static int checkThreads(int threads, String name) {
            if (threads < 0) {
                throw new IllegalArgumentException(name + " must be >= 0 (0 = ONNX Runtime default), got " + threads);
            }
            return threads;
        }
    }
}
