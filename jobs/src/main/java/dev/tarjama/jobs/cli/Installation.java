package dev.tarjama.jobs.cli;

import dev.tarjama.jobs.config.ConfigKey;
import dev.tarjama.jobs.config.JobConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Where {@code ./tarjama} is installed ({@code -Dtarjama.home}, set by the launcher), and the one
 * rule about relative paths: what the caller writes (command line, {@code --conf FILE},
 * {@code --set}, Spark conf) is relative to the caller's working directory; what comes with the
 * installation (its {@code conf/tarjama.properties} and the built-in defaults: the samples, the
 * bundled smoke model, {@code work/output}) is relative to the installation. Without
 * {@code tarjama.home} (spark-submit) nothing is resolved: every path is the working directory's,
 * or the executors' for a shipped archive.
 */
final class Installation {
    /** System property naming the installation folder. */
    static final String HOME_PROPERTY = "tarjama.home";

    /** The keys whose values are file-system paths. */
    static final Set<ConfigKey> PATH_KEYS = EnumSet.of(ConfigKey.INPUT_PATH, ConfigKey.OUTPUT_PATH,
            ConfigKey.MODEL_TRANSLATION_DIR, ConfigKey.MODEL_SMOKE_DIR, ConfigKey.MODEL_SUMMARY_DIR);

    private final Path home;

    private Installation(Path home) {
        this.home = home;
    }

    /** The installation named by {@code -Dtarjama.home}, if any. */
    static Optional<Installation> current() {
        String home = System.getProperty(HOME_PROPERTY);
        return home == null || home.isBlank() ? Optional.empty()
                : Optional.of(new Installation(Path.of(home).toAbsolutePath().normalize()));
    }

    /** The installation's configuration file, {@code conf/tarjama.properties} under its folder. */
    Path defaultConf() {
        return home.resolve(RunCommand.DEFAULT_CONF);
    }

    /**
     * Layers the installation's defaults onto {@code builder}: the built-in defaults of the path
     * keys, then {@code conf/tarjama.properties} if it exists, each relative path made absolute
     * against the installation. With {@code useConfFile} false only the built-in defaults.
     */
    void layerDefaults(JobConfig.Builder builder, boolean useConfFile) {
        for (ConfigKey key : PATH_KEYS) {
            if (!key.defaultValue().isEmpty()) {
                builder.set(key, resolve(key.defaultValue()), "default");
            }
        }
        Path conf = defaultConf();
        if (!useConfFile || !Files.isRegularFile(conf)) {
            return;
        }
        // Read and checked by JobConfig itself; only the values the file sets are layered.
        JobConfig installed = JobConfig.builder().file(conf).build();
        for (Map.Entry<String, String> origin : installed.origins().entrySet()) {
            if (origin.getValue().equals(conf.toString())) {
                ConfigKey key = ConfigKey.byName(origin.getKey());
                String value = installed.string(key);
                builder.set(key, PATH_KEYS.contains(key) ? resolve(value) : value, conf.toString());
            }
        }
    }

    /** {@code value} against the installation when it is a relative local path; otherwise as it is. */
    String resolve(String value) {
        if (value.isEmpty() || value.contains("://") || value.startsWith("file:") || Path.of(value).isAbsolute()) {
            return value;
        }
        return home.resolve(value).normalize().toString();
    }
}
