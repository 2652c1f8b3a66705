package dev.tarjama.jobs.config;

import dev.tarjama.jobs.exit.UsageException;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * The effective configuration of one run: built-in defaults, then the conf file, then Spark conf
 * {@code spark.tarjama.*}, then {@code --set key=value}; later layers win. Unknown keys and values
 * of the wrong type are rejected with a message that names the key and where it came from.
 */
public final class JobConfig {

    /** Prefix of Tarjama keys inside Spark conf. */
    public static final String SPARK_PREFIX = "spark.tarjama.";

    private final Map<ConfigKey, String> values;
    private final Map<ConfigKey, String> origins;

    private JobConfig(Map<ConfigKey, String> values, Map<ConfigKey, String> origins) {
        this.values = values;
        this.origins = origins;
    }

    /** Starts from the built-in defaults. */
    public static Builder builder() {
        return new Builder();
    }

    /** Layers configuration sources in precedence order; each call checks what it adds. */
    public static final class Builder {
        private final Map<ConfigKey, String> values = new EnumMap<>(ConfigKey.class);
        private final Map<ConfigKey, String> origins = new EnumMap<>(ConfigKey.class);

        private Builder() {
            for (ConfigKey key : ConfigKey.values()) {
                values.put(key, key.defaultValue());
                origins.put(key, "default");
            }
        }

        /** Adds a properties file; {@code null} adds nothing. */
        public Builder file(Path file) {
            if (file == null) {
                return this;
            }
            if (!Files.isRegularFile(file)) {
                throw new UsageException("configuration file not found: " + file);
            }
            Properties properties = new Properties();
            try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                properties.load(reader);
            } catch (IOException | IllegalArgumentException e) {
                throw new UsageException("cannot read configuration file " + file + ": " + e.getMessage());
            }
            for (String name : properties.stringPropertyNames()) {
                put(name, properties.getProperty(name), file.toString());
            }
            return this;
        }

        /** Adds every {@code spark.tarjama.*} entry of a Spark conf; other entries are ignored. */
        public Builder sparkConf(Map<String, String> sparkConf) {
            for (Map.Entry<String, String> entry : sparkConf.entrySet()) {
                if (entry.getKey().startsWith(SPARK_PREFIX)) {
                    put(entry.getKey().substring(SPARK_PREFIX.length()), entry.getValue(),
                            "Spark conf " + entry.getKey());
                }
            }
            return this;
        }

        /** Adds {@code key=value} assignments from the command line. */
        public Builder sets(List<String> assignments) {
            for (String assignment : assignments) {
                int eq = assignment.indexOf('=');
                if (eq <= 0) {
                    throw new UsageException("--set expects key=value, got '" + assignment + "'");
                }
                put(assignment.substring(0, eq).trim(), assignment.substring(eq + 1), "--set");
            }
            return this;
        }

        /** Sets one key; used by command-line shortcuts such as {@code --input}. */
        public Builder set(ConfigKey key, String value, String origin) {
            return put(key.key(), value, origin);
        }

        private Builder put(String name, String value, String origin) {
            ConfigKey key = ConfigKey.byName(name);
            if (key == null) {
                throw new UsageException("unknown configuration key '" + name + "' (from " + origin
                        + "); known keys: " + String.join(", ", ConfigKey.names()));
            }
            String trimmed = value.trim();
            String problem = key.type().problem(trimmed);
            if (problem != null) {
                throw new UsageException("configuration key '" + name + "' (from " + origin + ") must be "
                        + problem + ", got '" + value + "'");
            }
            values.put(key, trimmed);
            origins.put(key, origin);
            return this;
        }

        public JobConfig build() {
            double min = Double.parseDouble(values.get(ConfigKey.QUALITY_LENGTH_RATIO_MIN));
            double max = Double.parseDouble(values.get(ConfigKey.QUALITY_LENGTH_RATIO_MAX));
            if (min > max) {
                throw new UsageException("configuration key '" + ConfigKey.QUALITY_LENGTH_RATIO_MIN.key()
                        + "' must not exceed '" + ConfigKey.QUALITY_LENGTH_RATIO_MAX.key() + "'");
            }
            return new JobConfig(new EnumMap<>(values), new EnumMap<>(origins));
        }
    }

    public String string(ConfigKey key) {
        return values.get(key);
    }

    public int integer(ConfigKey key) {
        return Integer.parseInt(values.get(key));
    }

    /** The value of a {@link ValueType#BOOLEAN} key. */
    public boolean flag(ConfigKey key) {
        return Boolean.parseBoolean(values.get(key));
    }

    public double decimal(ConfigKey key) {
        return Double.parseDouble(values.get(key));
    }

    /** The date of an optional date key, or {@code null} when empty. */
    public LocalDate date(ConfigKey key) {
        String raw = values.get(key);
        return raw.isEmpty() ? null : LocalDate.parse(raw);
    }

    /** A copy of this configuration with one key replaced (no origin tracking beyond "job"). */
    public JobConfig with(ConfigKey key, String value) {
        Map<ConfigKey, String> copy = new EnumMap<>(values);
        Map<ConfigKey, String> copyOrigins = new EnumMap<>(origins);
        String problem = key.type().problem(value);
        if (problem != null) {
            throw new UsageException("configuration key '" + key.key() + "' must be " + problem);
        }
        copy.put(key, value);
        copyOrigins.put(key, "job");
        return new JobConfig(copy, copyOrigins);
    }

    /** Every key with its effective value, in declaration order (for the run report). */
    public Map<String, String> effective() {
        Map<String, String> out = new LinkedHashMap<>();
        values.forEach((key, value) -> out.put(key.key(), value));
        return Collections.unmodifiableMap(out);
    }

    /** Where each key's effective value came from. */
    public Map<String, String> origins() {
        Map<String, String> out = new LinkedHashMap<>();
        origins.forEach((key, origin) -> out.put(key.key(), origin));
        return Collections.unmodifiableMap(out);
    }
}
